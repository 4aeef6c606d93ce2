// The crash tests' checkpoint (docs/reliability.md, "exactly once under crashes"), injected into
// the issuance use case through its deps (core/issuance/issuance-deps.ts, `checkpoint`). When
// KIOSK_TEST_PAUSE_AT names a checkpoint and KIOSK_TEST_PAUSE_MARKER names a file, the process
// writes that file on reaching the checkpoint and then blocks its thread until the test kills it
// with SIGKILL. Both variables are read at every checkpoint, so a worker can arm the pause for
// one request only (workers/kiosk-worker.ts).
import { writeFileSync } from 'node:fs';
import type { Checkpoint } from '../../core/issuance/issuance-deps';

export function pauseAtEnvCheckpoint(point: Checkpoint): void {
  const marker = process.env.KIOSK_TEST_PAUSE_MARKER;
  if (process.env.KIOSK_TEST_PAUSE_AT !== point || !marker) return;
  writeFileSync(marker, point);
  blockUntilKilled();
}

/** Blocks the thread (also inside a synchronous SQLite transaction) until the process is killed. */
export function blockUntilKilled(): never {
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
