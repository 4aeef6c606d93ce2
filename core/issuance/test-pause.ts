// TEST-ONLY crash hooks (crash recovery and fault injection, docs/reliability.md: tests/registry/
// crash-recovery.test.ts, tests/reliability/kill-points.test.ts, tests/stress/). When
// KIOSK_TEST_PAUSE_AT names a step and KIOSK_TEST_PAUSE_MARKER names a file, the issuing process
// writes that file at the step and then waits until it is killed, so a test can `kill -9` it at
// an exact point of reserve → sign → self-verify → commit. Without both variables (every real
// deployment) each hook is one environment lookup and returns. Documented in
// docs/configuration.md ("Test-only environment variables") and docs/reliability.md.
import { writeFileSync } from 'node:fs';

/** In the order the issuance use case reaches them (core/issuance/issuance-service.ts). */
export const PAUSE_POINTS = [
  'after-lookup',
  'after-reserve',
  'after-sign',
  'after-verify',
  // Inside the registry's commit transaction, before and after the audit line is written.
  'commit-before-audit',
  'commit-after-audit',
  'after-commit',
] as const;
export type PausePoint = (typeof PAUSE_POINTS)[number];

export async function pauseForCrashTest(point: PausePoint): Promise<void> {
  const marker = process.env.KIOSK_TEST_PAUSE_MARKER;
  if (process.env.KIOSK_TEST_PAUSE_AT !== point || !marker) return;
  writeFileSync(marker, point);
  // Keep the event loop alive until the test kills us; never resolves.
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}

/** The same for points inside a synchronous SQLite transaction: blocks the thread until killed. */
export function pauseForCrashTestSync(point: PausePoint): void {
  const marker = process.env.KIOSK_TEST_PAUSE_MARKER;
  if (process.env.KIOSK_TEST_PAUSE_AT !== point || !marker) return;
  writeFileSync(marker, point);
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
