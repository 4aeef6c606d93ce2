// SIGKILL over a hundred times (docs/reliability.md, stress run): every kill point 12 times (108 kills at the
// fixed steps of reserve → sign → self-verify → commit → print), then 50 kiosk processes each
// issuing and printing a batch several at a time and killed at a random moment — inside a
// fsync, between statements, mid-print, wherever it is. Same checks as the default run
// (tests/reliability/kill-points.test.ts): integrity, issued once or free, never twice, what was
// handed out is recorded, the audit log tells the registry's story.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKillHarness, KILL_POINTS, type KillHarness } from '../support/kill-harness';
import { startBatch } from '../support/random-kill';

// Sized so that CI (install, npm test, this run) stays under 45 minutes on 2 cores: each kill
// starts a kiosk process (~1.8 s), so 25 and 100 took 10 of this run's 16 minutes.
const ROUNDS = 12;
const RANDOM_KILLS = 50;
const BATCH_IDS = 16;
let harness: KillHarness;
let randomKills = 0;
const totals = { handedOut: 0, issuedUnseen: 0, retriedIssued: 0 };

beforeAll(async () => {
  harness = await createKillHarness(KILL_POINTS.length * ROUNDS, RANDOM_KILLS * BATCH_IDS);
});
afterAll(async () => {
  console.info(
    `kill points (stress): ${harness.kills()} kills at ${KILL_POINTS.length} fixed points, ${randomKills} random kills`,
    JSON.stringify(totals),
  );
  await harness?.close();
});

describe('killed at every step (stress)', () => {
  it.each(KILL_POINTS.map((p) => [p]))(
    `%s × ${ROUNDS}: integrity ok, ID issued once or free, never twice`,
    { timeout: 300_000 },
    async (point) => {
      for (let round = 0; round < ROUNDS; round++) await harness.killAt(point);
      harness.checkAll();
    },
  );

  it(`${RANDOM_KILLS} batches killed at random moments`, { timeout: 600_000 }, async () => {
    for (let k = 0; k < RANDOM_KILLS; k++) {
      const batch = await startBatch(harness, harness.spare.slice(k * BATCH_IDS, (k + 1) * BATCH_IDS), 3);
      // Anywhere from before the first certificate to near the end of the batch.
      await new Promise((r) => setTimeout(r, Math.random() * 500));
      const outcome = await batch.killAndCheck();
      if (outcome.killed) randomKills++;
      totals.handedOut += outcome.handedOut;
      totals.issuedUnseen += outcome.issuedUnseen;
      totals.retriedIssued += outcome.retriedIssued;
      if (k % 10 === 9) harness.checkAll();
    }
    harness.checkAll();
    expect(randomKills).toBeGreaterThan(RANDOM_KILLS / 2);
  });
});
