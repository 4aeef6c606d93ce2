// Command bytes of the two receipt-printer command sets the kiosk supports:
// Epson ESC/POS (TM-T88/T20/T82 and the many clones) and Star Line Mode (TSP100/650/700/800,
// mC-Print). Only what the receipt needs; everything else the printers offer stays unused.
// Star: QR `ESC GS y`, raster `ESC GS S 1 xL xH yL yH 0`, cut `ESC d 3`, code page `ESC GS t`.
import type { CodePageId } from './code-pages';

export type Align = 'left' | 'center';

export interface CommandSet {
  readonly name: 'epson' | 'star';
  init(): number[];
  codePage(page: CodePageId): number[];
  align(a: Align): number[];
  bold(on: boolean): number[];
  /** Character size multipliers 1–2 (width, height). */
  size(width: 1 | 2, height: 1 | 2): number[];
  invert(on: boolean): number[];
  /** Feed `lines` text lines. */
  feed(lines: number): number[];
  /** Native QR, model 2, ECC Q, `moduleDots` per module; the printer picks the encoding mode. */
  qr(data: string, moduleDots: number): number[];
  /** Largest module size the native QR command accepts. */
  readonly maxQrModuleDots: number;
  /** 1-bit raster image, rows of `bytesPerRow` bytes, MSB = leftmost dot, 1 = black. */
  raster(bytesPerRow: number, height: number, rows: Uint8Array): number[];
  /** Feed past the cutter and cut (partial cut, so the receipt does not fall on the floor). */
  cut(): number[];
}

const ESC = 0x1b;
const GS = 0x1d;
const lowHigh = (n: number): [number, number] => [n & 0xff, (n >> 8) & 0xff];
const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

/** ESC t n numbers (Epson ESC/POS Application Programming Guide, "Character code tables"). */
const EPSON_PAGE: Readonly<Record<CodePageId, number>> = { PC858: 19, PC857: 13, PC852: 18, WPC1251: 46 };
/** ESC GS t n numbers (Star Line Mode command specification, "Select code page"). */
const STAR_PAGE: Readonly<Record<CodePageId, number>> = { PC858: 4, PC857: 12, PC852: 5, WPC1251: 34 };

/** Raster images go out in bands so no single command exceeds the printers' buffer limits. */
const BAND_ROWS = 128;

function banded(bytesPerRow: number, height: number, rows: Uint8Array, header: (h: number) => number[]): number[] {
  const out: number[] = [];
  for (let y = 0; y < height; y += BAND_ROWS) {
    const h = Math.min(BAND_ROWS, height - y);
    out.push(...header(h));
    for (let i = y * bytesPerRow; i < (y + h) * bytesPerRow; i++) out.push(rows[i]!);
  }
  return out;
}

export const epson: CommandSet = {
  name: 'epson',
  init: () => [ESC, 0x40],
  codePage: (page) => [ESC, 0x74, EPSON_PAGE[page]],
  align: (a) => [ESC, 0x61, a === 'center' ? 1 : 0],
  bold: (on) => [ESC, 0x45, on ? 1 : 0],
  size: (w, h) => [GS, 0x21, ((w - 1) << 4) | (h - 1)],
  invert: (on) => [GS, 0x42, on ? 1 : 0],
  feed: (lines) => [ESC, 0x64, lines],
  maxQrModuleDots: 16,
  qr(data, moduleDots) {
    const bytes = ascii(data);
    return [
      ...[GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0x00], // model 2
      ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, moduleDots], // module size
      ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x32], // error correction Q
      ...[GS, 0x28, 0x6b, ...lowHigh(bytes.length + 3), 0x31, 0x50, 0x30, ...bytes], // store
      ...[GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30], // print
    ];
  },
  raster: (bytesPerRow, height, rows) =>
    banded(bytesPerRow, height, rows, (h) => [GS, 0x76, 0x30, 0, ...lowHigh(bytesPerRow), ...lowHigh(h)]),
  cut: () => [GS, 0x56, 66, 0],
};

export const star: CommandSet = {
  name: 'star',
  init: () => [ESC, 0x40],
  codePage: (page) => [ESC, GS, 0x74, STAR_PAGE[page]],
  align: (a) => [ESC, GS, 0x61, a === 'center' ? 1 : 0],
  bold: (on) => (on ? [ESC, 0x45] : [ESC, 0x46]),
  size: (w, h) => [ESC, 0x69, h - 1, w - 1],
  invert: (on) => (on ? [ESC, 0x34] : [ESC, 0x35]),
  feed: (lines) => [ESC, 0x61, lines],
  maxQrModuleDots: 8,
  qr(data, moduleDots) {
    const bytes = ascii(data);
    return [
      ...[ESC, GS, 0x79, 0x53, 0x30, 2], // model 2
      ...[ESC, GS, 0x79, 0x53, 0x31, 2], // error correction Q
      ...[ESC, GS, 0x79, 0x53, 0x32, moduleDots], // cell size
      ...[ESC, GS, 0x79, 0x44, 0x31, 0, ...lowHigh(bytes.length), ...bytes], // store (auto mode)
      ...[ESC, GS, 0x79, 0x50], // print
    ];
  },
  raster: (bytesPerRow, height, rows) =>
    banded(bytesPerRow, height, rows, (h) => [ESC, GS, 0x53, 1, ...lowHigh(bytesPerRow), ...lowHigh(h), 0]),
  cut: () => [ESC, 0x64, 3],
};

export const commandSet = (name: 'epson' | 'star'): CommandSet => (name === 'star' ? star : epson);
