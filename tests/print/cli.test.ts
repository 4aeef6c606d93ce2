// `npm run cli -- print` (core/print/README.md): works from an HC1 string alone; --out writes the raw job
// (ESC/POS bytes or the PDF), --printer sends it through the same print service as the kiosk.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../core/cli/args';
import { run } from '../../core/cli/commands/print';
import { certificateFactory, type TestCertificate } from './helpers/certificates';
import { closedPortUri, startFakePrinter } from './helpers/fake-printer';
import { readReceipt } from './helpers/receipt-document';

let cert: TestCertificate;
const dir = mkdtempSync(join(tmpdir(), 'print-cli-'));
beforeAll(async () => {
  cert = await (await certificateFactory()).issue('ayse');
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(() => vi.restoreAllMocks());

describe('print CLI', () => {
  it('--out writes a 58 mm Star receipt with native QR that parses back to the certificate', async () => {
    const out = join(dir, 'r.bin');
    expect(
      await run([
        '--format',
        'receipt-58',
        '--command-set',
        'star',
        '--qr',
        'native',
        '--lang',
        'tr',
        '--out',
        out,
        cert.hc1,
      ]),
    ).toBe(0);
    const doc = readReceipt(readFileSync(out), 'star');
    expect(doc.items.find((i) => i.kind === 'qr')).toMatchObject({ data: cert.hc1, ecc: 'Q', model: 2, moduleDots: 4 });
    expect(doc.lines).toContain('Yılmaz');
    expect(doc.lines.join(' ')).not.toContain('DEMO');
  });

  it('--out writes the A4 PDF', async () => {
    const out = join(dir, 'a4.pdf');
    expect(await run(['--format', 'a4', '--demo', '--out', out, cert.hc1])).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('--printer tcp:// prints through the print service; a closed port exits 1', async () => {
    const printer = await startFakePrinter('epson', 'online');
    expect(await run(['--format', 'receipt-80', '--printer', printer.uri, cert.hc1])).toBe(0);
    expect(readReceipt(printer.connections[0]!, 'epson').lines).toContain('Ayşe');
    await printer.close();
    expect(
      await run(['--format', 'receipt-80', '--printer', await closedPortUri(), '--timeout', '1000', cert.hc1]),
    ).toBe(1);
  });

  it('refuses what it cannot print: not an HC1 (2), missing or conflicting options (usage)', async () => {
    expect(await run(['--format', 'a4', '--out', join(dir, 'x.pdf'), 'HC1:NOT-A-CERTIFICATE'])).toBe(2);
    await expect(run(['--format', 'a5', '--out', 'x', cert.hc1])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['--format', 'a4', cert.hc1])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['--format', 'a4', '--printer', 'tcp://127.0.0.1:9100', cert.hc1])).rejects.toBeInstanceOf(
      UsageError,
    );
  });
});
