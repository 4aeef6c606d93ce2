// Golden images for the print tests (written to tests/artifacts/print/, gitignored): a receipt is
// re-drawn from what the printer received — text lines in a 12×24-dot monospace cell, raster images
// dot for dot, native QR symbols as the printer would draw them — into a one-page PDF of 1 pt per
// dot, which pdftoppm rasterises at 72 dpi (1 pixel per printer dot). The A4 page is pdftoppm's.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, setCharacterSqueeze } from 'pdf-lib';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import type { ReceiptDocument } from './receipt-document';
import { rasterToRgba } from './receipt-document';

export const ARTIFACTS = resolve(import.meta.dirname, '../../artifacts/print');
const TTF = resolve(import.meta.dirname, '../../../node_modules/dejavu-fonts-ttf/ttf');
const LINE_DOTS = 30;
const CELL_WIDTH = 12;

/** Rasterises page 1 of a PDF to PNG at `dpi`; returns the PNG path. */
export function pdfToPng(pdf: Uint8Array, dpi: number, outBase: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'print-png-'));
  writeFileSync(join(dir, 'in.pdf'), pdf);
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-png',
    '-singlefile',
    '-f',
    '1',
    '-l',
    '1',
    join(dir, 'in.pdf'),
    outBase,
  ]);
  return `${outBase}.png`;
}

export function decodePng(path: string): { width: number; height: number; data: Uint8ClampedArray } {
  const png = PNG.sync.read(readFileSync(path));
  return { width: png.width, height: png.height, data: new Uint8ClampedArray(png.data) };
}

function qrRgba(data: string, ecc: string, dots: number) {
  const m = QRCode.create(data, { errorCorrectionLevel: ecc as 'Q' }).modules;
  const img = new PNG({ width: m.size * dots, height: m.size * dots });
  img.data.fill(255);
  for (let y = 0; y < m.size * dots; y++) {
    for (let x = 0; x < m.size * dots; x++) {
      if (m.data[Math.floor(y / dots) * m.size + Math.floor(x / dots)])
        img.data.fill(0, (y * img.width + x) * 4, (y * img.width + x) * 4 + 3);
    }
  }
  return img;
}

/** Draws the parsed receipt; writes `<name>.png` under ARTIFACTS and returns its path. */
export async function renderReceipt(doc: ReceiptDocument, paperDots: number, name: string): Promise<string> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(readFileSync(join(TTF, 'DejaVuSansMono.ttf')), { subset: true });
  const bold = await pdf.embedFont(readFileSync(join(TTF, 'DejaVuSansMono-Bold.ttf')), { subset: true });
  const size = CELL_WIDTH / regular.widthOfTextAtSize('M', 1);
  const pngOf = (img: PNG): Uint8Array => PNG.sync.write(img);
  const height = doc.items.reduce((h, i) => {
    if (i.kind === 'text') return h + LINE_DOTS + 24 * (i.height - 1);
    if (i.kind === 'feed') return h + i.lines * LINE_DOTS;
    if (i.kind === 'raster') return h + i.height;
    if (i.kind === 'qr')
      return h + QRCode.create(i.data, { errorCorrectionLevel: 'Q' }).modules.size * i.moduleDots + LINE_DOTS;
    return h + 40;
  }, 20);
  const page = pdf.addPage([paperDots, height]);
  let y = height - 10;
  for (const item of doc.items) {
    if (item.kind === 'text') {
      const lineH = LINE_DOTS + 24 * (item.height - 1);
      const font = item.bold ? bold : regular;
      const width = [...item.text].length * CELL_WIDTH * item.width;
      const x = item.center ? (paperDots - width) / 2 : 0;
      if (item.invert) page.drawRectangle({ x, y: y - lineH + 2, width, height: lineH - 2, color: rgb(0, 0, 0) });
      page.pushOperators(setCharacterSqueeze((100 * item.width) / item.height));
      page.drawText(item.text, {
        x,
        y: y - lineH + 8 * item.height,
        size: size * item.height,
        font,
        color: item.invert ? rgb(1, 1, 1) : rgb(0, 0, 0),
      });
      page.pushOperators(setCharacterSqueeze(100));
      y -= lineH;
    } else if (item.kind === 'feed') y -= item.lines * LINE_DOTS;
    else if (item.kind === 'raster') {
      const rgba = rasterToRgba(item);
      const img = new PNG({ width: rgba.width, height: rgba.height });
      img.data = Buffer.from(rgba.data);
      const embedded = await pdf.embedPng(pngOf(img));
      page.drawImage(embedded, { x: 0, y: y - item.height, width: rgba.width, height: rgba.height });
      y -= item.height;
    } else if (item.kind === 'qr') {
      const img = qrRgba(item.data, item.ecc, item.moduleDots);
      const embedded = await pdf.embedPng(pngOf(img));
      page.drawImage(embedded, {
        x: (paperDots - img.width) / 2,
        y: y - img.height,
        width: img.width,
        height: img.height,
      });
      y -= img.height;
    } else {
      page.drawLine({ start: { x: 0, y: y - 20 }, end: { x: paperDots, y: y - 20 }, dashArray: [6, 4], thickness: 1 });
      y -= 40;
    }
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return pdfToPng(await pdf.save(), 72, join(ARTIFACTS, name));
}
