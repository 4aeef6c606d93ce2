// A4 certificate (core/print/README.md): the PDF from buildA4Pdf and the PDF a real CUPS queue (cups-pdf,
// scripts/setup-cups.sh) produced are rasterised with pdftoppm at 150 dpi; the QR is decoded with
// jsQR from the image and verified with the certificate engine, and pdftotext must find the names
// with their diacritics (the glyphs are really in the PDF) and the bilingual labels.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildA4Pdf } from '../../core/print/a4/a4-pdf';
import { createPrintService } from '../../core/print/print-service';
import { discoverCupsQueues } from '../../core/print/transport/cups';
import { certificateFactory, PEOPLE, type CertificateFactory } from './helpers/certificates';
import { ARTIFACTS, decodePng, pdfToPng } from './helpers/render';

let certs: CertificateFactory;
beforeAll(async () => {
  certs = await certificateFactory();
  mkdirSync(ARTIFACTS, { recursive: true });
});

function pdfText(pdf: Uint8Array): string {
  return execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
}

async function checkPage(pdf: Uint8Array, hc1: string, name: string): Promise<void> {
  const image = decodePng(pdfToPng(pdf, 150, join(ARTIFACTS, name)));
  const code = jsQR(image.data, image.width, image.height);
  expect(code?.data).toBe(hc1);
  const report = await certs.verify(code!.data);
  expect(report.ok).toBe(true);
}

const CASES = [
  { person: 'juergen', lang: 'de', third: undefined },
  { person: 'ayse', lang: 'tr', third: 'Doğum tarihi' },
  { person: 'zofia', lang: 'pl', third: 'Data urodzenia' },
  { person: 'juergen', lang: 'uk', third: 'Дата народження' },
  { person: 'juergen', lang: 'ar', third: undefined },
] as const;

describe('A4 PDF', () => {
  it.each(CASES)(
    '$person in $lang: QR verifies from the rendered page, names and labels are text',
    async ({ person, lang, third }) => {
      const cert = await certs.issue(person);
      const pdf = await buildA4Pdf(cert, { lang });
      await checkPage(pdf, cert.hc1, `a4-${person}-${lang}`);
      const text = pdfText(pdf);
      expect(text).toContain(PEOPLE[person].familyName);
      expect(text).toContain(PEOPLE[person].givenName);
      for (const label of [
        'Geburtsdatum',
        'Date of birth',
        'Gültig bis',
        'Valid until',
        'Zertifikataussteller',
        'Certificate issuer',
      ]) {
        expect(text).toContain(label);
      }
      expect(text).toContain('URN:UVCI:01:DE:KIOSK/ABC123XYZ#D');
      expect(text).toContain('COVID-19');
      expect(text).toContain('DEMO – NICHT GÜLTIG');
      if (third) expect(text).toContain(third);
      expect(text).not.toMatch(/[\u0600-\u06ff]/);
    },
  );

  it('a real certificate has no DEMO marks, and the PDF metadata holds no personal data', async () => {
    const cert = await certs.issue('juergen', { demo: false });
    const pdf = await buildA4Pdf(cert, { lang: 'de' });
    expect(pdfText(pdf)).not.toContain('DEMO');
    const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
    expect(info).toMatch(/^Title:\s+EU-Genesenenzertifikat$/m);
    for (const personal of ['Müller', 'Jürgen', '1964', 'UVCI']) expect(info).not.toContain(personal);
  });
});

const queueReady = ((): boolean => {
  try {
    return execFileSync('lpstat', ['-p', 'KioskPDF'], { env: { ...process.env, LANG: 'C' } })
      .toString()
      .includes('enabled');
  } catch {
    return false;
  }
})();

describe.skipIf(!queueReady)('A4 through CUPS (queue KioskPDF on cups-pdf; run scripts/setup-cups.sh)', () => {
  const outDir = process.env.KIOSK_CUPS_PDF_DIR ?? `/var/spool/cups-pdf/${userInfo().username}`;

  async function printedPdf(jobId: string): Promise<Uint8Array> {
    const suffix = `-job_${jobId.split('-').at(-1)}.pdf`;
    for (let i = 0; i < 50; i++) {
      const file = existsSync(outDir) ? readdirSync(outDir).find((f) => f.endsWith(suffix)) : undefined;
      if (file) return new Uint8Array(readFileSync(join(outDir, file)));
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`cups-pdf wrote no *${suffix} in ${outDir}`);
  }

  it.each(['juergen', 'ayse', 'zofia'] as const)(
    '%s: the PDF CUPS produced carries a verifiable QR and the names',
    async (person) => {
      const cert = await certs.issue(person);
      const jobs: string[] = [];
      const service = createPrintService(
        [{ kind: 'cups', name: 'Büro A4', format: 'a4', queue: 'KioskPDF', timeoutMs: 20_000 }],
        {
          log: (_e, f) => typeof f.jobId === 'string' && jobs.push(f.jobId),
        },
      );
      expect(await service.status()).toEqual([{ name: 'Büro A4', format: 'a4', state: 'ok' }]);
      const result = await service.print(cert, 'a4', person === 'ayse' ? 'tr' : 'pl');
      expect(result).toEqual({ ok: true, value: { format: 'a4', printer: 'Büro A4' } });
      const pdf = await printedPdf(jobs[0]!);
      await checkPage(pdf, cert.hc1, `a4-cups-${person}`);
      const text = pdfText(pdf);
      expect(text).toContain(PEOPLE[person].familyName);
      expect(text).toContain(PEOPLE[person].givenName);
    },
    30_000,
  );
});

const isRoot = process.getuid?.() === 0;

describe.skipIf(!queueReady || !isRoot)('CUPS queue states (a scratch queue, created and removed here)', () => {
  const queue = `KioskScratch${process.pid}`;
  const admin = (args: string[]): void => void execFileSync('lpadmin', args, { stdio: 'ignore' });

  it('a disabled queue is PRINTER_OFFLINE before anything is submitted; discovery lists it as disabled', async () => {
    admin(['-p', queue, '-E', '-v', 'cups-pdf:/', '-m', 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd']);
    try {
      execFileSync('cupsdisable', [queue]);
      const cert = await certs.issue('juergen');
      const service = createPrintService([{ kind: 'cups', name: 'Scratch', format: 'a4', queue, timeoutMs: 5000 }]);
      expect(await service.status()).toEqual([
        { name: 'Scratch', format: 'a4', state: 'down', code: 'PRINTER_OFFLINE' },
      ]);
      const result = await service.print(cert, 'a4', 'de');
      expect(result.ok ? undefined : result.error.code).toBe('PRINTER_OFFLINE');
      const jobs = execFileSync('lpstat', ['-o', queue]).toString();
      expect(jobs).toBe('');
      const found = await discoverCupsQueues(5000);
      expect(found.ok && found.value).toEqual(
        expect.arrayContaining([
          { queue, enabled: false },
          { queue: 'KioskPDF', enabled: true },
        ]),
      );
    } finally {
      admin(['-x', queue]);
    }
  }, 20_000);
});
