// Sends one receipt job to an ESC/POS printer and tells the caller, as a typed code, why
// it did not print: status before the job (nothing is sent to an offline / paper-out / cover-open
// printer), the job, then status after it. Epson's GS r 1 is answered only after the job has been
// processed, so a printer that runs out of paper mid-job is caught; if that answer does not come in
// time, a real-time status query names the cause. One deadline (timeoutMs) covers everything.
import type { EscposPrinterConfig } from '../printer-config';
import { err, ok } from '../../result';
import { ByteLink, type LinkError, type LinkResult } from './byte-link';
import { writeDevice, deviceStatus } from './device-link';
import {
  EPSON_AFTER_JOB_REQUEST,
  EPSON_REALTIME_REPLY_BYTES,
  EPSON_REALTIME_REQUEST,
  parseEpsonPaperSensor,
  parseEpsonRealtime,
  parseStarStatus,
  starStatusLength,
  STAR_STATUS_REQUEST,
  type StatusReading,
} from './escpos-status';

export type EscposTarget = { kind: 'tcp'; host: string; port: number } | { kind: 'device'; path: string };

/** `tcp://host[:port]` (default 9100) or an absolute device path; undefined for anything else. */
export function parseEscposUri(uri: string): EscposTarget | undefined {
  const tcp = /^tcp:\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(uri);
  if (tcp) {
    const port = tcp[2] === undefined ? 9100 : Number(tcp[2]);
    return port >= 1 && port <= 65535 ? { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port } : undefined;
  }
  return uri.startsWith('/') && !uri.includes('\0') ? { kind: 'device', path: uri } : undefined;
}

/** Grace kept back from the deadline for the real-time query that explains a missing answer. */
const EXPLAIN_MS = 800;

async function readStatus(
  link: ByteLink,
  set: 'epson' | 'star',
  deadline: number,
  phase: string,
): Promise<LinkResult<StatusReading>> {
  const sent = await link.write(set === 'epson' ? EPSON_REALTIME_REQUEST : STAR_STATUS_REQUEST, deadline, phase);
  if (!sent.ok) return sent;
  let reading: StatusReading | undefined;
  if (set === 'epson') {
    const reply = await link.read(EPSON_REALTIME_REPLY_BYTES, deadline, phase);
    if (!reply.ok) return reply;
    reading = parseEpsonRealtime(reply.value);
  } else {
    const header = await link.read(1, deadline, phase);
    if (!header.ok) return header;
    const length = starStatusLength(header.value[0]!);
    const rest = length === undefined ? undefined : await link.read(length - 1, deadline, phase);
    if (rest && !rest.ok) return rest;
    reading = rest ? parseStarStatus(Uint8Array.from([...header.value, ...rest.value])) : undefined;
  }
  return reading ? ok(reading) : err('PRINTER_OFFLINE', { phase, reason: 'status_unreadable' });
}

const conditionError = (reading: StatusReading, phase: string): LinkResult<StatusReading> =>
  reading.condition === 'ok' ? ok(reading) : err(reading.condition, { phase });

/** After the job: Epson waits for GS r 1 (job processed), Star asks for real-time status. */
async function afterJob(link: ByteLink, set: 'epson' | 'star', deadline: number): Promise<LinkResult<StatusReading>> {
  if (set === 'star') {
    const reading = await readStatus(link, set, deadline, 'after');
    return reading.ok ? conditionError(reading.value, 'after') : reading;
  }
  const asked = await link.write(EPSON_AFTER_JOB_REQUEST, deadline, 'after');
  if (!asked.ok) return asked;
  const answer = await link.read(1, Math.max(Date.now(), deadline - EXPLAIN_MS), 'after');
  if (answer.ok) {
    const reading = parseEpsonPaperSensor(answer.value[0]!);
    return reading
      ? conditionError(reading, 'after')
      : err('PRINT_FAILED', { phase: 'after', reason: 'status_unreadable' });
  }
  if (answer.error.code !== 'PRINTER_TIMEOUT') return answer;
  // Still busy or stopped: the real-time status says why (paper end, cover open), else timeout.
  link.discardInput();
  const why = await readStatus(link, set, deadline, 'after');
  if (why.ok && why.value.condition !== 'ok') return err(why.value.condition, { phase: 'after' });
  return err('PRINTER_TIMEOUT', { phase: 'after' });
}

export async function printEscpos(
  printer: EscposPrinterConfig,
  job: Uint8Array,
): Promise<LinkResult<{ paperLow: boolean }>> {
  const target = parseEscposUri(printer.uri);
  if (!target) return err('PRINTER_NOT_FOUND', { reason: 'uri' });
  const deadline = Date.now() + printer.timeoutMs;
  if (target.kind === 'device') {
    const written = await writeDevice(target.path, job, deadline);
    return written.ok ? ok({ paperLow: false }) : written;
  }
  const connected = await ByteLink.connect(target.host, target.port, deadline);
  if (!connected.ok) return connected;
  const link = connected.value;
  try {
    const before = await readStatus(link, printer.commandSet, deadline, 'before');
    if (!before.ok) return before;
    const ready = conditionError(before.value, 'before');
    if (!ready.ok) return ready;
    const sent = await link.write(job, deadline, 'job');
    if (!sent.ok) return sent;
    const after = await afterJob(link, printer.commandSet, deadline);
    return after.ok ? ok({ paperLow: after.value.paperLow || before.value.paperLow }) : after;
  } finally {
    link.close();
  }
}

/** Status for the clerk screen, without printing anything. */
export async function queryEscpos(printer: EscposPrinterConfig): Promise<LinkResult<StatusReading>> {
  const target = parseEscposUri(printer.uri);
  if (!target) return err('PRINTER_NOT_FOUND', { reason: 'uri' });
  const deadline = Date.now() + printer.timeoutMs;
  if (target.kind === 'device') return deviceStatus(target.path);
  const connected = await ByteLink.connect(target.host, target.port, deadline);
  if (!connected.ok) return connected;
  try {
    const reading = await readStatus(connected.value, printer.commandSet, deadline, 'status');
    return reading.ok ? conditionError(reading.value, 'status') : reading;
  } finally {
    connected.value.close();
  }
}

export type { LinkError };
