// Transport layer (docs/dcc-notes.md §5): base45 against the RFC 9285 examples and the strictness rules
// (B1 alphabet, length ≡ 1 mod 3, overflow), zlib framing (raw deflate / uncompressed refused),
// the output cap against zip bombs, and the exact "HC1:" prefix.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { base45Decode, base45Encode } from '../../core/dcc/base45';
import { compress, fromHc1, inflate, MAX_HC1_LENGTH, toHc1, unprefix } from '../../core/dcc/transport';

const text = (s: string) => new TextEncoder().encode(s);

describe('base45 (RFC 9285)', () => {
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ])('%s ↔ %s', (plain, encoded) => {
    expect(base45Encode(text(plain))).toBe(encoded);
    const back = base45Decode(encoded);
    expect(back.ok && new TextDecoder().decode(back.value)).toBe(plain);
  });
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const r = base45Decode(base45Encode(bytes));
        return r.ok && Buffer.from(r.value).equals(Buffer.from(bytes));
      }),
    );
  });
  it('rejects characters outside the alphabet, including lower case', () => {
    for (const bad of ['BB8a', 'bb8', 'BB#', 'BB8\n', 'ÄÄÄ']) {
      expect(base45Decode(bad)).toEqual({ ok: false, error: bad.length % 3 === 1 ? 'BAD_LENGTH' : 'BAD_CHARACTER' });
    }
  });
  it('rejects a final group of one character', () => {
    expect(base45Decode('BB8A')).toEqual({ ok: false, error: 'BAD_LENGTH' });
  });
  it('rejects triplets above 65535 and pairs above 255', () => {
    expect(base45Decode('GGW')).toEqual({ ok: false, error: 'OVERFLOW' }); // 65536
    expect(base45Decode('FGW')).toEqual({ ok: true, value: new Uint8Array([0xff, 0xff]) }); // 65535
    expect(base45Decode('76')).toEqual({ ok: false, error: 'OVERFLOW' }); // 7 + 6·45 = 277
  });
  it('keeps the space character as data', () => {
    expect(base45Decode('%69 VD92EX0').ok).toBe(true);
    expect(base45Decode('%69VD92EX0').ok).toBe(false);
  });
});

describe('zlib and prefix', () => {
  const cose = new Uint8Array(Array.from({ length: 300 }, (_, i) => i % 251));
  it('compresses with zlib level 9 (header 78 DA) and round-trips through HC1', () => {
    const hc1 = toHc1(cose);
    expect(hc1.startsWith('HC1:')).toBe(true);
    const compressed = base45Decode(hc1.slice(4));
    expect(compressed.ok && [...compressed.value.slice(0, 2)]).toEqual([0x78, 0xda]);
    const back = fromHc1(hc1);
    expect(back.ok && Buffer.from(back.value).equals(Buffer.from(cose))).toBe(true);
  });
  it('accepts level-6 zlib (78 9C) as well', () => {
    expect(inflate(new Uint8Array(deflateSync(cose))).ok).toBe(true);
  });
  it('refuses raw deflate, gzip and uncompressed data (vector Z2)', () => {
    expect(inflate(new Uint8Array(deflateRawSync(cose)))).toEqual({ ok: false, error: 'COMPRESSION' });
    expect(inflate(new Uint8Array(gzipSync(cose)))).toEqual({ ok: false, error: 'COMPRESSION' });
    expect(inflate(new Uint8Array([0xd2, 0x84, 0x43, 0xa1]))).toEqual({ ok: false, error: 'COMPRESSION' });
  });
  it('stops a zip bomb at the output cap', () => {
    const bomb = new Uint8Array(deflateSync(new Uint8Array(8 * 1024 * 1024), { level: 9 }));
    expect(bomb.length).toBeLessThan(MAX_HC1_LENGTH);
    expect(inflate(bomb)).toEqual({ ok: false, error: 'TOO_LARGE' });
  });
  it('only accepts the exact upper-case "HC1:" prefix (H1–H3)', () => {
    expect(unprefix('HC1:ABC')).toEqual({ ok: true, value: 'ABC' });
    for (const bad of ['HL0:ABC', 'HC2:ABC', 'hc1:ABC', 'HC1ABC', 'ABC', ' HC1:ABC']) {
      expect(unprefix(bad)).toEqual({ ok: false, error: 'PREFIX' });
    }
  });
  it('refuses input over 10 KB before decoding', () => {
    expect(fromHc1(`HC1:${'0'.repeat(MAX_HC1_LENGTH)}`)).toEqual({ ok: false, error: 'TOO_LARGE' });
  });
});

describe('zlib compression', () => {
  it('produces the bytes of a level-9 zlib stream with the default settings, for small and multi-chunk output', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.nat(300), (random, repeat) => {
        const bytes = new Uint8Array([...random, ...new Uint8Array(repeat).fill(0x41)]);
        expect(Buffer.from(compress(bytes)).equals(deflateSync(bytes, { level: 9 }))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
