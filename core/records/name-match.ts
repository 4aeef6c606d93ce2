// Family-name comparison between what the citizen typed at the kiosk and what the health office
// recorded (policy in docs/record-sources.md). People type their name the way their
// keyboard, habit or passport lets them: "Müller", "Mueller", "MULLER", "müller" must all find
// the record "Müller", while a genuinely different name must not.
//
// Policy: both names are folded two ways and they match when any fold of one equals any fold
// of the other:
//   - ICAO fold (ICAO 9303 style): Ä→AE, Ö→OE, Ü→UE, ß→SS, Å→AA, Æ→AE, Ø→OE, Œ→OE, Þ→TH …
//   - stripped fold: diacritics dropped, Ä→A, Ö→O, Ü→U, Å→A, Ø→O (ß→SS, Æ→AE, Œ→OE still
//     expand: they have no one-letter base)
// In both folds: letters without a decomposition map to their base (Ł→L, Đ→D, ı→I), Cyrillic is
// transliterated by the ICAO 9303 table, case is ignored, and hyphens, spaces, apostrophes and
// dots are ignored. Consequence (deliberate): typed "Muller" finds recorded "Müller" but not
// recorded "Mueller" — "Muller" vs "Mueller" is a different spelling, not a keyboard variant.
// Empty folds never match. Dates of birth are compared exactly (string equality), elsewhere.
// The certificate engine's ICAO 9303 tables: a name matches as it will be printed. The ICAO fold
// is the engine's own Latin table; the stripped fold differs only where that table expands a
// letter that has a one-letter base (Ä→A, Ø→O …).
import { CYRILLIC, LATIN_SPECIAL } from '../dcc/transliterate-tables';

const IGNORED = /[\s\-\u2010-\u2015\u2212_'\u2018\u2019\u02BC\u0060\u00B4.]/u;

const STRIPPED: Readonly<Record<string, string>> = {
  ...LATIN_SPECIAL,
  Ä: 'A',
  ä: 'A',
  Ö: 'O',
  ö: 'O',
  Ü: 'U',
  ü: 'U',
  Å: 'A',
  å: 'A',
  Ø: 'O',
  ø: 'O',
};

type Fold = 'icao' | 'stripped';

function foldChar(ch: string, fold: Fold): string {
  const special = (fold === 'icao' ? LATIN_SPECIAL : STRIPPED)[ch];
  if (special !== undefined) return special;
  const upper = ch.toUpperCase();
  const cyrillic = CYRILLIC[upper] ?? CYRILLIC[upper.normalize('NFD').charAt(0)];
  if (cyrillic !== undefined) return cyrillic;
  // Anything else: drop the diacritics (é→E, ş→S, ę→E); scripts without a table stay as typed.
  return upper.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** One fold of a name; exported for tests and for the documentation table. */
export function foldName(name: string, fold: Fold): string {
  let out = '';
  for (const ch of name.normalize('NFC')) {
    if (!IGNORED.test(ch)) out += foldChar(ch, fold);
  }
  return out;
}

/** True when the typed family name denotes the recorded one under the policy above. */
export function familyNamesMatch(entered: string, recorded: string): boolean {
  if (typeof entered !== 'string' || typeof recorded !== 'string') return false;
  const mine = new Set([foldName(entered, 'icao'), foldName(entered, 'stripped')]);
  mine.delete('');
  if (mine.size === 0) return false;
  return [foldName(recorded, 'icao'), foldName(recorded, 'stripped')].some((f) => mine.has(f));
}

/** Dates of birth match exactly: "1980" is not "1980-05-01" (the health office decides precision). */
export function datesOfBirthMatch(entered: string, recorded: string): boolean {
  return entered === recorded;
}
