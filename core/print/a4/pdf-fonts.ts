// Fonts for the A4 certificate: DejaVu Sans regular + bold, copied into core/print/fonts
// (Bitstream Vera licence, fonts/LICENSE) so the app never reads node_modules at run time and
// packaging only has to ship that one folder. DejaVu covers Latin (umlauts, ß, Turkish, Polish)
// and Cyrillic; pdf-lib embeds a subset with a ToUnicode map, so the text stays extractable.
import { readFile } from 'node:fs/promises';

export interface PdfFontBytes {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

const FONT_DIR = new URL('../fonts/', import.meta.url);
let cached: Promise<PdfFontBytes> | undefined;

/** Reads the fonts once per process (from `dir` when given, e.g. a packaged app's resources). */
export function loadPdfFonts(dir: URL | string = FONT_DIR): Promise<PdfFontBytes> {
  const load = async (): Promise<PdfFontBytes> => {
    const base = typeof dir === 'string' ? new URL(`file://${dir.endsWith('/') ? dir : `${dir}/`}`) : dir;
    const [regular, bold] = await Promise.all([
      readFile(new URL('DejaVuSans.ttf', base)),
      readFile(new URL('DejaVuSans-Bold.ttf', base)),
    ]);
    return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
  };
  if (dir !== FONT_DIR) return load();
  cached ??= load().catch((e: unknown) => {
    cached = undefined;
    throw e;
  });
  return cached;
}

/**
 * How the A4 page embeds its fonts: a subset, and no ligatures — "fi" in Zofia or Zertifikat stays
 * two glyphs, so every letter of a name is a letter in the text layer (a ligature glyph loses its
 * Unicode mapping in CUPS's PDF → PS step). Measuring uses the same features (static-widths.ts).
 */
export const EMBED_OPTIONS = { subset: true, features: { liga: false, clig: false, dlig: false } } as const;
