// The kiosk's print service: picks the configured printer for a format, builds the job
// (ESC/POS receipt or A4 PDF) from the certificate and sends it through the printer's transport.
// Never throws and never loses the certificate: the caller keeps it and may retry; every failure is
// a typed code (PRINTER_*, PRINT_FAILED). Jobs to one printer run one at a time. Log fields name the
// printer, format, sizes and codes only — never the person.
import type { PrintFormat, PrinterState, PrintOutcome } from './print-types';
import type { RecoveryPayload } from '../dcc/types';
import { err, fail, ok, type Err, type Result } from '../result';
import { buildA4Pdf } from './a4/a4-pdf';
import type { ElectronPdfPrint, PrinterConfig } from './printer-config';
import { buildReceiptJob } from './receipt/receipt-job';
import { printCups, cupsStatus } from './transport/cups';
import { readCupsRetention, type CupsRetention } from './transport/cups-retention';
import { printEscpos, queryEscpos } from './transport/escpos-printer';
import type { LinkResult } from './transport/byte-link';

export interface PrintableCertificate {
  readonly hc1: string;
  readonly payload: RecoveryPayload;
  readonly demo: boolean;
}

export interface PrintService {
  /** Formats that have a configured printer (the UI shows a button per format). */
  formats(): PrintFormat[];
  print(cert: PrintableCertificate, format: PrintFormat, lang: string): Promise<Result<PrintOutcome>>;
  /** One entry per configured printer, for the clerk screen. */
  status(): Promise<readonly PrinterState[]>;
}

export type PrintLog = (event: string, fields: Record<string, string | number | boolean>) => void;

export interface PrintServiceDeps {
  readonly electronPrint?: ElectronPdfPrint;
  readonly log?: PrintLog;
  /** Reads whether CUPS keeps finished jobs (default: cupsctl / cupsd.conf); checked once at start. */
  readonly cupsRetention?: () => Promise<CupsRetention>;
}

/** Job title CUPS shows in its queue: fixed text, no personal data. */
export const PRINT_JOB_TITLE = 'Genesenenzertifikat';
const HC1_SHAPE = /^HC1:[0-9A-Z $%*+\-./:]{1,10000}$/;

const formatOf = (p: PrinterConfig): PrintFormat => (p.kind === 'escpos' ? 'receipt' : 'a4');

export function createPrintService(printers: PrinterConfig[], deps: PrintServiceDeps = {}): PrintService {
  const log: PrintLog = deps.log ?? (() => undefined);
  const queues = new Map<string, Promise<unknown>>();
  // Start-up check (docs/printing-privacy.md): a CUPS that keeps job files is shown on the clerk status.
  const retention = printers.some((p) => p.kind === 'cups')
    ? (deps.cupsRetention ?? readCupsRetention)().catch(() => undefined)
    : Promise.resolve(undefined);
  void retention.then((r) => {
    if (r?.keepsJobs)
      log('print.spool-keeps-jobs', { files: r.preserveJobFiles, history: r.preserveJobHistory, source: r.source });
  });

  /** Serialises jobs per printer so two prints never interleave bytes on one device. */
  function exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
    const previous = queues.get(name) ?? Promise.resolve();
    const next = previous.then(task, task);
    queues.set(
      name,
      next.catch(() => undefined),
    );
    return next;
  }

  async function send(
    printer: PrinterConfig,
    cert: PrintableCertificate,
    lang: string,
  ): Promise<LinkResult<Record<string, string | number | boolean>>> {
    if (printer.kind === 'escpos') {
      const job = buildReceiptJob(cert, { ...printer, lang });
      const sent = await printEscpos(printer, job);
      return sent.ok ? ok({ bytes: job.length, paperLow: sent.value.paperLow }) : sent;
    }
    const pdf = await buildA4Pdf(cert, { lang });
    if (printer.kind === 'cups') {
      const sent = await printCups(printer, pdf, PRINT_JOB_TITLE);
      return sent.ok ? ok({ bytes: pdf.length, jobId: sent.value.jobId, purged: sent.value.purged }) : sent;
    }
    if (!deps.electronPrint) return err('PRINTER_NOT_CONFIGURED', { reason: 'electron_print_missing' });
    const glue = deps.electronPrint;
    const timeout = new Promise<Err<'PRINTER_TIMEOUT'>>((resolve) =>
      setTimeout(() => resolve(fail('PRINTER_TIMEOUT')), printer.timeoutMs + 1000).unref(),
    );
    const sent = await Promise.race([
      glue({ pdf, deviceName: printer.deviceName, pageSize: 'A4', timeoutMs: printer.timeoutMs }),
      timeout,
    ]);
    return sent.ok ? ok({ bytes: pdf.length }) : err(sent.error, { phase: 'electron' });
  }

  return {
    formats: () => [...new Set(printers.map(formatOf))],

    async print(cert, format, lang) {
      const printer = printers.find((p) => formatOf(p) === format);
      if (!printer) return err('PRINTER_NOT_CONFIGURED', { format });
      if (!HC1_SHAPE.test(cert.hc1)) return err('PRINT_FAILED', { reason: 'not_an_hc1' });
      const started = Date.now();
      const result = await exclusive(printer.name, () =>
        send(printer, cert, lang).catch(() => err('PRINT_FAILED', { reason: 'internal' })),
      );
      const ms = Date.now() - started;
      if (!result.ok) {
        const d = result.error.details ?? {};
        const cause = typeof d.reason === 'string' ? d.reason : typeof d.phase === 'string' ? d.phase : undefined;
        log('print.failed', {
          printer: printer.name,
          format,
          code: result.error.code,
          ms,
          ...(cause ? { cause } : {}),
        });
        return result;
      }
      log('print.done', { printer: printer.name, format, ms, ...result.value });
      return ok({ format, printer: printer.name });
    },

    async status() {
      return Promise.all(
        printers.map(async (printer) => {
          const entry = { name: printer.name, format: formatOf(printer) };
          const reading =
            printer.kind === 'escpos'
              ? await queryEscpos(printer).catch(() => err('PRINT_FAILED'))
              : printer.kind === 'cups'
                ? await cupsStatus(printer.queue, Date.now() + printer.timeoutMs).catch(() => err('PRINT_FAILED'))
                : deps.electronPrint
                  ? ok({ condition: 'ok' as const, paperLow: false })
                  : err('PRINTER_NOT_CONFIGURED');
          if (!reading.ok) return { ...entry, state: 'down' as const, code: reading.error.code };
          if (printer.kind === 'cups' && (await retention)?.keepsJobs !== false) {
            return { ...entry, state: 'degraded' as const, code: 'PRINT_SPOOL_KEEPS_JOBS' };
          }
          return { ...entry, state: reading.value.paperLow ? ('degraded' as const) : ('ok' as const) };
        }),
      );
    },
  };
}
