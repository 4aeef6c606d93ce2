// QR symbol for an HC1 string (docs/dcc-notes.md §5): one alphanumeric-mode segment (byte mode is a failure,
// upstream check Q2), error correction Q, smallest version that fits, 4-module quiet zone.
// `qrMatrix` gives printers the raw modules to rasterise with exactly square modules; SVG and PNG
// are rendered from that same matrix so every output shows the identical symbol.
import QRCode from 'qrcode';
import { PNG } from 'pngjs';
import { withBestMask } from './qr-mask';

/** Modules of blank margin around the QR code (ISO/IEC 18004 minimum). */
export const QR_QUIET_ZONE = 4;
const QR_ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

/** A QR code as a square of dark (true) and light modules, without the quiet zone. */
export interface QrMatrix {
  /** QR version 1–40. */
  readonly version: number;
  /** Modules per side, without quiet zone. */
  readonly size: number;
  /** modules[row][col], true = dark. */
  readonly modules: readonly (readonly boolean[])[];
  readonly errorCorrection: 'Q';
  readonly mode: 'alphanumeric';
}

/** Throws RangeError for text outside the QR alphanumeric set (only HC1 strings belong here). */
export function qrMatrix(hc1: string): QrMatrix {
  if (!QR_ALPHANUMERIC.test(hc1)) throw new RangeError('QR content must be QR alphanumeric (an HC1 string)');
  // Built with mask 0, then the mask chosen here: the package's own choice, faster (qr-mask.ts).
  const qr = QRCode.create([{ data: hc1, mode: 'alphanumeric' }], { errorCorrectionLevel: 'Q', maskPattern: 0 });
  const { size } = qr.modules;
  const data = withBestMask(qr.modules.data, qr.modules.reservedBit, size).modules;
  const modules: boolean[][] = [];
  for (let r = 0; r < size; r++) {
    const row: boolean[] = [];
    for (let c = 0; c < size; c++) row.push(data[r * size + c] === 1);
    modules.push(row);
  }
  return { version: qr.version, size, modules, errorCorrection: 'Q', mode: 'alphanumeric' };
}

/**
 * SVG/PDF path data drawing each horizontal run of dark modules as one rectangle, in module
 * units offset by `offset` (half the bytes of one square per module, identical pixels).
 */
export function qrRunPath(modules: readonly (readonly boolean[])[], offset = 0): string {
  let path = '';
  modules.forEach((row, r) => {
    for (let c = 0; c < row.length;) {
      if (!row[c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c++;
      path += `M${start + offset} ${r + offset}h${c - start}v1h${start - c}z`;
    }
  });
  return path;
}

/**
 * The symbol as data for a screen to draw: the side in modules with the quiet zone, and the path
 * of the dark modules (`qrRunPath`, offset by the quiet zone). The result screen draws it as an
 * inline SVG from these two values, so no markup from the core runs in the page and no image has
 * to be decoded before the QR shows (docs/performance.md, "Confirm → QR").
 */
export interface QrSymbol {
  readonly side: number;
  readonly darkPath: string;
}

export function qrSymbol(hc1: string): QrSymbol {
  const m = qrMatrix(hc1);
  return { side: m.size + 2 * QR_QUIET_ZONE, darkPath: qrRunPath(m.modules, QR_QUIET_ZONE) };
}

/**
 * SVG with one path (viewBox in modules, crisp edges), white background, for files (`npm run cli
 * -- qr`). Each horizontal run of dark modules is one rectangle: a third of the size of one square
 * per module.
 */
export async function qrSvg(hc1: string): Promise<string> {
  const { side, darkPath } = qrSymbol(hc1);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${darkPath}"/></svg>\n`
  );
}

/** Characters of the warm-up symbol: about a recovery certificate's HC1, so the same QR version. */
const WARM_UP_CHARS = 490;

/**
 * Encodes one throwaway symbol (digits only, nothing personal) so that the first citizen after a
 * start does not wait for the QR encoder's first run, which takes tens of ms while its code is
 * still cold (docs/performance.md, "The first citizen after a start").
 */
export function warmUpQrEncoder(): void {
  try {
    qrSymbol('0'.repeat(WARM_UP_CHARS));
  } catch {
    // Only a warm-up: a real symbol reports its own failure when a certificate needs it.
  }
}

/**
 * PNG, `scale` pixels per module (default 8), `margin` quiet-zone modules (default and minimum 4).
 * Each module row is drawn once and copied `scale` times, and rows are written with PNG filter 2
 * ("Up"): repeated rows become zeros that deflate to almost nothing. pngjs's default adaptive
 * filter tried all five filters on every row and took ~3× longer (bench: qr_png 14 → ~5 ms).
 */
export async function qrPng(hc1: string, opts: { scale?: number; margin?: number } = {}): Promise<Uint8Array> {
  const m = qrMatrix(hc1);
  const scale = Math.max(1, Math.floor(opts.scale ?? 8));
  const margin = Math.max(QR_QUIET_ZONE, Math.floor(opts.margin ?? QR_QUIET_ZONE));
  const px = (m.size + 2 * margin) * scale;
  const png = new PNG({ width: px, height: px, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false });
  const data = Buffer.alloc(px * px, 0xff);
  for (let r = 0; r < m.size; r++) {
    const top = (r + margin) * scale * px;
    const row = m.modules[r]!;
    for (let c = 0; c < m.size; c++) {
      if (row[c]) data.fill(0, top + (c + margin) * scale, top + (c + margin + 1) * scale);
    }
    for (let y = 1; y < scale; y++) data.copyWithin(top + y * px, top, top + px);
  }
  png.data = data;
  return new Uint8Array(PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, filterType: 2 }));
}
