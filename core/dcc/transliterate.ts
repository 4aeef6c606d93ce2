// ICAO 9303 transliteration of names for `fnt` / `gnt` (docs/dcc-notes.md §2). Policies decided here:
// - NFC, trim; runs of spaces/hyphens/underscores become ONE `<`; apostrophes are removed.
// - Leading academic titles written with a dot ("Dr.", "Prof.", "Dr. med.") are dropped: the
//   German ID card keeps the degree out of the name (and out of the MRZ), and a verifying human
//   compares against that ID. Titles are only recognised with their dot, so a name "Dr" stays.
// - Other non-letters (digits, dots, commas, symbols like µ) are dropped, not mapped to `<`.
// - Latin letters: explicit table (Ä→AE, Ł→L…), else diacritics stripped; a Latin letter that
//   still is not A–Z, and any letter of a script without a table (Arabic, CJK, Georgian…),
//   gives NAME_NOT_TRANSLITERABLE instead of silently vanishing.
// - Result ≤ 80 characters, never a leading or trailing `<`, always ^[A-Z<]*$.
import { err, ok, type Result } from '../result';
import { CYRILLIC, GREEK, LATIN_SPECIAL, UKRAINIAN_MARKERS } from './transliterate-tables';

/** The longest `fnt`/`gnt` the DCC schema allows. */
export const MAX_TRANSLITERATED_LENGTH = 80;

const SEPARATOR = /[\s\-\u2010-\u2015\u2212_]/u;
const APOSTROPHE = /['\u2018\u2019\u02BC\u0060\u00B4]/u;
const TITLE = /^(?:(?:dr|prof|priv\.-doz|dipl\.-ing|med|rer\.\s*nat|phil|jur|h\.\s*c)\.\s*)+/iu;

function stripMarks(ch: string): string {
  return ch.normalize('NFKD').replace(/\p{M}/gu, '');
}

/** One letter → its standardised form, or undefined when no table covers it. */
function letter(ch: string, ukrainian: boolean): string | undefined {
  const special = LATIN_SPECIAL[ch];
  if (special !== undefined) return special;
  if (/\p{Script=Latin}/u.test(ch)) {
    const plain = stripMarks(ch).toUpperCase();
    return /^[A-Z]+$/.test(plain) ? plain : undefined;
  }
  if (/\p{Script=Cyrillic}/u.test(ch)) {
    // Й Ё Ї Ў are table letters of their own; only other accented forms fall back to the base letter.
    const upper = ch.toUpperCase();
    const key = CYRILLIC[upper] !== undefined ? upper : stripMarks(upper);
    const base = CYRILLIC[key];
    if (base === undefined) return undefined;
    return ukrainian && key === 'И' ? 'Y' : base;
  }
  if (/\p{Script=Greek}/u.test(ch)) {
    const upper = stripMarks(ch).toUpperCase().replace('ς', 'Σ');
    return GREEK[upper];
  }
  return undefined;
}

/**
 * Standardises one name field (surname(s) or forename(s)). Errors: NAME_INVALID for an empty
 * or letterless name, NAME_NOT_TRANSLITERABLE for letters of an unsupported script.
 * Details never contain the name.
 */
export function transliterateIcao(name: string): Result<string> {
  if (typeof name !== 'string') return err('NAME_INVALID');
  const withoutTitle = name.normalize('NFC').trim().replace(TITLE, '');
  const text = withoutTitle.trim() === '' ? name.normalize('NFC').trim() : withoutTitle.trim();
  if (text === '') return err('NAME_INVALID');
  const ukrainian = UKRAINIAN_MARKERS.test(text);
  let out = '';
  for (const ch of text) {
    // Fast path, same result as the general branch below: A–Z/a–z are Latin letters outside
    // every table (bench: issue_core — the Unicode property regexes dominated for plain names).
    const code = ch.charCodeAt(0);
    if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) {
      out += ch.toUpperCase();
    } else if (SEPARATOR.test(ch)) {
      if (out !== '' && !out.endsWith('<')) out += '<';
    } else if (APOSTROPHE.test(ch)) {
      continue;
    } else if (/\p{L}/u.test(ch) && !/\p{Script=Common}/u.test(ch)) {
      const mapped = letter(ch, ukrainian);
      if (mapped === undefined) return err('NAME_NOT_TRANSLITERABLE');
      out += mapped;
    }
    // everything else (digits, punctuation, symbols, marks, Common-script letters like µ) is dropped
  }
  out = out.slice(0, MAX_TRANSLITERATED_LENGTH).replace(/<+$/, '');
  if (out === '') return err('NAME_INVALID');
  return ok(out);
}
