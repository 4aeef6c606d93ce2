// Cross-check of core/print/escpos/command-set.ts against node-thermal-printer, the receipt library
// the customer fixed as a dependency: for the commands both produce (code page selection, QR model
// 2 / ECC Q, emphasis, alignment, reverse print) the bytes must be identical, so two independent
// readings of the Epson and Star manuals agree on every number the receipt depends on.
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { epson, star } from '../../core/print/escpos/command-set';
import type { CodePageId } from '../../core/print/escpos/code-pages';

const library = (type: 'epson' | 'star'): ThermalPrinter => {
  const p = new ThermalPrinter({
    type: type === 'epson' ? PrinterTypes.EPSON : PrinterTypes.STAR,
    interface: '/dev/null',
  });
  p.clear();
  return p;
};
const bytesOf = (p: ThermalPrinter): number[] => [...(p.getBuffer() ?? Buffer.alloc(0))];

const PAGES: [CodePageId, CharacterSet][] = [
  ['PC858', CharacterSet.PC858_EURO],
  ['PC857', CharacterSet.PC857_TURKISH],
  ['PC852', CharacterSet.PC852_LATIN2],
  ['WPC1251', CharacterSet.WPC1251_CYRILLIC],
];
const HC1 =
  'HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N IOP-IA%NFQGRJPC%OQHIZC4.OI1RM8ZA.A5:S9MKN4NN3F85QNCY0O%0VZ001HOC9JU0D0HT0HB2PL/IB*09B9LW4T*8+DC9I0%YB/VM$*SBAKYE9*FJRLDQC8$.AIGCY0K5$0V-AVB85PSHDCR.C';

describe.each([
  ['epson', epson],
  ['star', star],
] as const)('%s command set agrees with node-thermal-printer', (type, ours) => {
  it.each(PAGES)('code page %s', (page, libraryName) => {
    const p = library(type);
    p.setCharacterSet(libraryName);
    expect(ours.codePage(page)).toEqual(bytesOf(p));
  });

  it('QR model 2, error correction Q, cell size 6, data, print', () => {
    const p = library(type);
    p.printQR(HC1, {
      model: 2,
      cellSize: 6,
      correction: 'Q',
      ...(type === 'star' ? { correctionLevel: 'Q' } : {}),
    } as never);
    const theirs = bytesOf(p);
    if (type === 'epson') {
      expect(ours.qr(HC1, 6)).toEqual(theirs);
      return;
    }
    // node-thermal-printer 4.6.1's Star printQR forgets the store command's own header
    // ESC GS y D 1 m (its comment documents it; its config has it as QRCODE_CELLSIZE but never
    // appends it) and puts a stray LF between data and print. With the header restored and the LF
    // dropped, the bytes agree: model, ECC, cell size, store, print.
    const settings = theirs.slice(0, 18);
    const lengthAndData = theirs.slice(18, 18 + 2 + HC1.length);
    expect(theirs.slice(18 + 2 + HC1.length)).toEqual([0x0a, 0x1b, 0x1d, 0x79, 0x50]);
    expect(ours.qr(HC1, 6)).toEqual([
      ...settings,
      0x1b,
      0x1d,
      0x79,
      0x44,
      0x31,
      0x00,
      ...lengthAndData,
      0x1b,
      0x1d,
      0x79,
      0x50,
    ]);
  });

  it('emphasis, centring and reverse print', () => {
    const p = library(type);
    p.bold(true);
    p.alignCenter();
    p.invert(true);
    p.bold(false);
    p.invert(false);
    expect([
      ...ours.bold(true),
      ...ours.align('center'),
      ...ours.invert(true),
      ...ours.bold(false),
      ...ours.invert(false),
    ]).toEqual(bytesOf(p));
  });
});
