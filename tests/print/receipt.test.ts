// Receipt printing end to end (core/print/README.md): the print service sends the job to a fake network printer
// (tests/print/helpers/fake-printer.ts); the bytes that arrive are parsed back, the QR decoded
// (raster: jsQR on the image; native: the stored data) and verified with the certificate engine,
// and the text lines checked for what the citizen relies on. Both paper widths, both QR modes,
// Epson and Star. Golden images go to tests/artifacts/print/.
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrintService } from '../../core/print/print-service';
import type { EscposPrinterConfig } from '../../core/print/printer-config';
import { certificateFactory, type CertificateFactory, type TestCertificate } from './helpers/certificates';
import { startFakePrinter, type FakePrinter } from './helpers/fake-printer';
import { rasterToRgba, readReceipt, type ReceiptDocument } from './helpers/receipt-document';
import { decodePng, renderReceipt } from './helpers/render';

let certs: CertificateFactory;
let juergen: TestCertificate;
beforeAll(async () => {
  certs = await certificateFactory();
  juergen = await certs.issue('juergen');
});

const printers: FakePrinter[] = [];
afterAll(async () => Promise.all(printers.map((p) => p.close())));

async function printTo(
  cert: TestCertificate,
  opts: { set: 'epson' | 'star'; width: 80 | 58; qr: 'native' | 'raster'; lang: string },
): Promise<ReceiptDocument> {
  const printer = await startFakePrinter(opts.set, 'online');
  printers.push(printer);
  const config: EscposPrinterConfig = {
    kind: 'escpos',
    name: 'Bon',
    format: 'receipt',
    uri: printer.uri,
    commandSet: opts.set,
    paperWidthMm: opts.width,
    qrMode: opts.qr,
    timeoutMs: 5000,
  };
  const result = await createPrintService([config]).print(cert, 'receipt', opts.lang);
  expect(result).toEqual({ ok: true, value: { format: 'receipt', printer: 'Bon' } });
  expect(printer.connections).toHaveLength(1);
  return readReceipt(printer.connections[0]!, opts.set);
}

/** The lines joined with spaces, so values wrapped over two lines are still found. */
const flat = (doc: ReceiptDocument): string => doc.lines.map((l) => l.trim()).join(' ');
const unwrapped = (doc: ReceiptDocument): string => doc.lines.map((l) => l.trim()).join('');

async function qrContent(doc: ReceiptDocument, paperDots: number): Promise<string> {
  const qrs = doc.items.filter((i) => i.kind === 'qr' || i.kind === 'raster');
  expect(qrs).toHaveLength(1);
  const item = qrs[0]!;
  if (item.kind === 'qr') {
    expect(item.model).toBe(2);
    expect(item.ecc).toBe('Q');
    return item.data;
  }
  expect(item.kind).toBe('raster');
  if (item.kind !== 'raster') throw new Error('unreachable');
  expect(item.bytesPerRow * 8).toBe(paperDots);
  const rgba = rasterToRgba(item);
  const code = jsQR(rgba.data, rgba.width, rgba.height);
  expect(code).not.toBeNull();
  return code!.data;
}

describe.each([
  ['epson', 80, 'raster'],
  ['epson', 80, 'native'],
  ['epson', 58, 'raster'],
  ['epson', 58, 'native'],
  ['star', 80, 'raster'],
  ['star', 80, 'native'],
  ['star', 58, 'raster'],
  ['star', 58, 'native'],
] as const)('receipt %s %i mm, QR %s', (set, width, qr) => {
  const paperDots = width === 80 ? 576 : 384;
  const columns = width === 80 ? 48 : 32;

  it('arrives after a status check, carries a verifiable QR and the certificate data, and is cut', async () => {
    const doc = await printTo(juergen, { set, width, qr, lang: 'de' });
    expect(doc.statusRequests[0]).toBe(set === 'epson' ? 'statusRealtime' : 'statusStar');
    const content = await qrContent(doc, paperDots);
    expect(content).toBe(juergen.hc1);
    expect((await certs.verify(content)).ok).toBe(true);

    const text = flat(doc);
    for (const value of [
      'Müller-Lüdenscheidt',
      'Jürgen Groß',
      '1964-08-12',
      '2026-04-12',
      '2026-09-28',
      'Robert Koch-Institut',
    ]) {
      expect(text).toContain(value);
    }
    expect(unwrapped(doc)).toContain('MUELLER<LUEDENSCHEIDT<<JUERGEN<GROSS');
    expect(unwrapped(doc)).toContain('URN:UVCI:01:DE:KIOSK/ABC123XYZ#D');
    expect(text).toContain('Corona-Warn-App');
    expect(text).toContain('DEMO - NICHT GÜLTIG');
    expect(text).toContain('DEMO - NOT VALID');
    for (const item of doc.items)
      if (item.kind === 'text') expect([...item.text].length * item.width).toBeLessThanOrEqual(columns);
    expect(doc.items.at(-1)?.kind).toBe('cut');

    const png = await renderReceipt(doc, paperDots, `receipt-${set}-${width}-${qr}`);
    const image = decodePng(png);
    expect(jsQR(image.data, image.width, image.height)?.data).toBe(juergen.hc1);
  });
});

describe('receipt texts', () => {
  it('prints Turkish names and instructions through code pages (Ayşe Yılmaz, lang tr)', async () => {
    const ayse = await certs.issue('ayse');
    const doc = await printTo(ayse, { set: 'epson', width: 80, qr: 'raster', lang: 'tr' });
    const text = flat(doc);
    expect(text).toContain('Yılmaz');
    expect(text).toContain('Ayşe');
    expect(text).toContain('YILMAZ<<AYSE');
    expect(text).toContain('Sertifikayı akıllı telefonunuza kaydedin');
    await renderReceipt(doc, 576, 'receipt-epson-80-tr-ayse');
  });

  it('prints Polish names and Ukrainian instructions on one receipt (Zofia Wójcik-Łęcka, lang uk, Star 58 mm)', async () => {
    const zofia = await certs.issue('zofia');
    const doc = await printTo(zofia, { set: 'star', width: 58, qr: 'raster', lang: 'uk' });
    const text = flat(doc);
    expect(text).toContain('Wójcik-Łęcka');
    expect(text).toContain('Zofia');
    expect(text).toContain('Збережіть сертифікат у смартфоні');
    expect(text).toContain('Відкрийте застосунок');
    await renderReceipt(doc, 384, 'receipt-star-58-uk-zofia');
  });

  it('gives Arabic-speaking citizens German and English instructions (no Arabic code page path)', async () => {
    const doc = await printTo(juergen, { set: 'epson', width: 80, qr: 'native', lang: 'ar' });
    const text = flat(doc);
    expect(text).toContain('Zertifikat auf dem Smartphone speichern');
    expect(text).toContain('Store the certificate on your smartphone');
    expect(text).not.toMatch(/[\u0600-\u06ff]/);
  });

  it('prints Leichte Sprache sentences one per line and no DEMO marks for a real certificate', async () => {
    const real = await certs.issue('juergen', { demo: false });
    const doc = await printTo(real, { set: 'epson', width: 58, qr: 'raster', lang: 'de-ls' });
    expect(doc.lines).toContain('Öffnen Sie die App.');
    expect(flat(doc)).not.toContain('DEMO');
  });
});
