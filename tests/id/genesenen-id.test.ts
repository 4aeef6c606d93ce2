// Genesenen-ID format: published Luhn mod N vectors, the default Crockford format,
// normalisation of what citizens type, and the error-detection properties the check character
// exists for (single substitutions always; adjacent transpositions except 0<->Z).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdFormat, CROCKFORD_BASE32, defaultIdFormat, idFormatConfigSchema } from '../../core/id/genesenen-id';
import { luhnModNCheckPoint } from '../../core/id/luhn-mod-n';

const codeOf = (r: ReturnType<typeof defaultIdFormat.normalize>) => (r.ok ? 'OK' : r.error.code);

describe('Luhn mod N published vectors', () => {
  it('decimal alphabet reproduces the classic Luhn check digit (79927398713)', () => {
    const decimal = createIdFormat({ alphabet: '0123456789', length: 11, groups: [11] });
    expect(decimal.normalize('79927398713').ok).toBe(true);
    for (const wrong of '012456789') expect(codeOf(decimal.normalize(`7992739871${wrong}`))).toBe('ID_CHECK_CHARACTER');
  });

  it('alphabet a-f: check character of "abcdef" is "e" (Wikipedia, Luhn mod N algorithm)', () => {
    expect(luhnModNCheckPoint([0, 1, 2, 3, 4, 5], 6)).toBe(4);
    const hex6 = createIdFormat({ alphabet: 'ABCDEF', length: 7, groups: [7] });
    expect(hex6.normalize('abcdefe').ok).toBe(true);
  });
});

describe('default format', () => {
  it('has a valid example in display form', () => {
    expect(defaultIdFormat.example).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(defaultIdFormat.example).toBe('0123-4567-89AB');
    expect(defaultIdFormat.normalize(defaultIdFormat.example)).toEqual({
      ok: true,
      value: { normalized: '0123456789AB', display: '0123-4567-89AB' },
    });
  });

  it.each([
    ['0123-4567-89AB', '0123456789AB'],
    ['0123456789ab', '0123456789AB'],
    [' 0123 4567 89ab ', '0123456789AB'],
    ['01-23-45-67-89-AB', '0123456789AB'],
    ['0123–4567—89AB', '0123456789AB'], // en dash, em dash from copy-paste
    ['O123-4567-89AB', '0123456789AB'], // letter O read as zero
    ['0I23-4567-89AB', '0123456789AB'], // I read as one
    ['0l23-4567-89AB', '0123456789AB'], // l read as one
    ['０１２３４５６７８９ＡＢ', '0123456789AB'], // full-width digits (NFKC)
  ])('normalises %j', (raw, normalized) => {
    const r = defaultIdFormat.normalize(raw);
    expect(r.ok && r.value.normalized).toBe(normalized);
  });

  it.each([
    ['', 'ID_FORMAT'],
    ['0123-4567-89A', 'ID_FORMAT'], // too short
    ['0123-4567-89AB0', 'ID_FORMAT'], // too long
    ['0123-4567-89AU', 'ID_FORMAT'], // U is not in Crockford base32
    ['0123-4567-89A*', 'ID_FORMAT'],
    ['0123-4567-89Aß', 'ID_FORMAT'],
    ['0'.repeat(65), 'ID_FORMAT'],
    ['0123-4567-89AC', 'ID_CHECK_CHARACTER'],
    ['1023-4567-89AB', 'ID_CHECK_CHARACTER'],
  ])('rejects %j with %s', (raw, code) => {
    expect(codeOf(defaultIdFormat.normalize(raw))).toBe(code);
  });

  it('ID_FORMAT details carry only the expected length, never the input', () => {
    const r = defaultIdFormat.normalize('ZZZZ');
    expect(r).toEqual({ ok: false, error: { code: 'ID_FORMAT', details: { length: 12 } } });
  });
});

const arbId = fc.uint8Array({ minLength: 64, maxLength: 64 }).map((bytes) => {
  let used = 0;
  return defaultIdFormat.generate((n) => {
    const out = bytes.slice(used, used + n);
    used += n;
    return out.length === n ? out : new Uint8Array(n).map((_, i) => (i * 37 + used) & 0xff);
  });
});
const chars = (display: string) => [...display.replaceAll('-', '')];

