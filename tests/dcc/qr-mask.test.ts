// The kiosk chooses the QR mask itself (core/dcc/qr-mask.ts, for speed); the symbol must stay the
// one the `qrcode` package chooses: same mask, same modules, for every size a certificate can take.
import { describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { qrMatrix } from '../../core/dcc/qr';
import { formatBitsQ } from '../../core/dcc/qr-mask';
import { loadVectors } from './helpers/vectors';

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** Deterministic (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The package's own symbol: its default mask choice. */
function packageModules(text: string): boolean[][] {
  const qr = QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: 'Q' });
  const { size, data } = qr.modules;
  return Array.from({ length: size }, (_, r) => Array.from({ length: size }, (_, c) => data[r * size + c] === 1));
}

describe('the QR mask the kiosk chooses', () => {
  it('writes the format bits of ISO/IEC 18004 Table C.1 for level Q and each mask', () => {
    const table = [0x355f, 0x3068, 0x3f31, 0x3a06, 0x24b4, 0x2183, 0x2eda, 0x2bed];
    expect(table.map((_, mask) => formatBitsQ(mask))).toEqual(table);
  });

  it('gives the same symbol as the qrcode package for 400 random texts of 1 to 1,200 characters', () => {
    const next = random(20261202);
    for (let n = 0; n < 400; n++) {
      const length = 1 + Math.floor(next() * 1200);
      const text = Array.from({ length }, () => ALPHANUMERIC[Math.floor(next() * ALPHANUMERIC.length)]).join('');
      expect(qrMatrix(text).modules, `case ${n}: ${length} characters`).toEqual(packageModules(text));
    }
  });

  it('gives the same symbol as the qrcode package for every HC1 of the EU test vectors', () => {
    const hc1s = loadVectors()
      .map((v) => v.PREFIX)
      .filter((p): p is string => typeof p === 'string' && /^[0-9A-Z $%*+\-./:]+$/.test(p));
    expect(hc1s.length).toBeGreaterThan(100);
    for (const hc1 of hc1s) expect(qrMatrix(hc1).modules).toEqual(packageModules(hc1));
  });
});
