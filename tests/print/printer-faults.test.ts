// What the citizen and the clerk see when printing goes wrong (core/print/README.md): each fault has its own
// code, nothing is printed on a printer that reported a fault, and nothing hangs past the printer's
// timeout (each test's own vitest timeout is the hang guard; no timing is asserted). The
// certificate is never consumed: a failed print can be retried with the same certificate.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrintService } from '../../core/print/print-service';
import type { EscposPrinterConfig, PrinterConfig } from '../../core/print/printer-config';
import { certificateFactory, type TestCertificate } from './helpers/certificates';
import { closedPortUri, startFakePrinter, type FakeMode, type FakePrinter } from './helpers/fake-printer';
import { readReceipt } from './helpers/receipt-document';

const TIMEOUT_MS = 1500;
// A printer that never answers would hang a test forever; the print timeout must end it first.
// The guard only has to be finite: generous, so that building the jobs on a loaded machine
// (three A4 PDFs in one test) never trips it.
const GUARD_MS = TIMEOUT_MS + 15_000;

let cert: TestCertificate;
beforeAll(async () => {
  cert = await (await certificateFactory()).issue('juergen');
});

let running: FakePrinter[] = [];
afterEach(async () => {
  await Promise.all(running.map((p) => p.close()));
  running = [];
});

const escpos = (uri: string, commandSet: 'epson' | 'star' = 'epson'): EscposPrinterConfig => ({
  kind: 'escpos',
  name: 'Bon',
  format: 'receipt',
  uri,
  commandSet,
  paperWidthMm: 80,
  qrMode: 'raster',
  timeoutMs: TIMEOUT_MS,
});

async function fake(set: 'epson' | 'star', mode: FakeMode): Promise<FakePrinter> {
  const p = await startFakePrinter(set, mode);
  running.push(p);
  return p;
}

/** Only status requests reached the printer (no line of the receipt). */
const nothingPrinted = (p: FakePrinter, set: 'epson' | 'star'): void => {
  for (const bytes of p.connections) {
    const doc = readReceipt(bytes, set);
    expect(doc.items).toEqual([]);
  }
};

describe.each(['epson', 'star'] as const)('%s network printer', (set) => {
  it.each([
    ['paper-out', 'PRINTER_PAPER_OUT'],
    ['cover-open', 'PRINTER_COVER_OPEN'],
    ['offline', 'PRINTER_OFFLINE'],
  ] as const)(
    'reports %s before printing anything',
    async (mode, code) => {
      const printer = await fake(set, mode);
      const result = await createPrintService([escpos(printer.uri, set)]).print(cert, 'receipt', 'de');
      expect(result.ok ? undefined : result.error.code).toBe(code);
      nothingPrinted(printer, set);
    },
    GUARD_MS,
  );

  it(
    'a closed port is PRINTER_OFFLINE',
    async () => {
      const result = await createPrintService([escpos(await closedPortUri(), set)]).print(cert, 'receipt', 'de');
      expect(result.ok ? undefined : result.error.code).toBe('PRINTER_OFFLINE');
    },
    GUARD_MS,
  );

  it(
    'a printer that never answers is PRINTER_TIMEOUT and gets no job',
    async () => {
      const printer = await fake(set, 'silent');
      const result = await createPrintService([escpos(printer.uri, set)]).print(cert, 'receipt', 'de');
      expect(result.ok ? undefined : result.error.code).toBe('PRINTER_TIMEOUT');
      nothingPrinted(printer, set);
    },
    GUARD_MS,
  );

  it(
    'a printer that hangs up mid-job is PRINT_FAILED, and the same certificate prints on retry',
    async () => {
      const dropping = await fake(set, 'drop-mid-job');
      const first = await createPrintService([escpos(dropping.uri, set)]).print(cert, 'receipt', 'de');
      expect(first.ok ? undefined : first.error.code).toBe('PRINT_FAILED');
      const working = await fake(set, 'online');
      const retry = await createPrintService([escpos(working.uri, set)]).print(cert, 'receipt', 'de');
      expect(retry.ok).toBe(true);
    },
    2 * GUARD_MS,
  );

  it(
    'paper running out during the job is PRINTER_PAPER_OUT',
    async () => {
      const printer = await fake(set, 'paper-out-mid-job');
      const result = await createPrintService([escpos(printer.uri, set)]).print(cert, 'receipt', 'de');
      expect(result.ok ? undefined : result.error.code).toBe('PRINTER_PAPER_OUT');
    },
    GUARD_MS,
  );

  it(
    'the clerk screen shows ok, degraded (paper low) and down with the cause',
    async () => {
      const ok = await fake(set, 'online');
      const low = await fake(set, 'paper-low');
      const out = await fake(set, 'paper-out');
      const service = createPrintService([
        { ...escpos(ok.uri, set), name: 'A' },
        { ...escpos(low.uri, set), name: 'B' },
        { ...escpos(out.uri, set), name: 'C' },
      ]);
      expect(await service.status()).toEqual([
        { name: 'A', format: 'receipt', state: 'ok' },
        { name: 'B', format: 'receipt', state: 'degraded' },
        { name: 'C', format: 'receipt', state: 'down', code: 'PRINTER_PAPER_OUT' },
      ]);
    },
    GUARD_MS,
  );
});

