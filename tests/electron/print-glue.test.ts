// Electron print glue (core/print/printer-config.ts ElectronPdfPrint): silent A4 printing of a
// PDF to a named printer through a hidden window. Fake webContents stand in for Chromium's print
// pipeline; a fake timer stands in for the deadline.
import { describe, expect, it } from 'vitest';
import type { PrinterInfo, Session, WebContentsPrintOptions } from 'electron';
import { createLogger, memorySink } from '../../core/log/logger';
import {
  createElectronPdfPrint,
  createPdfJobServer,
  printWindowOptions,
  type PrintWindowLike,
} from '../../electron/main/print-glue';
import { FakeProtocol, FakeTimers } from './fakes';

const printer = (name: string, options: Record<string, string> = { 'printer-state': '3' }): PrinterInfo => ({
  name,
  displayName: name,
  description: '',
  options,
});

type PrintBehaviour = 'success' | 'fail' | 'invalid-device' | 'never' | 'throw';

class FakePrintWindow implements PrintWindowLike {
  destroyed = false;
  readonly loaded: string[] = [];
  readonly printed: WebContentsPrintOptions[] = [];
  constructor(
    private readonly printers: PrinterInfo[],
    private readonly behaviour: PrintBehaviour,
  ) {}
  readonly webContents = {
    getPrintersAsync: async () => this.printers,
    loadURL: async (url: string) => void this.loaded.push(url),
    print: (options: WebContentsPrintOptions, cb: (success: boolean, reason: string) => void) => {
      this.printed.push(options);
      if (this.behaviour === 'throw') throw new Error('Invalid printer settings');
      if (this.behaviour === 'success') queueMicrotask(() => cb(true, ''));
      if (this.behaviour === 'fail') queueMicrotask(() => cb(false, 'Print job failed'));
      if (this.behaviour === 'invalid-device') queueMicrotask(() => cb(false, 'Invalid deviceName provided'));
    },
  };
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]); // %PDF-
const job = { pdf: PDF, deviceName: 'HP_LaserJet_A4', pageSize: 'A4' as const, timeoutMs: 5000 };

function glue(behaviour: PrintBehaviour, printers = [printer('HP_LaserJet_A4'), printer('Other')]) {
  const windows: FakePrintWindow[] = [];
  const protocol = new FakeProtocol();
  const jobs = createPdfJobServer(protocol);
  const timers = new FakeTimers();
  const sink = memorySink();
  const print = createElectronPdfPrint({
    createWindow: () => {
      const w = new FakePrintWindow(printers, behaviour);
      windows.push(w);
      return w;
    },
    jobs,
    timers,
    logger: createLogger({ sink }),
  });
  const fetchPdf = (url: string): Promise<Response> => protocol.handlers.get('app')!({ url, method: 'GET' });
  return { print, windows, timers, fetchPdf, sink };
}

describe('createElectronPdfPrint', () => {
  it('prints silently to the named printer on A4 with backgrounds, then destroys the window', async () => {
    const { print, windows, fetchPdf, timers } = glue('success');
    await expect(print(job)).resolves.toEqual({ ok: true, value: null });
    const win = windows[0]!;
    expect(win.printed).toEqual([
      { silent: true, deviceName: 'HP_LaserJet_A4', pageSize: 'A4', printBackground: true },
    ]);
    expect(win.loaded).toHaveLength(1);
    expect(win.loaded[0]).toMatch(/^app:\/\/print-job\/[0-9a-f-]{36}\.pdf$/);
    expect(win.destroyed).toBe(true);
    expect(timers.pending.size).toBe(0);
    // The one-time URL is gone after the job: the PDF (with the person's name) is not kept.
    expect((await fetchPdf(win.loaded[0]!)).status).toBe(404);
  });

  it('serves the PDF bytes from memory while the job runs', async () => {
    const protocol = new FakeProtocol();
    const jobs = createPdfJobServer(protocol);
    const published = jobs.publish(PDF);
    const res: Response = await protocol.handlers.get('app')!({ url: published.url, method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    for (const url of [
      'app://print-job/00000000-0000-0000-0000-000000000000.pdf',
      'app://kiosk/index.html',
      `${published.url}?x`,
      published.url.replace('print-job', 'kiosk'),
    ]) {
      expect(((await protocol.handlers.get('app')!({ url, method: 'GET' })) as Response).status).toBe(404);
    }
    published.revoke();
    expect(((await protocol.handlers.get('app')!({ url: published.url, method: 'GET' })) as Response).status).toBe(404);
  });

  it('unknown device → PRINTER_NOT_FOUND, without loading the PDF', async () => {
    const { print, windows } = glue('success', [printer('Other')]);
    await expect(print(job)).resolves.toEqual({ ok: false, error: 'PRINTER_NOT_FOUND' });
    expect(windows[0]!.loaded).toEqual([]);
    expect(windows[0]!.printed).toEqual([]);
    expect(windows[0]!.destroyed).toBe(true);
  });

  it('a display name is not a device name', async () => {
    const { print } = glue('success', [
      { ...printer('HP_LaserJet_A4'), name: 'hp-queue', displayName: 'HP_LaserJet_A4' },
    ]);
    await expect(print(job)).resolves.toEqual({ ok: false, error: 'PRINTER_NOT_FOUND' });
  });

  it('a stopped CUPS queue → PRINTER_OFFLINE', async () => {
    const { print } = glue('success', [printer('HP_LaserJet_A4', { 'printer-state': '5' })]);
    await expect(print(job)).resolves.toEqual({ ok: false, error: 'PRINTER_OFFLINE' });
  });

  it.each([
    ['fail', 'PRINT_FAILED'],
    ['invalid-device', 'PRINTER_NOT_FOUND'],
    ['throw', 'PRINT_FAILED'],
  ] as const)('print callback %s → %s, window destroyed', async (behaviour, code) => {
    const { print, windows, sink } = glue(behaviour);
    await expect(print(job)).resolves.toEqual({ ok: false, error: code });
    expect(windows[0]!.destroyed).toBe(true);
    expect(sink.lines.join('\n')).not.toContain('Invalid printer settings');
  });

  it('no answer before the deadline → PRINTER_TIMEOUT, window destroyed', async () => {
    const { print, windows, timers } = glue('never');
    const result = print(job);
    await new Promise((r) => setImmediate(r));
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([5000]);
    timers.fireAll();
    await expect(result).resolves.toEqual({ ok: false, error: 'PRINTER_TIMEOUT' });
    expect(windows[0]!.destroyed).toBe(true);
  });

  it('runs jobs one after another, each in its own window', async () => {
    const { print, windows } = glue('success');
    const [a, b] = await Promise.all([print(job), print({ ...job, deviceName: 'Other' })]);
    expect([a, b]).toEqual([
      { ok: true, value: null },
      { ok: true, value: null },
    ]);
    expect(windows).toHaveLength(2);
    expect(windows.map((w) => w.printed[0]!.deviceName)).toEqual(['HP_LaserJet_A4', 'Other']);
  });
});

describe('printWindowOptions', () => {
  it('is hidden, sandboxed, isolated, without preload or Node, with the PDF viewer', () => {
    const session = { id: 'print' } as unknown as Session;
    const o = printWindowOptions(session);
    expect(o.show).toBe(false);
    expect(o.webPreferences).toMatchObject({
      session,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      plugins: true,
      devTools: false,
      webSecurity: true,
    });
    expect(o.webPreferences).not.toHaveProperty('preload');
  });
});
