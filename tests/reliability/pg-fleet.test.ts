// Exactly once across a fleet on one PostgreSQL registry, default-run size (tests/support/
// pg-fleet.ts): 3 kiosk processes on two "PCs" × 20 overlapping IDs, then the same with a fault in
// the middle: the database server crashed and restarted; every connection reset by the network
// (a loopback TCP proxy, tests/support/tcp-proxy.ts); the network silent for longer than the
// kiosks' deadline (blackholed); the primary killed and its synchronous streaming standby promoted
// (docs/fleet.md, "During an outage or failover"). The stress run (tests/stress/pg-fleet.test.ts)
// uses 8 processes and hundreds of IDs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgSkipReason, startPgCluster, startStandby, type PgCluster } from '../support/pg-cluster';
import { runPgFleet } from '../support/pg-fleet';
import { expectFleetGuarantees } from './pg-fleet-guarantees';

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
      const run = await runPgFleet(cluster, {
        processes: 3,
        ids: 20,
        concurrency: 2,
        db: 'fleet_plain',
        deadlineMs: 20_000,
      });
      console.info('pg fleet (default):', JSON.stringify(run.figures));
      expectFleetGuarantees(run);
      expect(run.figures.handedOut).toBe(20);
      expect(run.figures.issuedInRegistry).toBe(20);
    },
  );

  it(
    'server crashed and restarted mid-run: nothing issued twice, nothing committed lost, kiosks reconnect',
    { timeout: 240_000 },
    async () => {
      const run = await runPgFleet(cluster, {
        processes: 3,
        ids: 20,
        concurrency: 2,
        db: 'fleet_restart',
        fault: { kind: 'restart', after: 12 },
      });
      console.info('pg fleet (restart):', JSON.stringify(run.figures));
      expectFleetGuarantees(run);
      expect(run.figures.handedOut).toBeGreaterThan(0);
    },
  );

  it(
    'every connection reset by the network mid-run: nothing issued twice, nothing lost, kiosks reconnect',
    { timeout: 240_000 },
    async () => {
      const run = await runPgFleet(cluster, {
        processes: 3,
        ids: 20,
        concurrency: 2,
        db: 'fleet_drop',
        fault: { kind: 'drop', after: 12 },
      });
      console.info('pg fleet (connections reset):', JSON.stringify(run.figures));
      expectFleetGuarantees(run);
      expect(run.figures.proxy?.dropped).toBeGreaterThan(0);
      expect(run.figures.handedOut).toBeGreaterThan(0);
    },
  );

  it(
    'the network silent for longer than the deadline: calls fail closed, late bytes change nothing, kiosks recover',
    { timeout: 240_000 },
    async () => {
      const run = await runPgFleet(cluster, {
        processes: 3,
        ids: 20,
        concurrency: 2,
        db: 'fleet_blackhole',
        deadlineMs: 2000,
        fault: { kind: 'blackhole', after: 12, ms: 5000 },
      });
      console.info('pg fleet (blackholed):', JSON.stringify(run.figures));
      expectFleetGuarantees(run);
      expect(run.figures.unavailableAnswers).toBeGreaterThan(0);
      expect(run.figures.handedOut).toBeGreaterThan(0);
    },
  );
});

describe.skipIf(skip !== undefined)('a fleet whose primary fails over to a synchronous standby', () => {
  let primary: PgCluster | undefined;
  let standby: PgCluster | undefined;
  afterAll(() => {
    standby?.destroy();
    primary?.destroy();
  });

  it(
    'primary killed, standby promoted, the address moved: kiosks follow, every certificate handed out survives',
    { timeout: 300_000 },
    async () => {
      primary = await startPgCluster();
      standby = await startStandby(primary, { synchronous: true });
      const run = await runPgFleet(primary, {
        processes: 3,
        ids: 20,
        concurrency: 2,
        db: 'fleet_failover',
        fault: { kind: 'failover', after: 12, standby },
      });
      console.info('pg fleet (failover):', JSON.stringify(run.figures));
      expectFleetGuarantees(run);
      // The registry read afterwards is the promoted standby's: it accepts writes now.
      const [role] = await standby.query<{ recovering: boolean }>('SELECT pg_is_in_recovery() AS recovering');
      expect(role?.recovering).toBe(false);
      expect(run.figures.handedOut).toBeGreaterThan(0);
    },
  );
});
