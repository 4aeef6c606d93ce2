// A kiosk process for the multi-process and kill tests (docs/reliability.md). Starts the kiosk exactly as
// the app does (createKiosk: config file, registry, audit log, simulator over HTTP, demo signer,
// print service), then issues the job's requests through KioskApi — optionally printing each
// certificate — and reports every outcome as a JSON line on stdout (a pipe: written
// synchronously, so lines written before a SIGKILL reach the parent). See ../child-kiosk.ts.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKiosk } from '../../../core/api/create-kiosk-api';
import type { WorkerJob, WorkerLine } from '../child-kiosk';
import { blockUntilKilled, pauseAtEnvCheckpoint } from '../crash-checkpoint';

const say = (line: WorkerLine): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Longer than any fault a test strikes; past it the probe asks anyway. */
const PROBE_WAIT_MS = 180_000;

const jobPath = process.argv[2];
if (!jobPath) throw new Error('usage: kiosk-worker JOB.json');
const job = JSON.parse(readFileSync(jobPath, 'utf8')) as WorkerJob;
// The pause is armed per request below, never for the whole process.
const pauseAt = job.pauseAt;
delete process.env.KIOSK_TEST_PAUSE_AT;

const kiosk = await createKiosk({
  dataDir: job.dataDir,
  configPath: job.configPath,
  checkpoint: pauseAtEnvCheckpoint,
});
if (!kiosk.ok) {
  say({ event: 'fatal', code: kiosk.error.code });
  process.exit(1);
}
const { api } = kiosk.value;
say({ event: 'ready' });
if (job.barrierDir) {
  writeFileSync(join(job.barrierDir, `ready-${process.pid}`), '');
  while (!existsSync(join(job.barrierDir, 'go'))) await sleep(5);
}

async function handle(index: number, probe = false): Promise<void> {
  const request = job.requests[index]!;
  const mark = probe ? { probe: true } : {};
  const armed = !probe && index === job.pauseBeforeIndex && (pauseAt !== undefined || job.pauseAfterPrint === true);
  if (armed && !job.pauseAfterPrint) process.env.KIOSK_TEST_PAUSE_AT = pauseAt;
  const firstTry = Date.now();
  let r = await api.issue({ ...request, lang: 'de' });
  let unavailable = 0; // answers "not possible right now" before this one
  while (!r.ok && r.error.code === 'REGISTRY_UNAVAILABLE' && Date.now() - firstTry < (job.retryUnavailableForMs ?? 0)) {
    unavailable += 1;
    await sleep(250);
    r = await api.issue({ ...request, lang: 'de' });
  }
  if (!r.ok) {
    say({
      event: 'result',
      index,
      genesenenId: request.genesenenId,
      ok: false,
      code: r.error.code,
      unavailable,
      ...mark,
    });
    return;
  }
  say({
    event: 'result',
    index,
    genesenenId: request.genesenenId,
    ok: true,
    unavailable,
    ...mark,
    uvci: r.value.uvci,
    ...(job.includeHc1 ? { hc1: r.value.hc1 } : {}),
  });
  if (!job.print) return;
  const printed = await api.print({ certificateId: r.value.certificateId, format: job.print, lang: 'de' });
  say({
    event: 'printed',
    index,
    genesenenId: request.genesenenId,
    ok: printed.ok,
    ...(printed.ok ? {} : { code: printed.error.code }),
  });
  await api.endSession({});
  if (armed && job.pauseAfterPrint) {
    writeFileSync(process.env.KIOSK_TEST_PAUSE_MARKER!, 'after-print');
    blockUntilKilled();
  }
}

let next = 0;
const lane = async (): Promise<void> => {
  while (next < job.requests.length) await handle(next++);
};
await Promise.all(Array.from({ length: Math.max(1, job.concurrency ?? 1) }, lane));
if (job.probeAfterFault && job.barrierDir && job.requests.length > 0) {
  // A kiosk that finished before the fault struck has not shown yet that it gets answers again.
  const waitUntil = Date.now() + PROBE_WAIT_MS;
  while (!existsSync(join(job.barrierDir, 'fault-over')) && Date.now() < waitUntil) await sleep(20);
  await handle(0, true);
}
say({ event: 'done' });
await kiosk.value.close();
