// UVCI generation and Luhn mod N (docs/dcc-notes.md §6): the worked examples, the LT vector, the generator's
// shape and CSPRNG use, and properties (every generated UVCI validates; any single changed
// character is detected).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isUvciChecksumValid, isWellFormedUvci, newUvci, uvciCheckCharacter } from '../../core/dcc/uvci';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:';

describe('docs/dcc-notes.md §6 worked examples', () => {
  it.each([
    ['URN:UVCI:01:NL:187/37512422923', 'Z'],
    ['URN:UVCI:01:AT:10807843F94AEE0EE5093FBC254BD813', 'B'],
    ['URN:UVCI:01:SE:EHM/C878/123456789ABC', 'B'],
    ['URN:UVCI:01:DE:KIOSK/ABC123XYZ', 'D'],
  ])('%s → #%s', (body, check) => {
    expect(uvciCheckCharacter(body)).toBe(check);
    expect(isUvciChecksumValid(`${body}#${check}`)).toBe(true);
  });
  it('agrees with the LT recovery vector', () => {
    expect(isUvciChecksumValid('URN:UVCI:01:LT:52XS0XYHKD042D66RJJRT#I')).toBe(true);
  });
  it('folds lower case (comparison is case-insensitive)', () => {
    expect(uvciCheckCharacter('urn:uvci:01:de:kiosk/abc123xyz')).toBe('D');
    expect(isUvciChecksumValid('urn:uvci:01:de:kiosk/abc123xyz#d')).toBe(true);
  });
  it('rejects a wrong check character, a missing one, and characters outside the set', () => {
    expect(isUvciChecksumValid('URN:UVCI:01:DE:KIOSK/ABC123XYZ#E')).toBe(false);
    expect(isUvciChecksumValid('URN:UVCI:01:DE:KIOSK/ABC123XYZ')).toBe(false);
    expect(isUvciChecksumValid('URN:UVCI:01:DE:KIOSK/ABC-123XYZ#D')).toBe(false);
    expect(isUvciChecksumValid('URN:UVCI:01:DE:KIOSK/ABC123XYZ#D#D')).toBe(false);
    expect(() => uvciCheckCharacter('URN:UVCI:01:DE:KIOSK#X')).toThrow(RangeError);
  });
  it('German production shape (01DE/…) is not this algorithm — docs/dcc-notes.md §6 surprise (c)', () => {
    expect(isUvciChecksumValid('URN:UVCI:01DE/5CWLU12RNOB9RXSEOP6FG8#W')).toBe(false);
  });
});

describe('newUvci', () => {
  it('builds URN:UVCI:01:DE:<PREFIX>/<24 base36>#<check>, ≤ 80 characters, valid checksum', () => {
    const uvci = newUvci('KIOSK01');
    expect(uvci).toMatch(/^URN:UVCI:01:DE:KIOSK01\/[0-9A-Z]{24}#[A-Z0-9/:]$/);
    expect(uvci.length).toBeLessThanOrEqual(80);
    expect(isWellFormedUvci(uvci)).toBe(true);
    expect(isUvciChecksumValid(uvci)).toBe(true);
  });
  it('takes its opaque part from the injected random source', () => {
    const zeros = (n: number) => new Uint8Array(n);
    expect(newUvci('K', zeros)).toBe(
      `URN:UVCI:01:DE:K/${'0'.repeat(24)}#${uvciCheckCharacter(`URN:UVCI:01:DE:K/${'0'.repeat(24)}`)}`,
    );
  });
  it('redraws biased bytes (≥ 252) instead of folding them', () => {
    let call = 0;
    const source = (n: number) => new Uint8Array(n).fill(call++ === 0 ? 255 : 35);
    expect(newUvci('K', source)).toContain(`/${'Z'.repeat(24)}#`);
  });
  it('does not repeat over many draws (CSPRNG default)', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => newUvci('KIOSK')));
    expect(seen.size).toBe(2000);
  });
  it('refuses a prefix outside [A-Z0-9]+ or one that makes the UVCI longer than 80', () => {
    for (const bad of ['', 'kiosk', 'KI/OSK', 'KI OSK', 'KIOSK#']) expect(() => newUvci(bad)).toThrow(RangeError);
    expect(() => newUvci('A'.repeat(39))).toThrow(RangeError);
    expect(newUvci('A'.repeat(38))).toHaveLength(80);
  });
});

describe('properties', () => {
  const prefix = fc.stringMatching(/^[A-Z0-9]{1,20}$/);
  const seed = fc.uint8Array({ minLength: 64, maxLength: 64 });
  const uvciArb = fc.tuple(prefix, seed).map(([p, bytes]) => {
    let offset = 0;
    return newUvci(p, (n) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = bytes[offset++ % bytes.length]! % 252;
      return out;
    });
  });
  it('every generated UVCI is well formed and its checksum validates', () => {
    fc.assert(
      fc.property(uvciArb, (u) => isWellFormedUvci(u) && isUvciChecksumValid(u)),
      { numRuns: 1000 },
    );
  });
  it('any single substituted character (body or check character) is detected', () => {
    fc.assert(
      fc.property(uvciArb, fc.nat(), fc.integer({ min: 1, max: ALPHABET.length - 1 }), (u, posSeed, shift) => {
        const positions = [...u].map((c, i) => (c === '#' ? -1 : i)).filter((i) => i >= 0);
        const pos = positions[posSeed % positions.length]!;
        const replacement = ALPHABET[(ALPHABET.indexOf(u[pos]!) + shift) % ALPHABET.length]!;
        const changed = u.slice(0, pos) + replacement + u.slice(pos + 1);
        return !isUvciChecksumValid(changed);
      }),
      { numRuns: 3000 },
    );
  });
});
