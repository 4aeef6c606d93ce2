// Text placement helpers for the A4 page: word wrapping by measured width (pdf-lib draws single
// lines only) and a top-down cursor so the layout reads like the page, in millimetres.
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import type { WidthCache } from './text-widths';

export const MM = 72 / 25.4;
export const A4 = { width: 210, height: 297 } as const;

/** Width of `text` in points: from the job's cache when the style has one. */
export const widthOf = (style: TextStyle, text: string): number =>
  style.widths ? style.widths.widthAt(style.font, text, style.size) : style.font.widthOfTextAtSize(text, style.size);

/**
 * Splits `text` into lines no wider than `maxWidthPt`; over-long words break by character.
 * A line's width is the sum of its words' and spaces' widths: pdf-lib's width is the sum of the
 * glyphs' advances, and without ligatures (a4-pdf.ts) a word shapes alike alone and in a line,
 * so each word is measured once instead of every growing line (tests/print/a4-text-widths.test.ts
 * checks the lines are the same).
 */
export function wrapByWidth(text: string, style: TextStyle, maxWidthPt: number): string[] {
  const fits = (s: string): boolean => widthOf(style, s) <= maxWidthPt;
  const space = widthOf(style, ' ');
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const wordWidth = widthOf(style, word);
    const candidateWidth = current === '' ? wordWidth : currentWidth + space + wordWidth;
    if (candidateWidth <= maxWidthPt) {
      current = current === '' ? word : `${current} ${word}`;
      currentWidth = candidateWidth;
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
    currentWidth = widthOf(style, rest);
  }
  if (current !== '') lines.push(current);
  return lines;
}

export interface TextStyle {
  readonly font: PDFFont;
  readonly size: number;
  readonly color: RGB;
  /** The print job's width cache (text-widths.ts); without it every width is shaped anew. */
  readonly widths?: WidthCache;
}

/** Draws wrapped text with its top at `topMm` (from the page top); returns the next free top in mm. */
export function drawBlock(
  page: PDFPage,
  text: string,
  style: TextStyle,
  box: { xMm: number; topMm: number; widthMm: number; align?: 'left' | 'center' },
): number {
  const lineMm = (style.size * 1.25) / MM;
  let top = box.topMm;
  for (const line of wrapByWidth(text, style, box.widthMm * MM)) {
    const width = box.align === 'center' ? widthOf(style, line) : 0;
    const x = box.align === 'center' ? box.xMm * MM + (box.widthMm * MM - width) / 2 : box.xMm * MM;
    const baseline = (A4.height - top) * MM - style.size * 0.95;
    page.drawText(line, { x, y: baseline, size: style.size, font: style.font, color: style.color });
    top += lineMm;
  }
  return top;
}

/** Height in mm that drawBlock would use. */
export const blockHeightMm = (text: string, style: TextStyle, widthMm: number): number =>
  wrapByWidth(text, style, widthMm * MM).length * ((style.size * 1.25) / MM);
