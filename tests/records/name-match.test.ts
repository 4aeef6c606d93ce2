// Family-name matching policy (docs/record-sources.md): keyboard and transliteration variants of
// the recorded name match; different names do not; dates of birth match exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { transliterateIcao } from '../../core/dcc/transliterate';
import { datesOfBirthMatch, familyNamesMatch, foldName } from '../../core/records/name-match';

const MATCHES: [entered: string, recorded: string][] = [
  ['Müller', 'Müller'],
  ['Mueller', 'Müller'],
  ['MULLER', 'Müller'],
  ['muller', 'Müller'],
  ['müller', 'Müller'],
  ['MÜLLER', 'Mueller'],
  ['Müller', 'MUELLER'],
  ['Gößinger', 'Gößinger'],
  ['Goessinger', 'Gößinger'],
  ['GOSSINGER', 'Gößinger'],
  ['Gößinger', 'Goessinger'],
  ['Łęcka', 'Łęcka'],
  ['Lecka', 'Łęcka'],
  ['LECKA', 'Łęcka'],
  ['Wojcik-Lecka', 'Wójcik-Łęcka'],
  ['Wojcik Lecka', 'Wójcik-Łęcka'],
  ['WojcikLecka', 'Wójcik-Łęcka'],
  ['wójcik – łęcka', 'Wójcik-Łęcka'],
  ['Müller Lüdenscheidt', 'Müller-Lüdenscheidt'],
  ['Mueller-Luedenscheidt', 'Müller-Lüdenscheidt'],
  ['Yılmaz', 'Yılmaz'],
  ['YILMAZ', 'Yılmaz'],
  ['Yilmaz', 'Yılmaz'],
  ['yilmaz', 'Yılmaz'],
  ['Petrenko', 'Петренко'],
  ['ПЕТРЕНКО', 'Петренко'],
  ['Aeroe', 'Ærø'],
  ['Aero', 'Ærø'],
  ["O'Demo-Smith", "O'Demo-Smith"],
  ['ODemo Smith', "O'Demo-Smith"],
  ['O’Demo Smith', "O'Demo-Smith"],
  ['Garcia', 'García'],
  ['Hernandez', 'Hernández'],
  ['Mueller', 'Müller'.normalize('NFD')], // decomposed ü from another system
];

const MISMATCHES: [entered: string, recorded: string][] = [
  ['Meier', 'Müller'],
  ['Muller', 'Mueller'], // a different spelling, not a keyboard variant (policy)
  ['Mull', 'Müller'],
  ['Müllers', 'Müller'],
  ['Lüdenscheidt', 'Müller-Lüdenscheidt'], // one part of a double name is not the name
  ['', 'Müller'],
  [' - ', 'Müller'],
  ['Müller', ''],
  ['Petrenko', 'Петрова'],
];

describe('familyNamesMatch', () => {
  it.each(MATCHES)('%j matches recorded %j', (entered, recorded) => {
    expect(familyNamesMatch(entered, recorded)).toBe(true);
  });

  it.each(MISMATCHES)('%j does not match recorded %j', (entered, recorded) => {
    expect(familyNamesMatch(entered, recorded)).toBe(false);
  });

  it('is symmetric for the table above', () => {
    for (const [a, b] of [...MATCHES, ...MISMATCHES]) expect(familyNamesMatch(b, a)).toBe(familyNamesMatch(a, b));
  });

  it('a name matches itself, and its upper- and lower-case forms (Latin-1 letters)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-zÀ-ÖØ-öø-ÿ' -]{0,20}[A-Za-zÀ-ÖØ-öø-ÿ]$/),
        (name) =>
          familyNamesMatch(name, name) &&
          familyNamesMatch(name.toUpperCase(), name) &&
          familyNamesMatch(name.toLowerCase(), name),
      ),
      { numRuns: 500 },
    );
  });

  it('folds a Latin name (Latin-1 and Latin Extended-A letters) exactly as the certificate prints it', () => {
    const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
    for (let code = 0xc0; code <= 0x17f; code++) {
      const ch = String.fromCharCode(code);
      if (/\p{L}/u.test(ch)) letters.push(ch);
    }
    // Each letter alone (deterministic), then names of them (the folds of neighbours must not interact).
    for (const letter of letters) {
      const printed = transliterateIcao(letter);
      expect(printed.ok && printed.value, letter).toBe(foldName(letter, 'icao'));
    }
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 12 }), (chars) => {
        const name = chars.join('');
        const printed = transliterateIcao(name);
        return printed.ok && foldName(name, 'icao') === printed.value;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('datesOfBirthMatch', () => {
  it.each([
    ['1980-05-12', '1980-05-12', true],
    ['1980', '1980', true],
    ['1980-05', '1980-05', true],
    ['1980', '1980-05-12', false],
    ['1980-05-12', '1980-05-13', false],
    ['1980-5-12', '1980-05-12', false],
  ])('%s vs %s → %s', (a, b, expected) => {
    expect(datesOfBirthMatch(a, b)).toBe(expected);
  });
});
