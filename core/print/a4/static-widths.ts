// Widths of the A4 page's fixed texts, measured once per process (docs/performance.md, "A4 PDF").
// Titles, instructions, field labels, the fold line and the footer are the same on every page of a
// language, and they are most of what a job measures: shaping their words with fontkit again in
// every job cost a fifth of its time. The table is built from the texts themselves — eagerly, word
// by word, never from what a job asks — so it can only ever hold fixed texts (no name, no date of
// birth: docs/memory-secrets.md). It keeps numbers only; the fonts it measured with are a
// throw-away document's, dropped when the table is built.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { de } from '../texts/de';
import { en } from '../texts/en';
import type { PrintTexts } from '../texts';
import { EMBED_OPTIONS, type PdfFontBytes } from './pdf-fonts';
import { REFERENCE_SIZE, type StaticWidths } from './text-widths';

const tables = new WeakMap<PdfFontBytes, Map<string, Promise<StaticWidths>>>();

/** The words of `texts`, and a space: what wrapping measures (pdf-text.ts, wrapByWidth). */
function wordsOf(texts: readonly string[]): Set<string> {
  const words = new Set<string>([' ']);
  for (const t of texts) for (const w of t.split(/\s+/)) if (w.length > 0) words.add(w);
  return words;
}

const textsOf = (t: PrintTexts): string[] => [t.instructionsTitle, ...t.instructions, ...Object.values(t.labels)];

/**
 * The table for a page with `fixed` texts (a4-pdf.ts passes the same list every time) and the
 * citizen's language `third`. One per font set and language, built at its first job.
 */
export function staticWidthsFor(
  fonts: PdfFontBytes,
  third: PrintTexts | undefined,
  fixed: readonly string[],
): Promise<StaticWidths> {
  let byLang = tables.get(fonts);
  if (!byLang) tables.set(fonts, (byLang = new Map()));
  const key = third?.lang ?? '';
  let table = byLang.get(key);
  if (!table) {
    const texts = [...fixed, ...textsOf(de), ...textsOf(en), ...(third ? textsOf(third) : [])];
    table = measure(fonts, wordsOf(texts));
    byLang.set(key, table);
    table.catch(() => byLang.delete(key));
  }
  return table;
}

async function measure(fonts: PdfFontBytes, words: ReadonlySet<string>): Promise<StaticWidths> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const byName = new Map<string, Map<string, number>>();
  for (const bytes of [fonts.regular, fonts.bold]) {
    const font = await doc.embedFont(bytes, EMBED_OPTIONS);
    byName.set(font.name, new Map([...words].map((w) => [w, font.widthOfTextAtSize(w, REFERENCE_SIZE)])));
  }
  return { get: (fontName, text) => byName.get(fontName)?.get(text) };
}
