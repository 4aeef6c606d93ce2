// QR output (docs/dcc-notes.md §5): jsQR reads our PNG back to the exact HC1; the symbol is one
// alphanumeric-mode segment at error-correction level Q (read from the format information
// per ISO/IEC 18004 §7.9), with a white 4-module quiet zone; SVG shows the same modules.
import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { issueRecoveryCertificate } from '../../core/dcc/issue-certificate';
import { qrMatrix, qrPng, qrSvg, qrSymbol } from '../../core/dcc/qr';
import { fixtureTimes, nodeSigner, sampleInput } from './helpers/fixtures';
import { loadVectors } from './helpers/vectors';

async function ourHc1(): Promise<string> {
  const r = await issueRecoveryCertificate(sampleInput, nodeSigner(), fixtureTimes);
  if (!r.ok) throw new Error(r.error.code);
  return r.value.hc1;
}

function readPng(png: Uint8Array) {
  const img = PNG.sync.read(Buffer.from(png));
  return { img, qr: jsQR(new Uint8ClampedArray(img.data), img.width, img.height) };
}

/** Error-correction level from the format information next to the top-left finder (col 8). */
function eccLevel(modules: readonly (readonly boolean[])[]): string {
  const size = modules.length;
  let bits = 0;
  for (let i = 0; i < 15; i++) {
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    if (modules[row]![8]) bits |= 1 << i;
  }
  const unmasked = bits ^ 0b101010000010010;
  return ['M', 'L', 'H', 'Q'][unmasked >> 13]!;
}

describe('QR of an issued certificate', () => {
  it('jsQR reads the PNG back to the exact HC1 string, as one alphanumeric segment', async () => {
    const hc1 = await ourHc1();
    const { qr } = readPng(await qrPng(hc1));
    expect(qr?.data).toBe(hc1);
    expect(qr?.chunks.map((c) => c.type)).toEqual(['alphanumeric']);
  });
  it('uses error correction level Q and the smallest fitting version', async () => {
    const hc1 = await ourHc1();
    const m = qrMatrix(hc1);
    expect(m.errorCorrection).toBe('Q');
    expect(eccLevel(m.modules)).toBe('Q');
    expect(m.size).toBe(17 + 4 * m.version);
    expect(m.version).toBeGreaterThanOrEqual(15);
    expect(m.version).toBeLessThanOrEqual(20);
  });
  it('matches the version real issuers produce for the DE recovery vector (17, docs/dcc-notes.md §5)', () => {
    const de = loadVectors().find((v) => v.file === 'DE/2DCode/raw/3.json')!;
    const m = qrMatrix(de.PREFIX!);
    expect(m.version).toBe(17);
    expect(eccLevel(m.modules)).toBe('Q');
  });
  it('keeps a white quiet zone of at least 4 modules at any scale', async () => {
    const hc1 = await ourHc1();
    for (const scale of [1, 3, 8]) {
      const { img, qr } = readPng(await qrPng(hc1, { scale, margin: 1 }));
      const size = qrMatrix(hc1).size;
      expect(img.width).toBe((size + 8) * scale);
      const border = 4 * scale;
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          if (x >= border && x < img.width - border && y >= border && y < img.height - border) continue;
          expect(img.data[(y * img.width + x) * 4]).toBe(255);
        }
      }
      if (scale >= 3) expect(qr?.data).toBe(hc1);
    }
  });
  it('SVG draws exactly the dark modules of the matrix, offset by the quiet zone', async () => {
    const hc1 = await ourHc1();
    const m = qrMatrix(hc1);
    const svg = await qrSvg(hc1);
    expect(svg).toContain(`viewBox="0 0 ${m.size + 8} ${m.size + 8}"`);
    // One rectangle per horizontal run of dark modules: M x y h len v1 h -len z.
    const squares = [...svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)].flatMap((x) => {
      expect(x[4]).toBe(x[3]);
      return Array.from({ length: Number(x[3]) }, (_, i) => `${Number(x[2]) - 4},${Number(x[1]) - 4 + i}`);
    });
    // The path holds nothing but such rectangles.
    expect(/ d="(?:M\d+ \d+h\d+v1h-\d+z)+"/.test(svg)).toBe(true);
    expect(squares.length).toBe(new Set(squares).size);
    const dark = m.modules.flatMap((row, r) => row.flatMap((d, c) => (d ? [`${r},${c}`] : [])));
    expect(new Set(squares)).toEqual(new Set(dark));
  });
  it('the screen draws the same symbol as the SVG file: the same side and dark-module path', async () => {
    const hc1 = await ourHc1();
    const { side, darkPath } = qrSymbol(hc1);
    expect(side).toBe(qrMatrix(hc1).size + 8);
    expect(await qrSvg(hc1)).toContain(`viewBox="0 0 ${side} ${side}"`);
    expect(await qrSvg(hc1)).toContain(` d="${darkPath}"`);
  });
  it('refuses content outside the QR alphanumeric set (would force byte mode)', () => {
    expect(() => qrMatrix('hc1:lowercase')).toThrow(RangeError);
  });
});
