// Text widths for one A4 print job (docs/performance.md, "A4 PDF"). Measuring a string means
// shaping it with fontkit, and wrapping measures the same strings over and over: every growing
// line while words are added, each line again to centre it, and the whole data table once per
// trial scale. The job's cache shapes each (font, string) once and scales the width to the size
// (pdf-lib's width is linear in the size: advance sum × size / 1000, computed here the same way).
// The strings include the citizen's name and date of birth, so the cache belongs to ONE job and
// is cleared when the job ends (buildA4Pdf's finally): nothing personal outlives the job. The words
// of the page's fixed texts come from a per-process table measured in advance (static-widths.ts).
import type { PDFFont } from 'pdf-lib';

export interface WidthCache {
  /** Width in points of `text` in `font` at `size`, exactly as font.widthOfTextAtSize gives it. */
  widthAt(font: PDFFont, text: string, size: number): number;
  /** Strings held now (0 after clear). */
  entries(): number;
  /** Forgets every string. */
  clear(): void;
}

/** Width of the size-1000 layout, from which pdf-lib derives every size. */
export const REFERENCE_SIZE = 1000;

/**
 * Widths at the reference size of the page's fixed texts (static-widths.ts), by the font's
 * PostScript name: the same numbers for every job, and never a citizen's data.
 */
export interface StaticWidths {
  get(fontName: string, text: string): number | undefined;
}

export function createWidthCache(statics?: StaticWidths): WidthCache {
  const byFont = new Map<PDFFont, Map<string, number>>();
  let count = 0;
  return {
    widthAt(font, text, size) {
      const fixed = statics?.get(font.name, text);
      if (fixed !== undefined) return fixed * (size / REFERENCE_SIZE);
      let widths = byFont.get(font);
      if (!widths) byFont.set(font, (widths = new Map()));
      let reference = widths.get(text);
      if (reference === undefined) {
        reference = font.widthOfTextAtSize(text, REFERENCE_SIZE);
        widths.set(text, reference);
        count++;
      }
      return reference * (size / REFERENCE_SIZE);
    },
    entries: () => count,
    clear() {
      for (const widths of byFont.values()) widths.clear();
      byFont.clear();
      count = 0;
    },
  };
}
