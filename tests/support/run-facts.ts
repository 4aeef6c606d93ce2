// What the fleet harnesses (exactly-once.ts, pg-fleet.ts) share to turn a run into facts: how each
// worker ended, the answers by kind, and list differences. Nothing here judges; the test files do.
import type { RunningWorker, WorkerLine } from './child-kiosk';

export interface WorkerExit {
  readonly kioskId: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** What the worker wrote to stderr: the first thing to read when it did not exit cleanly. */
  readonly stderr: string;
}

export async function workerExits(workers: readonly RunningWorker[], kioskIds: readonly string[]) {
  const exits = await Promise.all(workers.map((w) => w.exited));
  return exits.map((e, i): WorkerExit => ({ kioskId: kioskIds[i]!, ...e, stderr: workers[i]!.stderr() }));
}

/** Answers by kind: 'issued', or the refusal's code. */
export function outcomesOf(answers: readonly WorkerLine[]): Record<string, number> {
  const outcomes: Record<string, number> = {};
  for (const a of answers) outcomes[a.ok ? 'issued' : a.code!] = (outcomes[a.ok ? 'issued' : a.code!] ?? 0) + 1;
  return outcomes;
}

/** The entries of `list` that `others` does not account for, repeats counted (a multiset difference). */
export function unmatched(list: readonly string[], others: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const o of others) left.set(o, (left.get(o) ?? 0) + 1);
  return list.filter((e) => {
    const n = left.get(e) ?? 0;
    left.set(e, n - 1);
    return n <= 0;
  });
}

/** Entries that occur more than once (each named once). */
export function repeated(list: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (const e of list) seen.set(e, (seen.get(e) ?? 0) + 1);
  return [...seen].filter(([, n]) => n > 1).map(([e]) => e);
}
