// 1-bit images for the receipt (qrMode 'raster'): the QR from the certificate engine's
// module matrix, scaled by a whole number of dots so modules stay exactly square (docs/dcc-notes.md §5: on
// low-resolution printers, whole dots per module), centred in a full-width image so the white
// margin doubles as the quiet zone whatever the printer's justification does with images.
import type { QrMatrix } from '../../dcc/qr';

export const QUIET_ZONE_MODULES = 4;

export interface Bitmap {
  readonly width: number;
  readonly height: number;
  readonly bytesPerRow: number;
  /** Row-major, MSB = leftmost dot, 1 = black. */
  readonly rows: Uint8Array;
}

/** Largest whole-dot module size for which QR + 4-module quiet zones fit `paperDots`. */
export const qrModuleDots = (qr: QrMatrix, paperDots: number): number =>
  Math.max(1, Math.floor(paperDots / (qr.size + 2 * QUIET_ZONE_MODULES)));

export function qrBitmap(qr: QrMatrix, paperDots: number): Bitmap {
  const dots = qrModuleDots(qr, paperDots);
  const bytesPerRow = Math.ceil(paperDots / 8);
  const height = (qr.size + 2 * QUIET_ZONE_MODULES) * dots;
  const rows = new Uint8Array(bytesPerRow * height);
  const left = Math.floor((paperDots - qr.size * dots) / 2);
  const top = QUIET_ZONE_MODULES * dots;
  for (let r = 0; r < qr.size; r++) {
    for (let c = 0; c < qr.size; c++) {
      if (!qr.modules[r]![c]) continue;
      for (let y = top + r * dots; y < top + (r + 1) * dots; y++) {
        for (let x = left + c * dots; x < left + (c + 1) * dots; x++) {
          rows[y * bytesPerRow + (x >> 3)]! |= 0x80 >> (x & 7);
        }
      }
    }
  }
  return { width: paperDots, height, bytesPerRow, rows };
}
