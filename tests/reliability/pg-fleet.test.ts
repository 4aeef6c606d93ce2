// Exactly once across a fleet on one PostgreSQL registry, default-run size (tests/support/
// pg-fleet.ts): 3 kiosk processes on two "PCs" × 20 overlapping IDs, then the same with the
// database server crashed and restarted mid-run. The stress run (tests/stress/pg-fleet.test.ts)
// uses 8 processes × 2,000 IDs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';
import { runPgFleet } from '../support/pg-fleet';

const skip = pgSkipReason();
if (skip) console.info(`PostgreSQL fleet tests skipped: ${skip}`);
let cluster: PgCluster;
beforeAll(async () => {
  if (!skip) cluster = await startPgCluster();
});
afterAll(() => cluster?.destroy());

describe.skipIf(skip !== undefined)('a fleet sharing one PostgreSQL registry', () => {
  it(
    '3 processes × 20 IDs: one certificate per ID, registry = certificates handed out = audit',
    { timeout: 240_000 },
    async () => {
      const figures = await runPgFleet(cluster, {
        processes: 3,
        ids: 20,
        concurrency: 2,
        db: 'fleet_plain',
        deadlineMs: 20_000,
      });
      console.info('pg fleet (default):', JSON.stringify(figures));
      expect(figures.handedOut).toBe(20);
      expect(figures.issuedInRegistry).toBe(20);
    },
  );

  it(
    'server crashed and restarted mid-run: nothing issued twice, nothing committed lost, kiosks reconnect',
    { timeout: 240_000 },
    async () => {
      const figures = await runPgFleet(cluster, {
        processes: 3,
        ids: 20,
        concurrency: 2,
        db: 'fleet_restart',
        restartAfterResults: 12,
      });
      console.info('pg fleet (restart):', JSON.stringify(figures));
      expect(figures.handedOut).toBeGreaterThan(0);
    },
  );
});
