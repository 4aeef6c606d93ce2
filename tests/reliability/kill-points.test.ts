// SIGKILL at every step of reserve → sign → self-verify → commit → print (docs/reliability.md), default-run
// size: every kill point 3 times while a neighbouring kiosk process issues and prints other
// certificates on the same data directory; then one busy batch is killed at an arbitrary moment.
// After each kill the registry passes its integrity check and, after a restart, the ID is issued
// once or free to issue — never twice (tests/support/kill-harness.ts, random-kill.ts). The
// stress run kills hundreds of times (tests/stress/kill-points.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKillHarness, KILL_POINTS, type KillHarness } from '../support/kill-harness';
import { startBatch, type RunningBatch } from '../support/random-kill';

const ROUNDS = 3;
const NEIGHBOUR_IDS = 150;
const BATCH_IDS = 30;
let harness: KillHarness;
let neighbour: RunningBatch;

beforeAll(async () => {
  harness = await createKillHarness(KILL_POINTS.length * ROUNDS, NEIGHBOUR_IDS + BATCH_IDS);
  neighbour = await startBatch(harness, harness.spare.slice(0, NEIGHBOUR_IDS), 2);
});
afterAll(async () => {
  await neighbour?.worker.kill();
  await harness?.close();
});

describe('killed at every step', () => {
  it.each(KILL_POINTS.map((p) => [p]))(
    '%s: integrity ok, ID issued once or free, never twice',
    { timeout: 90_000 },
    async (point) => {
      const outcomes = [];
      for (let round = 0; round < ROUNDS; round++) outcomes.push(await harness.killAt(point));
      expect(new Set(outcomes).size).toBe(1);
      harness.checkAll();
    },
  );

  it('the neighbouring kiosk: what it handed out is recorded, the rest issues once', { timeout: 120_000 }, async () => {
    const outcome = await neighbour.killAndCheck();
    harness.checkAll();
    console.info('neighbour:', JSON.stringify(outcome));
  });

  it(
    'a kiosk killed in the middle of a busy batch: what it handed out is recorded, the rest issues once',
    { timeout: 120_000 },
    async () => {
      const batch = await startBatch(harness, harness.spare.slice(NEIGHBOUR_IDS), 3);
      await batch.waitHandedOut(8);
      const outcome = await batch.killAndCheck();
      harness.checkAll();
      console.info(
        `kill points (default): ${harness.kills()} kills at ${KILL_POINTS.length} points + 1 mid-batch kill`,
        JSON.stringify(outcome),
      );
      expect(outcome.killed).toBe(true);
      expect(outcome.handedOut).toBeLessThan(BATCH_IDS);
    },
  );
});
