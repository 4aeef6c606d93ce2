// The ASCII fast path of transliterateIcao (core/dcc/transliterate.ts, added for bench issue_core)
// must give what the general Unicode path gives: a plain A–Z/a–z letter is itself, upper-cased,
// wherever it stands — alone, next to separators and apostrophes, or among letters that need a
// table (umlauts, Cyrillic: a Ukrainian marker still switches И to Y with ASCII letters around).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transliterateIcao } from '../../core/dcc/transliterate';

const value = (name: string): string => {
  const r = transliterateIcao(name);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};

describe('transliterateIcao, plain ASCII letters', () => {
  it('are upper-cased unchanged (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z]{1,100}$/), (name) => {
        expect(value(name)).toBe(name.toUpperCase().slice(0, 80));
      }),
    );
  });

  it('do not change how the characters around them are written (property)', () => {
    const other = fc.constantFrom('ä', 'Ö', 'ß', 'é', 'ł', 'Ж', 'и', 'ї', 'Ω', ' ', '-', "'", '’', '1', '.');
    const ascii = fc.stringMatching(/^[A-Za-z]{1,5}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(other, ascii), { minLength: 1, maxLength: 8 }), (parts) => {
        // The same name with every ASCII run replaced by a letter the general path handles
        // identically (Latin with a mark stripped: é → E) except for its value; compare shapes.
        const name = parts.map(([o, a]) => o + a).join('');
        const r = transliterateIcao(name);
        const general = transliterateIcao(parts.map(([o, a]) => o + a.replace(/[A-Za-z]/g, 'é')).join(''));
        expect(r.ok).toBe(general.ok);
        if (r.ok && general.ok) expect(r.value.replace(/[A-Z]/g, '?')).toBe(general.value.replace(/[A-Z]/g, '?'));
      }),
    );
  });

  it('keep their value among table letters', () => {
    expect(value('Müller-Lüdenscheidt')).toBe('MUELLER<LUEDENSCHEIDT');
    expect(value("O'Brien")).toBe('OBRIEN');
    expect(value('Dr. med. Anna')).toBe('ANNA');
    expect(value('Їжак Mykola Иван')).toBe('IZHAK<MYKOLA<YVAN');
  });
});
