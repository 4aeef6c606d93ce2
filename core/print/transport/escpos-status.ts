// Printer status for the receipt printers, queried before and after every job:
// Epson real-time status DLE EOT 1/2/4 (one byte each, pattern 0xx1xx10) and, after the job,
// GS r 1 (paper sensor, answered only once the preceding data has been processed); Star ESC ACK
// SOH, answered with the Automatic Status Back bytes (header gives the length, 7–31 bytes).
export type PrinterCondition = 'ok' | 'PRINTER_OFFLINE' | 'PRINTER_PAPER_OUT' | 'PRINTER_COVER_OPEN';

export interface StatusReading {
  readonly condition: PrinterCondition;
  /** Paper near end: still prints, shown as "degraded" on the clerk screen. */
  readonly paperLow: boolean;
}

export const EPSON_REALTIME_REQUEST = Uint8Array.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
export const EPSON_REALTIME_REPLY_BYTES = 3;
/** GS r 1: transmit paper sensor status; processed in sequence after the job. */
export const EPSON_AFTER_JOB_REQUEST = Uint8Array.from([0x1d, 0x72, 0x01]);
export const STAR_STATUS_REQUEST = Uint8Array.from([0x1b, 0x06, 0x01]);

const isEpsonRealtimeByte = (b: number): boolean => (b & 0x93) === 0x12;

/** `undefined` when the bytes are not Epson status replies (wrong device or port). */
export function parseEpsonRealtime(reply: Uint8Array): StatusReading | undefined {
  const [printer, offline, paper] = reply;
  if (printer === undefined || offline === undefined || paper === undefined) return undefined;
  if (![printer, offline, paper].every(isEpsonRealtimeByte)) return undefined;
  const paperLow = (paper & 0x0c) !== 0;
  if (offline & 0x04) return { condition: 'PRINTER_COVER_OPEN', paperLow };
  if (paper & 0x60 || offline & 0x20) return { condition: 'PRINTER_PAPER_OUT', paperLow };
  if (printer & 0x08 || offline & 0x40) return { condition: 'PRINTER_OFFLINE', paperLow };
  return { condition: 'ok', paperLow };
}

/** GS r 1 reply: bits 2–3 paper end, bits 0–1 near end (bit 4 is always 0). */
export function parseEpsonPaperSensor(byte: number): StatusReading | undefined {
  if (byte & 0x90) return undefined;
  return { condition: byte & 0x0c ? 'PRINTER_PAPER_OUT' : 'ok', paperLow: (byte & 0x03) !== 0 };
}

/** Total ASB length from header byte 1 (bits 1–3 and 5), or undefined when it is no ASB header. */
export function starStatusLength(header: number): number | undefined {
  if ((header & 0x91) !== 0x01) return undefined;
  const length = ((header & 0x0e) >> 1) | ((header & 0x20) >> 2);
  return length >= 7 ? length : undefined;
}

export function parseStarStatus(asb: Uint8Array): StatusReading | undefined {
  if (asb.length < 7 || starStatusLength(asb[0]!) !== asb.length) return undefined;
  const status1 = asb[2]!;
  const errors = asb[3]!;
  const sensors = asb[5]!;
  const paperLow = (sensors & 0x04) !== 0;
  if (status1 & 0x20) return { condition: 'PRINTER_COVER_OPEN', paperLow };
  if (sensors & 0x08) return { condition: 'PRINTER_PAPER_OUT', paperLow };
  if (status1 & 0x08 || errors & 0x2c) return { condition: 'PRINTER_OFFLINE', paperLow };
  return { condition: 'ok', paperLow };
}
