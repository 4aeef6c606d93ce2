// TEST-ONLY crash hook (issue 3, crash-recovery test in tests/registry/crash-recovery.test.ts).
// When KIOSK_TEST_PAUSE_AT names a step ('after-reserve' or 'after-commit') and
// KIOSK_TEST_PAUSE_MARKER names a file, the issuing process writes that file at the step and then
// waits until it is killed, so a test can `kill -9` it at an exact point. Without both variables
// (every real deployment) this does nothing. Documented in docs/configuration.md.
import { writeFileSync } from 'node:fs';

export type PausePoint = 'after-reserve' | 'after-commit';

export async function pauseForCrashTest(point: PausePoint): Promise<void> {
  const marker = process.env.KIOSK_TEST_PAUSE_MARKER;
  if (process.env.KIOSK_TEST_PAUSE_AT !== point || !marker) return;
  writeFileSync(marker, point);
  // Keep the event loop alive until the test kills us; never resolves.
  await new Promise<never>(() => setInterval(() => undefined, 60_000));
}
