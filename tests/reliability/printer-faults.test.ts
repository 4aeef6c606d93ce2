// A failing receipt printer, seen through KioskApi (docs/reliability.md): offline, paper out, cover open,
// unplugged, hung, hanging up mid-job, paper running out mid-job — each gives its own code, the
// certificate stays held (the QR stays on screen: sessionState.heldCertificates), and once the
// same printer works again, printing with the same certificateId succeeds. Nothing is issued
// twice for it. tests/print covers the print service alone; this is createKiosk end to end, with
// one printer address whose printer changes state (tests/support/switchable-printer.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import type { FakeMode } from '../print/helpers/fake-printer';
import { readReceipt } from '../print/helpers/receipt-document';
import { makeDirs } from '../issuance/kiosk-helpers';
import { bulkPeople, writeKioskConfigs } from '../support/people';
import { inspectRegistry, registryPathOf } from '../support/registry-inspect';
import { startSwitchablePrinter, type SwitchablePrinter } from '../support/switchable-printer';

const PRINTER_TIMEOUT_MS = 1500;
const GUARD_MS = 3 * PRINTER_TIMEOUT_MS + 5000;
const people = bulkPeople(10, new Date(), 'Druckerpanne');
const dirs = makeDirs();
let printer: SwitchablePrinter;
let kiosk: Kiosk;
let next = 0;

beforeAll(async () => {
  printer = await startSwitchablePrinter();
  const [configPath] = writeKioskConfigs(dirs.configDir, people, ['kiosk-print'], {
    printers: [{ kind: 'escpos', name: 'Bon', uri: printer.uri, commandSet: 'epson', timeoutMs: PRINTER_TIMEOUT_MS }],
  });
  const k = await createKiosk({ dataDir: dirs.dataDir, configPath: configPath!, logSink: () => undefined });
  if (!k.ok) throw new Error(k.error.code);
  kiosk = k.value;
});
afterAll(async () => {
  await kiosk?.close();
  await printer?.close();
  dirs.cleanup();
});

/** The fake printer behind the address received a whole receipt with the QR image. */
function receivedReceipt(): boolean {
  const bytes = printer.current()?.connections ?? [];
  return bytes.some((b) => {
    try {
      return readReceipt(b, 'epson').items.some((i) => i.kind === 'raster');
    } catch {
      return false;
    }
  });
}

async function issueThenPrint(breakPrinter: () => Promise<void>) {
  const p = people[next++]!;
  await printer.use('online');
  const issued = await kiosk.api.issue({ ...p, lang: 'de' });
  if (!issued.ok) throw new Error(issued.error.code);
  await breakPrinter();
  const printed = await kiosk.api.print({ certificateId: issued.value.certificateId, format: 'receipt', lang: 'de' });
  return { certificateId: issued.value.certificateId, code: printed.ok ? 'printed' : printed.error.code };
}

describe('printer fault → its code, certificate kept, same certificate prints after recovery', () => {
  it.each<[FakeMode | 'unplugged', string]>([
    ['offline', 'PRINTER_OFFLINE'],
    ['paper-out', 'PRINTER_PAPER_OUT'],
    ['cover-open', 'PRINTER_COVER_OPEN'],
    ['unplugged', 'PRINTER_OFFLINE'],
    ['silent', 'PRINTER_TIMEOUT'],
    ['drop-mid-job', 'PRINT_FAILED'],
    ['paper-out-mid-job', 'PRINTER_PAPER_OUT'],
  ])('%s → %s', { timeout: GUARD_MS }, async (mode, code) => {
    const rowsBefore = inspectRegistry(registryPathOf(dirs.dataDir)).rows.length;
    const { certificateId, code: got } = await issueThenPrint(() =>
      mode === 'unplugged' ? printer.unplug() : printer.use(mode),
    );
    expect(got).toBe(code);
    expect(await kiosk.api.sessionState({})).toMatchObject({ ok: true, value: { heldCertificates: 1 } });

    // The clerk fixes the printer; the citizen taps "print" again.
    if (mode === 'unplugged') await printer.plugIn();
    await printer.use('online');
    const retry = await kiosk.api.print({ certificateId, format: 'receipt', lang: 'de' });
    expect(retry.ok ? 'printed' : retry.error.code).toBe('printed');
    expect(receivedReceipt()).toBe(true);
    // One certificate for this citizen, however often the print failed.
    expect(inspectRegistry(registryPathOf(dirs.dataDir)).rows.length).toBe(rowsBefore + 1);
    await kiosk.api.endSession({});
  });

  it(
    'after the session ends the certificate is gone from memory: CERTIFICATE_NOT_HELD',
    { timeout: GUARD_MS },
    async () => {
      const { certificateId } = await issueThenPrint(() => printer.use('paper-out'));
      await kiosk.api.endSession({});
      await printer.use('online');
      const r = await kiosk.api.print({ certificateId, format: 'receipt', lang: 'de' });
      expect(r.ok ? 'printed' : r.error.code).toBe('CERTIFICATE_NOT_HELD');
      expect(await kiosk.api.sessionState({})).toMatchObject({ ok: true, value: { heldCertificates: 0 } });
    },
  );
});
