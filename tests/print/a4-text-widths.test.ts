// Text measuring of the A4 job (docs/performance.md, "A4 PDF"): the width cache lives for one
// job only — it holds the citizen's name while the page is laid out and nothing once the job has
// ended, also when the job fails — and wrapping by cached word widths breaks every printed text
// into exactly the lines that measuring each whole growing line gave.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildA4Pdf } from '../../core/print/a4/a4-pdf';
import { loadPdfFonts } from '../../core/print/a4/pdf-fonts';
import { wrapByWidth } from '../../core/print/a4/pdf-text';
import { staticWidthsFor } from '../../core/print/a4/static-widths';
import { createWidthCache, REFERENCE_SIZE, type WidthCache } from '../../core/print/a4/text-widths';
import { PRINT_LANGUAGES, printTexts } from '../../core/print/texts';
import { certificateFactory, PEOPLE, type CertificateFactory } from './helpers/certificates';

let certs: CertificateFactory;
beforeAll(async () => {
  certs = await certificateFactory();
});

/** A real cache that records what went through it. */
function watchedCache(failAfter = Infinity) {
  const inner = createWidthCache();
  const seen: string[] = [];
  let peak = 0;
  const cache: WidthCache = {
    widthAt(font, text, size) {
      if (seen.length >= failAfter) throw new Error('measuring failed');
      seen.push(text);
      const w = inner.widthAt(font, text, size);
      peak = Math.max(peak, inner.entries());
      return w;
    },
    entries: () => inner.entries(),
    clear: () => inner.clear(),
  };
  return { cache, seen, peak: () => peak };
}

describe('the width cache of an A4 job', () => {
  it('holds the name while the page is laid out and is empty when the job has ended', async () => {
    const cert = await certs.issue('juergen');
    const watched = watchedCache();
    const pdf = await buildA4Pdf(cert, { lang: 'pl', widths: watched.cache });
    expect(pdf.length).toBeGreaterThan(1000);
    expect(watched.seen.some((t) => t.includes('Müller-Lüdenscheidt'))).toBe(true);
    expect(watched.peak()).toBeGreaterThan(50);
    expect(watched.cache.entries()).toBe(0);
  });

  it('is emptied when the job fails half-way', async () => {
    const cert = await certs.issue('zofia');
    const watched = watchedCache(40);
    await expect(buildA4Pdf(cert, { lang: 'de', widths: watched.cache })).rejects.toThrow('measuring failed');
    expect(watched.peak()).toBeGreaterThan(10);
    expect(watched.cache.entries()).toBe(0);
  });

  it('gives the widths pdf-lib gives, at every size', async () => {
    const { regular } = await embedded();
    const cache = createWidthCache();
    for (const text of ['Wójcik-Łęcka', 'Zertifikatsdaten / Certificate data', 'Ünal Ağaoğlu']) {
      for (const size of [7, 8.5 * 0.92, 10, 20])
        expect(cache.widthAt(regular, text, size)).toBe(regular.widthOfTextAtSize(text, size));
    }
  });
});

describe('the fixed-text widths of the process', () => {
  it('hold the words of the fixed texts only, never a word of a printed name, with the widths pdf-lib gives', async () => {
    const cert = await certs.issue('juergen');
    await buildA4Pdf(cert, { lang: 'pl' });
    const table = await staticWidthsFor(await loadPdfFonts(), printTexts('pl'), []);
    const { regular, bold } = await embedded();
    for (const word of [
      'Müller-Lüdenscheidt',
      'Jürgen',
      'Groß',
      'MUELLER<LUEDENSCHEIDT<<JUERGEN<GROSS',
      '1964-08-12',
    ]) {
      expect(table.get(regular.name, word)).toBeUndefined();
      expect(table.get(bold.name, word)).toBeUndefined();
    }
    for (const word of ['Zertifikatsdaten', 'Nazwisko', 'EU-Genesenenzertifikat', ' ']) {
      expect(table.get(regular.name, word)).toBe(regular.widthOfTextAtSize(word, REFERENCE_SIZE));
      expect(table.get(bold.name, word)).toBe(bold.widthOfTextAtSize(word, REFERENCE_SIZE));
    }
  });
});

async function embedded(): Promise<{ regular: PDFFont; bold: PDFFont }> {
  const fonts = await loadPdfFonts();
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const features = { liga: false, clig: false, dlig: false }; // as a4-pdf.ts embeds them
  return {
    regular: await doc.embedFont(fonts.regular, { subset: true, features }),
    bold: await doc.embedFont(fonts.bold, { subset: true, features }),
  };
}

/** The wrapping before the cache: every growing line measured as a whole. */
function wrapMeasuringLines(text: string, font: PDFFont, size: number, maxWidthPt: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= maxWidthPt;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    let rest = word;
    while (!fits(rest)) {
      let n = rest.length - 1;
      while (n > 1 && !fits(rest.slice(0, n))) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    current = rest;
  }
  if (current !== '') lines.push(current);
  return lines;
}

describe('wrapping by word widths', () => {
  it('breaks every printed text and name into the same lines as measuring whole lines', async () => {
    const { regular, bold } = await embedded();
    const texts = PRINT_LANGUAGES.filter((l) => printTexts(l).script !== 'arabic').flatMap((l) => {
      const t = printTexts(l);
      return [t.instructionsTitle, ...t.instructions, ...Object.values(t.labels)];
    });
    texts.push(...Object.values(PEOPLE).flatMap((p) => [p.familyName, `${p.givenName} ${p.familyName}`]));
    texts.push(
      'Dieses Zertifikat ist kein Reisedokument. Es belegt die Genesung von COVID-19. / This certificate is not a travel document.',
    );
    let compared = 0;
    for (const font of [regular, bold]) {
      const widths = createWidthCache();
      for (const size of [7, 8, 8.5, 10 * 0.78, 12]) {
        for (const widthMm of [40, 83, 98]) {
          const maxPt = (widthMm * 72) / 25.4;
          for (const text of texts) {
            const style = { font, size, color: rgb(0, 0, 0), widths };
            expect(wrapByWidth(text, style, maxPt), `${text} @${size}/${widthMm}`).toEqual(
              wrapMeasuringLines(text, font, size, maxPt),
            );
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
