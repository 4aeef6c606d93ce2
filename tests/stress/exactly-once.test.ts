// Exactly once under load (docs/reliability.md), stress size: 8 kiosk processes share one registry and each
// asks for all 2,000 IDs in its own random order, 8 requests in flight per process — 16,000
// requests, every ID asked 8 times. Run with `npm run test:stress`.
import { describe, expect, it } from 'vitest';
import { runExactlyOnce } from '../support/exactly-once';
import { expectExactlyOnce } from '../reliability/exactly-once-guarantees';

describe('exactly once across processes (stress)', () => {
  it(
    '8 processes × 2,000 IDs: one certificate per ID, registry = certificates handed out, all verify',
    { timeout: 900_000 },
    async () => {
      const run = await runExactlyOnce({ processes: 8, ids: 2000, concurrency: 8 });
      console.info('exactly-once (stress):', JSON.stringify(run.figures));
      expectExactlyOnce(run);
      expect(run.figures.issued).toBe(2000);
    },
  );
});
