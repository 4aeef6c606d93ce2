// Turns parsed ESC/POS commands back into what the paper would show: text lines (decoded through
// iconv-lite's code tables, independent of core/print's own tables), raster images (bands joined)
// and native QR symbols, each with the style and alignment in force.
import iconv from 'iconv-lite';
import { parseCommands, type Command, type CommandSetName } from './escpos-parser';

export interface TextLine {
  readonly kind: 'text';
  readonly text: string;
  readonly bold: boolean;
  readonly width: number;
  readonly height: number;
  readonly invert: boolean;
  readonly center: boolean;
}
export interface RasterImage {
  readonly kind: 'raster';
  readonly bytesPerRow: number;
  readonly height: number;
  readonly rows: Uint8Array;
}
export interface NativeQr {
  readonly kind: 'qr';
  readonly data: string;
  readonly model: number;
  readonly ecc: string;
  readonly moduleDots: number;
}
export type ReceiptItem = TextLine | RasterImage | NativeQr | { kind: 'feed'; lines: number } | { kind: 'cut' };

export interface ReceiptDocument {
  readonly items: ReceiptItem[];
  readonly statusRequests: Command['kind'][];
  /** Text lines only, in order. */
  readonly lines: string[];
}

const PAGES: Record<CommandSetName, Record<number, string>> = {
  epson: { 0: 'cp437', 19: 'cp858', 13: 'cp857', 18: 'cp852', 46: 'windows-1251' },
  star: { 1: 'cp437', 4: 'cp858', 12: 'cp857', 5: 'cp852', 34: 'windows-1251' },
};

export function readReceipt(bytes: Uint8Array, set: CommandSetName): ReceiptDocument {
  const { commands, consumed } = parseCommands(bytes, set);
  if (consumed !== bytes.length) throw new Error(`job ends inside a command at byte ${consumed}`);
  const items: ReceiptItem[] = [];
  const statusRequests: Command['kind'][] = [];
  let page = PAGES[set][set === 'epson' ? 0 : 1]!;
  let style = { bold: false, width: 1, height: 1, invert: false, center: false };
  let line = '';
  let open = false;
  const qr = { model: 0, ecc: '', moduleDots: 0, data: '' };
  for (const c of commands) {
    switch (c.kind) {
      case 'init':
        style = { bold: false, width: 1, height: 1, invert: false, center: false };
        break;
      case 'codePage': {
        const name = PAGES[set][c.n];
        if (!name) throw new Error(`unexpected code page ${c.n}`);
        page = name;
        break;
      }
      case 'text':
        line += iconv.decode(Buffer.from(c.bytes), page);
        open = true;
        break;
      case 'lf':
        items.push({ kind: 'text', text: line, ...style });
        line = '';
        open = false;
        break;
      case 'align':
        style = { ...style, center: c.n === 1 };
        break;
      case 'bold':
        style = { ...style, bold: c.on };
        break;
      case 'size':
        style = { ...style, width: c.width, height: c.height };
        break;
      case 'invert':
        style = { ...style, invert: c.on };
        break;
      case 'feed':
        items.push({ kind: 'feed', lines: c.lines });
        break;
      case 'cut':
        items.push({ kind: 'cut' });
        break;
      case 'qrModel':
        qr.model = c.model;
        break;
      case 'qrEcc':
        qr.ecc = c.level;
        break;
      case 'qrModuleSize':
        qr.moduleDots = c.dots;
        break;
      case 'qrStore':
        qr.data = c.data;
        break;
      case 'qrPrint':
        items.push({ kind: 'qr', ...qr });
        break;
      case 'raster': {
        const last = items[items.length - 1];
        if (last?.kind === 'raster' && last.bytesPerRow === c.bytesPerRow) {
          const rows = new Uint8Array(last.rows.length + c.rows.length);
          rows.set(last.rows);
          rows.set(c.rows, last.rows.length);
          items[items.length - 1] = { ...last, height: last.height + c.height, rows };
        } else items.push({ kind: 'raster', bytesPerRow: c.bytesPerRow, height: c.height, rows: c.rows });
        break;
      }
      case 'statusRealtime':
      case 'statusPaper':
      case 'statusStar':
        statusRequests.push(c.kind);
        break;
    }
  }
  if (open) throw new Error('text after the last line feed is never printed');
  return { items, statusRequests, lines: items.flatMap((i) => (i.kind === 'text' ? [i.text] : [])) };
}

/** A raster image as RGBA pixels (black dots on white), e.g. for jsQR or a PNG. */
export function rasterToRgba(img: RasterImage): { width: number; height: number; data: Uint8ClampedArray } {
  const width = img.bytesPerRow * 8;
  const data = new Uint8ClampedArray(width * img.height * 4).fill(255);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < width; x++) {
      if (img.rows[y * img.bytesPerRow + (x >> 3)]! & (0x80 >> (x & 7)))
        data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { width, height: img.height, data };
}
