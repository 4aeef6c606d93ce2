// Text placement helpers for the A4 page: word wrapping by measured width (pdf-lib draws single
// lines only) and a top-down cursor so the layout reads like the page, in millimetres.
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';

export const MM = 72 / 25.4;
export const A4 = { width: 210, height: 297 } as const;

/** Splits `text` into lines no wider than `maxWidthPt`; over-long words break by character. */
export function wrapByWidth(text: string, font: PDFFont, size: number, maxWidthPt: number): string[] {
  const fits = (s: string): boolean => font.widthOfTextAtSize(s, size) <= maxWidthPt;
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (fits(candidate)) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    current = '';
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

export interface TextStyle {
  readonly font: PDFFont;
  readonly size: number;
  readonly color: RGB;
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
  for (const line of wrapByWidth(text, style.font, style.size, box.widthMm * MM)) {
    const width = style.font.widthOfTextAtSize(line, style.size);
    const x = box.align === 'center' ? box.xMm * MM + (box.widthMm * MM - width) / 2 : box.xMm * MM;
    const baseline = (A4.height - top) * MM - style.size * 0.95;
    page.drawText(line, { x, y: baseline, size: style.size, font: style.font, color: style.color });
    top += lineMm;
  }
  return top;
}

/** Height in mm that drawBlock would use. */
export const blockHeightMm = (text: string, style: TextStyle, widthMm: number): number =>
  wrapByWidth(text, style.font, style.size, widthMm * MM).length * ((style.size * 1.25) / MM);
