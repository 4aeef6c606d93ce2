// A4 printing through CUPS: `lp -d QUEUE -o media=A4 -t TITLE` with the PDF on stdin,
// then wait until CUPS reports the job completed. The title never holds personal data. A job that
// does not complete within timeoutMs is cancelled: a certificate printed later, unattended, would
// lie in the tray for the next person to take. Status via `lpstat -p`, reasons via `lpstat -l -p`.
// A finished job is purged (`cancel -x`): its spooled PDF holds the name, the date of birth and a
// usable QR, and nothing personal may stay on disk (docs/printing-privacy.md). With
// `PreserveJobHistory No` (scripts/setup-cups.sh) CUPS forgets a job the moment it ends, so a job
// that has left the queue without an entry in the completed list counts as printed unless the
// printer now reports a fault.
import { err, ok } from '../../result';
import type { CupsPrinterConfig } from '../printer-config';
import type { LinkResult } from './byte-link';
import type { StatusReading } from './escpos-status';
import { runTool, type ToolOutput } from './run-tool';

const POLL_MS = 150;
const remaining = (deadline: number): number => Math.max(1, deadline - Date.now());

/** Maps a failed lp/lpstat run to a code: unknown queue, scheduler down, tool missing, timeout. */
function toolError(out: ToolOutput, phase: string): LinkResult<never> {
  if (out.timedOut) return err('PRINTER_TIMEOUT', { phase });
  if (out.missing) return err('PRINTER_NOT_FOUND', { phase, reason: 'cups_not_installed' });
  const text = out.stderr + out.stdout;
  if (/does not exist|Invalid destination|Unknown destination|No such/i.test(text))
    return err('PRINTER_NOT_FOUND', { phase });
  if (/not accepting/i.test(text)) return err('PRINTER_OFFLINE', { phase, reason: 'not_accepting' });
  if (/Unable to connect|scheduler (is )?not (running|responding)|Connection refused/i.test(text)) {
    return err('PRINTER_OFFLINE', { phase, reason: 'cups_unreachable' });
  }
  return err('PRINT_FAILED', { phase, exit: out.exitCode ?? -1 });
}

/** printer-state-reasons (lpstat -l -p "Alerts:") → the condition a clerk can fix. */
export function conditionFromReasons(text: string): StatusReading['condition'] {
  if (/media-(empty|needed)/.test(text)) return 'PRINTER_PAPER_OUT';
  if (/(door|cover|interlock)-open/.test(text)) return 'PRINTER_COVER_OPEN';
  if (/offline-report|paused|shutdown/.test(text)) return 'PRINTER_OFFLINE';
  return 'ok';
}

export async function cupsStatus(queue: string, deadline: number): Promise<LinkResult<StatusReading>> {
  const out = await runTool('lpstat', ['-l', '-p', queue], { timeoutMs: remaining(deadline) });
  if (out.exitCode !== 0 || !out.stdout.startsWith(`printer ${queue} `)) return toolError(out, 'status');
  const firstLine = out.stdout.split('\n', 1)[0]!;
  if (/ disabled since /.test(firstLine)) return err('PRINTER_OFFLINE', { phase: 'status', reason: 'disabled' });
  const condition = conditionFromReasons(out.stdout);
  if (condition !== 'ok') return err(condition, { phase: 'status' });
  return ok({ condition, paperLow: /media-low/.test(out.stdout) });
}

async function jobCompleted(queue: string, jobId: string, deadline: number): Promise<'completed' | 'pending' | 'gone'> {
  const listed = (out: ToolOutput): boolean =>
    out.exitCode === 0 && out.stdout.split('\n').some((l) => l.startsWith(`${jobId} `));
  // Not-completed first: once the job has left that list, the completed list is final.
  const open = await runTool('lpstat', ['-W', 'not-completed', '-o', queue], { timeoutMs: remaining(deadline) });
  if (open.exitCode !== 0 || listed(open)) return 'pending';
  const done = await runTool('lpstat', ['-W', 'completed', '-o', queue], { timeoutMs: remaining(deadline) });
  return listed(done) ? 'completed' : 'gone';
}

/** Removes the job's files and history from the spool; a job CUPS already forgot is fine. */
export async function purgeCupsJob(jobId: string): Promise<boolean> {
  const out = await runTool('cancel', ['-x', jobId], { timeoutMs: 3000 });
  return out.exitCode === 0 || /not found|does not exist|already/i.test(out.stderr + out.stdout);
}

export async function printCups(
  printer: CupsPrinterConfig,
  pdf: Uint8Array,
  title: string,
): Promise<LinkResult<{ jobId: string; purged: boolean }>> {
  const deadline = Date.now() + printer.timeoutMs;
  const before = await cupsStatus(printer.queue, deadline);
  if (!before.ok) return before;
  const lp = await runTool('lp', ['-d', printer.queue, '-o', 'media=A4', '-t', title, '-'], {
    timeoutMs: remaining(deadline),
    input: pdf,
  });
  const jobId = /request id is (\S+)/.exec(lp.stdout)?.[1];
  if (lp.exitCode !== 0 || !jobId) return toolError(lp, 'submit');
  while (Date.now() < deadline) {
    const state = await jobCompleted(printer.queue, jobId, deadline);
    if (state === 'completed') return ok({ jobId, purged: await purgeCupsJob(jobId) });
    if (state === 'gone') {
      const after = await cupsStatus(printer.queue, Date.now() + 2000);
      const purged = await purgeCupsJob(jobId);
      return after.ok ? ok({ jobId, purged }) : err('PRINT_FAILED', { phase: 'job', reason: 'job_aborted' });
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  const why = await cupsStatus(printer.queue, Date.now() + 1000);
  await runTool('cancel', ['-x', jobId], { timeoutMs: 1000 });
  return why.ok ? err('PRINTER_TIMEOUT', { phase: 'job' }) : err(why.error.code, { phase: 'job' });
}

/** CUPS destinations and their state, for the clerk screen's printer discovery. */
export async function discoverCupsQueues(
  timeoutMs: number,
): Promise<LinkResult<{ queue: string; enabled: boolean }[]>> {
  const out = await runTool('lpstat', ['-p'], { timeoutMs });
  if (out.exitCode !== 0) {
    return /No destinations added/i.test(out.stdout + out.stderr) ? ok([]) : toolError(out, 'discover');
  }
  const queues = out.stdout
    .split('\n')
    .map((l) => /^printer (\S+) (.*)$/.exec(l))
    .flatMap((m) => (m ? [{ queue: m[1]!, enabled: !/ disabled since /.test(` ${m[2]!}`) }] : []));
  return ok(queues);
}
