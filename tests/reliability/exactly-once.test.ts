// Exactly once under load (docs/reliability.md), default-run size: 4 kiosk processes share one registry and
// each asks for all 200 IDs in its own random order, 4 requests in flight per process (800
// requests, each ID asked 4 times at nearly the same moment). tests/registry/multi-process.test.ts
// covers the same with 6 IDs; tests/stress/exactly-once.test.ts with 8 processes × 2,000 IDs.
import { describe, expect, it } from 'vitest';
import { runExactlyOnce } from '../support/exactly-once';
import { expectExactlyOnce } from './exactly-once-guarantees';

describe('exactly once across processes', () => {
  it(
    '4 processes × 200 IDs: one certificate per ID, registry = certificates handed out, all verify',
    { timeout: 170_000 },
    async () => {
      const run = await runExactlyOnce({ processes: 4, ids: 200, concurrency: 4 });
      console.info('exactly-once (default):', JSON.stringify(run.figures));
      expectExactlyOnce(run);
      expect(run.figures.issued).toBe(200);
    },
  );
});
