// A4 printing through Chromium's print pipeline (core/print/printer-config.ts `ElectronPdfPrint`,
// printer kind `electron`): the PDF that core rendered is shown in a hidden, sandboxed window
// without preload and sent silently to the named printer. The PDF never touches the disk: it is
// served from memory at a one-time `app://print-job/<random>.pdf` URL on the print window's own
// in-memory session, and forgotten when the job ends. Page size is always A4 (never the printer's
// default, which is Letter on many drivers); every job has a deadline.
import { randomUUID } from 'node:crypto';
import type {
  BrowserWindowConstructorOptions,
  PrinterInfo,
  Protocol,
  Session,
  WebContentsPrintOptions,
} from 'electron';
import { errorName, type Logger } from '../../core/log/logger';
import { fail, ok } from '../../core/result';
import type { ElectronPdfPrint } from '../../core/print/printer-config';
import { SECURITY_HEADERS } from './app-protocol';
import { realTimers, type Timers } from './lifecycle';

type PrintOutcome = Awaited<ReturnType<ElectronPdfPrint>>;
type PrintJob = Parameters<ElectronPdfPrint>[0];

/** The parts of a BrowserWindow the glue uses (a real one in main.ts, a fake in tests). */
export interface PrintWindowLike {
  readonly webContents: {
    getPrintersAsync(): Promise<PrinterInfo[]>;
    loadURL(url: string): Promise<void>;
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  };
  destroy(): void;
  isDestroyed(): boolean;
}

export interface PdfJobServer {
  /** Makes the bytes loadable at a fresh URL until `revoke` is called. */
  publish(pdf: Uint8Array): { readonly url: string; revoke(): void };
}

export const PRINT_PARTITION = 'kiosk-print';
export const PRINT_JOB_ORIGIN = 'app://print-job';

/** Hidden, sandboxed, no preload, no Node; `plugins` is what enables Chromium's PDF viewer. */
export function printWindowOptions(session: Session): BrowserWindowConstructorOptions {
  return {
    show: false,
    webPreferences: {
      session,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: true,
      devTools: false,
      spellcheck: false,
      disableDialogs: true,
    },
  };
}

/** In-memory PDF server on the print session's `app:` scheme; only published tokens answer. */
export function createPdfJobServer(protocol: Pick<Protocol, 'handle'>): PdfJobServer {
  const jobs = new Map<string, Uint8Array>();
  protocol.handle('app', (request) => {
    const match = /^app:\/\/print-job\/([0-9a-f-]{36})\.pdf$/.exec(request.url);
    const pdf = match ? jobs.get(match[1]!) : undefined;
    if (!pdf) return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    return new Response(pdf as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: { 'Content-Type': 'application/pdf', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' },
    });
  });
  return {
    publish(pdf) {
      const token = randomUUID();
      jobs.set(token, pdf);
      return { url: `${PRINT_JOB_ORIGIN}/${token}.pdf`, revoke: () => void jobs.delete(token) };
    },
  };
}

/** The options every job is printed with; page size is never left to the driver. */
export const printOptionsFor = (job: Pick<PrintJob, 'deviceName' | 'pageSize'>): WebContentsPrintOptions => ({
  silent: true,
  deviceName: job.deviceName,
  pageSize: job.pageSize,
  printBackground: true,
});

/** CUPS reports IPP printer-state 5 (stopped) for a disabled or unreachable queue. */
const isStopped = (printer: PrinterInfo): boolean =>
  (printer.options as Record<string, unknown> | undefined)?.['printer-state'] === '5';

export interface PrintGlueDeps {
  readonly createWindow: () => PrintWindowLike;
  readonly jobs: PdfJobServer;
  readonly logger: Logger;
  readonly timers?: Timers;
}

export function createElectronPdfPrint(deps: PrintGlueDeps): ElectronPdfPrint {
  const timers = deps.timers ?? realTimers;
  let queue: Promise<unknown> = Promise.resolve();

  const runJob = async (job: PrintJob): Promise<PrintOutcome> => {
    const win = deps.createWindow();
    const published = deps.jobs.publish(job.pdf);
    let timer: unknown = null;
    const deadline = new Promise<PrintOutcome>((resolve) => {
      timer = timers.set(() => resolve(fail('PRINTER_TIMEOUT')), job.timeoutMs);
    });
    const work = async (): Promise<PrintOutcome> => {
      const printers = await win.webContents.getPrintersAsync();
      const printer = printers.find((p) => p.name === job.deviceName);
      if (!printer) return fail('PRINTER_NOT_FOUND');
      if (isStopped(printer)) return fail('PRINTER_OFFLINE');
      await win.webContents.loadURL(published.url);
      return new Promise<PrintOutcome>((resolve) => {
        win.webContents.print(printOptionsFor(job), (success, failureReason) => {
          if (success) resolve(ok(null));
          else resolve(fail(/devicename/i.test(failureReason) ? 'PRINTER_NOT_FOUND' : 'PRINT_FAILED'));
        });
      });
    };
    try {
      const outcome = await Promise.race([work(), deadline]);
      if (!outcome.ok) deps.logger.warn('print.electron-failed', { code: outcome.error });
      return outcome;
    } catch (e) {
      deps.logger.warn('print.electron-failed', { code: 'PRINT_FAILED', errorName: errorName(e) });
      return fail('PRINT_FAILED');
    } finally {
      timers.clear(timer);
      published.revoke();
      if (!win.isDestroyed()) win.destroy();
    }
  };

  // One job at a time: the kiosk serves one person, and a second job must not share the window.
  return (job) => {
    const next = queue.then(() => runJob(job));
    queue = next.catch(() => undefined);
    return next;
  };
}
