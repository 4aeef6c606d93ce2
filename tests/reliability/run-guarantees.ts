// What every multi-process run promises before its own guarantees (exactly-once-guarantees.ts,
// pg-fleet-guarantees.ts): every worker exited cleanly, every request got an answer, and the only
// answers were the ones a racing citizen may hear (plus `allowedAlso`, e.g. "not now" during a fault).
import { expect } from 'vitest';
import type { WorkerExit } from '../support/run-facts';

/** Someone else got it, or is getting it right now. */
const RACING_OUTCOMES = ['issued', 'ALREADY_ISSUED', 'ISSUANCE_IN_PROGRESS'];

export function expectCleanRun(
  run: {
    readonly workerExits: readonly WorkerExit[];
    readonly figures: {
      readonly seed: number;
      readonly answers: number;
      readonly processes: number;
      readonly ids: number;
      readonly outcomes: Readonly<Record<string, number>>;
    };
  },
  allowedAlso: readonly string[] = [],
): string {
  const { figures } = run;
  const seed = `seed ${figures.seed}`;
  for (const e of run.workerExits) {
    expect({ code: e.code, signal: e.signal }, `${e.kioskId} (${seed}): ${e.stderr}`).toEqual({
      code: 0,
      signal: null,
    });
  }
  expect(figures.answers, `one answer per request (${seed})`).toBe(figures.processes * figures.ids);
  const allowed = [...RACING_OUTCOMES, ...allowedAlso];
  expect(
    Object.keys(figures.outcomes).filter((o) => !allowed.includes(o)),
    `unexpected answers (${seed})`,
  ).toEqual([]);
  return seed;
}