describe('properties', () => {
  it('every generated ID validates and round-trips through its display form', () => {
    fc.assert(
      fc.property(arbId, (id) => {
        const r = defaultIdFormat.normalize(id);
        return r.ok && r.value.display === id && r.value.normalized === id.replaceAll('-', '');
      }),
      { numRuns: 500 },
    );
  });

  it('lower case and spacing variants of a valid ID normalise to the same ID', () => {
    fc.assert(
      fc.property(arbId, fc.array(fc.constantFrom(' ', '-', ''), { minLength: 12, maxLength: 12 }), (id, seps) => {
        const messy = chars(id)
          .map((c, i) => c.toLowerCase() + seps[i])
          .join('');
        const r = defaultIdFormat.normalize(messy);
        return r.ok && r.value.display === id;
      }),
    );
  });

  it('every single-character substitution is detected', () => {
    fc.assert(
      fc.property(arbId, fc.nat(11), fc.nat(30), (id, pos, shift) => {
        const c = chars(id);
        const idx = CROCKFORD_BASE32.indexOf(c[pos]!);
        c[pos] = CROCKFORD_BASE32[(idx + 1 + shift) % 32]!;
        return codeOf(defaultIdFormat.normalize(c.join(''))) === 'ID_CHECK_CHARACTER';
      }),
      { numRuns: 2000 },
    );
  });

  it('every adjacent transposition of distinct characters is detected, except 0<->Z', () => {
    fc.assert(
      fc.property(arbId, fc.nat(10), (id, pos) => {
        const c = chars(id);
        const [a, b] = [c[pos]!, c[pos + 1]!];
        fc.pre(a !== b && !(new Set([a, b]).has('0') && new Set([a, b]).has('Z')));
        [c[pos], c[pos + 1]] = [b, a];
        return codeOf(defaultIdFormat.normalize(c.join(''))) === 'ID_CHECK_CHARACTER';
      }),
      { numRuns: 2000 },
    );
  });

  it('exhaustively: every distinct pair in every payload position, only 0<->Z slips through', () => {
    const base = chars(defaultIdFormat.generate()).slice(0, 11);
    const withCheck = (payload: string[]) => {
      const points = payload.map((ch) => CROCKFORD_BASE32.indexOf(ch));
      return [...payload, CROCKFORD_BASE32[luhnModNCheckPoint(points, 32)]!];
    };
    const undetected = new Set<string>();
    for (let pos = 0; pos < 10; pos++) {
      for (const a of CROCKFORD_BASE32) {
        for (const b of CROCKFORD_BASE32) {
          if (a === b) continue;
          const payload = [...base];
          [payload[pos], payload[pos + 1]] = [a, b];
          const swapped = withCheck(payload);
          [swapped[pos], swapped[pos + 1]] = [b, a];
          if (defaultIdFormat.normalize(swapped.join('')).ok) undetected.add([a, b].sort().join(''));
        }
      }
    }
    expect([...undetected]).toEqual(['0Z']);
  });
});

describe('configurable format', () => {
  it('a city format with a prefix pattern and other grouping', () => {
    const city = createIdFormat({ length: 10, groups: [2, 4, 4], pattern: 'K[0-9A-Z]+' });
    expect(city.example.startsWith('K')).toBe(true);
    expect(city.example).toMatch(/^K.-.{4}-.{4}$/);
    expect(city.normalize(city.example).ok).toBe(true);
    const id = city.generate();
    expect(city.normalize(id).ok).toBe(true);
    expect(codeOf(city.normalize(`X${id.slice(1)}`))).toBe('ID_FORMAT');
  });

  it("checkRule 'none' accepts any ID over the alphabet", () => {
    const plain = createIdFormat({ checkRule: 'none' });
    expect(plain.normalize('0123-4567-89AC').ok).toBe(true);
  });

  it.each([
    [{ alphabet: 'AABC' }],
    [{ alphabet: 'abc' }],
    [{ groups: [4, 4] }],
    [{ pattern: '(' }],
    [{ aliases: { '0': 'O' } }],
    [{ length: 2 }],
  ])('rejects invalid config %j', (config) => {
    expect(idFormatConfigSchema.safeParse(config).success).toBe(false);
  });
});
