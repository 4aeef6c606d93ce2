// SIGKILL at an arbitrary moment (docs/reliability.md): a kiosk process issues and prints a batch of
// certificates, several at a time, and is killed whenever the test decides — wherever it is, in
// a fsync, between two statements, mid-print. Then, from outside and after a restart:
//   - the registry passes its integrity check;
//   - every certificate the process had handed out is in the registry as issued (durability);
//   - every ID of the batch ends with exactly one issued certificate once the citizens retry.
// Shares the data directory and people of a KillHarness (kill-harness.ts).
import { expect } from 'vitest';
import { createKiosk } from '../../core/api/create-kiosk-api';
import { verifyHc1 } from '../../core/dcc/verify';
import type { TestPerson } from '../issuance/kiosk-helpers';
import { startWorker, waitFor, type RunningWorker } from './child-kiosk';
import type { KillHarness } from './kill-harness';
import { idHashIn, inspectRegistry, registryPathOf } from './registry-inspect';

export interface BatchOutcome {
  /** False when the batch finished before the kill came. */
  readonly killed: boolean;
  /** Certificates the process returned before it died. */
  readonly handedOut: number;
  /** IDs issued by the dying process but never returned to anyone (killed after the commit). */
  readonly issuedUnseen: number;
  /** IDs issued on retry after the restart. */
  readonly retriedIssued: number;
}

export interface RunningBatch {
  readonly worker: RunningWorker;
  /** Resolves once the process has handed out `n` certificates. */
  waitHandedOut(n: number): Promise<void>;
  /** Kills the process now (if still running) and checks everything above. */
  killAndCheck(): Promise<BatchOutcome>;
}

export async function startBatch(
  h: KillHarness,
  batch: readonly TestPerson[],
  concurrency: number,
): Promise<RunningBatch> {
  const worker = await startWorker(
    { dataDir: h.dataDir, configPath: h.configPath, requests: batch, concurrency, print: 'receipt' },
    h.configDir,
  );
  const alive = () => worker.child.exitCode === null && worker.child.signalCode === null;
  await waitFor(
    () => worker.lines.some((l) => l.event === 'ready') || !alive(),
    () => true,
    'ready',
  );
  if (worker.lines.some((l) => l.event === 'fatal'))
    throw new Error(`batch did not start: ${JSON.stringify(worker.lines)}`);
  const handed = () => worker.lines.filter((l) => l.event === 'result' && l.ok).length;
  return {
    worker,
    waitHandedOut: (n) => waitFor(() => handed() >= n, alive, `${n} certificates`),
    killAndCheck: () => killAndCheck(h, batch, worker),
  };
}

async function killAndCheck(
  h: KillHarness,
  batch: readonly TestPerson[],
  worker: RunningWorker,
): Promise<BatchOutcome> {
  const exit = await worker.kill();
  const killed = exit.signal === 'SIGKILL';
  if (!killed) expect(exit.code, worker.stderr()).toBe(0);
  const hashOf = idHashIn(h.dataDir);
  const handed = worker.lines.filter((l) => l.event === 'result' && l.ok);
  // Nobody else asks for these IDs: every answer the process gave was a certificate.
  expect(worker.lines.filter((l) => l.event === 'result' && !l.ok).map((l) => l.code)).toEqual([]);

  const afterKill = inspectRegistry(registryPathOf(h.dataDir));
  expect(afterKill.integrity).toBe('ok');
  const issuedRows = new Map(afterKill.rows.filter((r) => r.status === 'issued').map((r) => [r.id_hash, r.uvci]));
  for (const l of handed) expect(issuedRows.get(hashOf(l.genesenenId!)), 'handed out but not recorded').toBe(l.uvci);
  const handedIds = new Set(handed.map((l) => l.genesenenId));
  const issuedUnseen = batch.filter(
    (p) => !handedIds.has(p.genesenenId) && issuedRows.has(hashOf(p.genesenenId)),
  ).length;

  const kiosk = await createKiosk({ dataDir: h.dataDir, configPath: h.configPath, logSink: () => undefined });
  if (!kiosk.ok) throw new Error(`restart failed: ${JSON.stringify(kiosk.error)}`);
  let retriedIssued = 0;
  try {
    for (const p of batch) {
      const wasIssued = issuedRows.has(hashOf(p.genesenenId));
      const retry = await kiosk.value.api.issue({ ...p, lang: 'de' });
      if (wasIssued) {
        expect(retry.ok ? 'issued twice' : retry.error.code).toBe('ALREADY_ISSUED');
        continue;
      }
      if (!retry.ok) throw new Error(`retry after restart refused: ${retry.error.code}`);
      retriedIssued++;
      expect((await verifyHc1(retry.value.hc1, { dscs: [h.dscDer] }, { now: new Date() })).ok).toBe(true);
      await kiosk.value.api.endSession({});
    }
  } finally {
    await kiosk.value.close();
  }
  const final = inspectRegistry(registryPathOf(h.dataDir)).rows;
  for (const p of batch) {
    expect(final.filter((r) => r.id_hash === hashOf(p.genesenenId)).map((r) => r.status)).toEqual(['issued']);
  }
  return { killed, handedOut: handed.length, issuedUnseen, retriedIssued };
}
