// Printer configuration, part of the kiosk configuration file (core/config). One entry per
// physical printer; the UI offers a print button per configured format.
import { z } from 'zod';
import type { Result } from '../result';

const timeoutMs = z.number().int().min(500).max(120_000).default(10_000);

export const escposPrinterSchema = z.strictObject({
  kind: z.literal('escpos'),
  name: z.string().min(1).max(64),
  format: z.literal('receipt').default('receipt'),
  /** `tcp://host:9100` for network printers, or a local device path such as `/dev/usb/lp0`. */
  uri: z.string().min(1).max(256),
  commandSet: z.enum(['epson', 'star']).default('epson'),
  paperWidthMm: z.union([z.literal(80), z.literal(58)]).default(80),
  /** `native`: the printer's own QR command (ECC Q); `raster`: the QR as a bitmap image. */
  qrMode: z.enum(['native', 'raster']).default('raster'),
  timeoutMs,
});

export const cupsPrinterSchema = z.strictObject({
  kind: z.literal('cups'),
  name: z.string().min(1).max(64),
  format: z.literal('a4').default('a4'),
  /** CUPS queue name as listed by `lpstat -p`. */
  queue: z.string().regex(/^[A-Za-z0-9_.-]{1,127}$/),
  timeoutMs,
});

/** A4 printing through Chromium's print pipeline (Electron `webContents.print`). */
export const electronPrinterSchema = z.strictObject({
  kind: z.literal('electron'),
  name: z.string().min(1).max(64),
  format: z.literal('a4').default('a4'),
  deviceName: z.string().min(1).max(256),
  timeoutMs,
});

export const printerConfigSchema = z.discriminatedUnion('kind', [
  escposPrinterSchema,
  cupsPrinterSchema,
  electronPrinterSchema,
]);

export type EscposPrinterConfig = z.infer<typeof escposPrinterSchema>;
export type CupsPrinterConfig = z.infer<typeof cupsPrinterSchema>;
export type ElectronPrinterConfig = z.infer<typeof electronPrinterSchema>;
export type PrinterConfig = z.infer<typeof printerConfigSchema>;

/** Why Electron's print pipeline did not print a job. */
export type ElectronPrintFailure = 'PRINTER_NOT_FOUND' | 'PRINTER_OFFLINE' | 'PRINTER_TIMEOUT' | 'PRINT_FAILED';

/** Electron's printing glue, injected by the main process (electron/print-glue.ts). */
export type ElectronPdfPrint = (job: {
  readonly pdf: Uint8Array;
  readonly deviceName: string;
  readonly pageSize: 'A4';
  readonly timeoutMs: number;
}) => Promise<Result<null, ElectronPrintFailure>>;