describe('print service', () => {
  it(
    'runs concurrent jobs for one printer one after the other',
    async () => {
      const printer = await fake('epson', 'online');
      const service = createPrintService([escpos(printer.uri)]);
      const results = await Promise.all([1, 2, 3].map(() => service.print(cert, 'receipt', 'de')));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(printer.connections).toHaveLength(3);
      expect(printer.overlaps).toBe(0);
    },
    3 * GUARD_MS,
  );

  it(
    'a local device path receives the job; a missing one is PRINTER_NOT_FOUND',
    async () => {
      const device = join(mkdtempSync(join(tmpdir(), 'print-dev-')), 'lp0');
      const service = createPrintService([escpos(device)]);
      const missing = await service.print(cert, 'receipt', 'de');
      expect(missing.ok ? undefined : missing.error.code).toBe('PRINTER_NOT_FOUND');
      expect(await service.status()).toEqual([
        { name: 'Bon', format: 'receipt', state: 'down', code: 'PRINTER_NOT_FOUND' },
      ]);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(device, '');
      expect((await service.print(cert, 'receipt', 'de')).ok).toBe(true);
      expect(readReceipt(readFileSync(device), 'epson').lines).toContain('Jürgen Groß');
    },
    GUARD_MS,
  );

  it('a nonexistent CUPS queue is PRINTER_NOT_FOUND', async () => {
    const service = createPrintService([
      { kind: 'cups', name: 'A4', format: 'a4', queue: 'NoSuchQueue_4711', timeoutMs: 5000 },
    ]);
    const result = await service.print(cert, 'a4', 'de');
    expect(result.ok ? undefined : result.error.code).toBe('PRINTER_NOT_FOUND');
  }, 10_000);

  it(
    'passes Electron glue failures through, and times out a glue that never answers',
    async () => {
      const electron: PrinterConfig = {
        kind: 'electron',
        name: 'A4',
        format: 'a4',
        deviceName: 'HP_LaserJet',
        timeoutMs: 500,
      };
      const jobs: { deviceName: string; pageSize: string; pdfHead: string }[] = [];
      const offline = createPrintService([electron], {
        electronPrint: async (job) => {
          jobs.push({
            deviceName: job.deviceName,
            pageSize: job.pageSize,
            pdfHead: Buffer.from(job.pdf.subarray(0, 5)).toString(),
          });
          return { ok: false, error: 'PRINTER_OFFLINE' };
        },
      });
      const r1 = await offline.print(cert, 'a4', 'de');
      expect(r1.ok ? undefined : r1.error.code).toBe('PRINTER_OFFLINE');
      expect(jobs).toEqual([{ deviceName: 'HP_LaserJet', pageSize: 'A4', pdfHead: '%PDF-' }]);
      const hanging = createPrintService([electron], { electronPrint: () => new Promise(() => undefined) });
      const r2 = await hanging.print(cert, 'a4', 'de');
      expect(r2.ok ? undefined : r2.error.code).toBe('PRINTER_TIMEOUT');
      const noGlue = createPrintService([electron]);
      const r3 = await noGlue.print(cert, 'a4', 'de');
      expect(r3.ok ? undefined : r3.error.code).toBe('PRINTER_NOT_CONFIGURED');
    },
    GUARD_MS,
  );

  it(
    'offers only configured formats and refuses the others; logs carry no personal data',
    async () => {
      const printer = await fake('epson', 'online');
      const logs: string[] = [];
      const service = createPrintService([escpos(printer.uri)], { log: (e, f) => logs.push(JSON.stringify([e, f])) });
      expect(service.formats()).toEqual(['receipt']);
      const a4 = await service.print(cert, 'a4', 'de');
      expect(a4.ok ? undefined : a4.error.code).toBe('PRINTER_NOT_CONFIGURED');
      const garbage = await service.print({ ...cert, hc1: 'not an hc1' }, 'receipt', 'de');
      expect(garbage.ok ? undefined : garbage.error.code).toBe('PRINT_FAILED');
      expect((await service.print(cert, 'receipt', 'de')).ok).toBe(true);
      const all = logs.join('\n');
      expect(all).toContain('print.done');
      for (const personal of ['Müller', 'MUELLER', 'Jürgen', '1964', 'URN:UVCI', 'HC1:'])
        expect(all).not.toContain(personal);
    },
    GUARD_MS,
  );
});
