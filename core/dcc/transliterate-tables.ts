// Letter tables for ICAO Doc 9303 Part 3 §6 transliteration (docs/dcc-notes.md §2, rules 2, 3 and 6).
// Latin: letters that expand (Ä→AE…) or have no Unicode decomposition (Ł, Đ, Ħ… would otherwise
// silently vanish). Cyrillic and Greek: the ICAO per-script tables, so IDs written in those
// scripts can still be standardised; other scripts are refused by the caller.

/** Latin letters mapped explicitly, before diacritics are stripped (docs/dcc-notes.md §2 rules 2 and 3). */
export const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  Ä: 'AE', ä: 'AE', Ö: 'OE', ö: 'OE', Ü: 'UE', ü: 'UE',
  ß: 'SS', ẞ: 'SS',
  Å: 'AA', å: 'AA', Æ: 'AE', æ: 'AE', Ø: 'OE', ø: 'OE', Œ: 'OE', œ: 'OE',
  Ĳ: 'IJ', ĳ: 'IJ', Þ: 'TH', þ: 'TH',
  Ł: 'L', ł: 'L', Đ: 'D', đ: 'D', Ð: 'D', ð: 'D', Ħ: 'H', ħ: 'H',
  ı: 'I', Ŋ: 'N', ŋ: 'N', Ŧ: 'T', ŧ: 'T', ĸ: 'K',
  Ŀ: 'L', ŀ: 'L', ſ: 'S', ŉ: 'N',
};

/**
 * ICAO 9303 Cyrillic table (Russian, Ukrainian, Belarusian, Serbian, Macedonian letters).
 * И is I, except in names that contain a letter only Ukrainian uses (Ґ Є І Ї), where the ICAO
 * table gives Y. The language-specific Belarusian/Serbian/Macedonian exceptions (Г→H etc.) are
 * not applied: the name alone does not tell those languages apart from Russian. Ь is omitted.
 */
export const CYRILLIC: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Ґ: 'G', Д: 'D', Ђ: 'D', Ѓ: 'G', Е: 'E', Ё: 'E', Є: 'IE',
  Ж: 'ZH', З: 'Z', Ѕ: 'DZ', И: 'I', І: 'I', Ї: 'I', Й: 'I', Ј: 'J', К: 'K', Л: 'L', Љ: 'LJ',
  М: 'M', Н: 'N', Њ: 'NJ', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', Ћ: 'C', Ќ: 'K', У: 'U',
  Ў: 'U', Ф: 'F', Х: 'KH', Ц: 'TS', Ч: 'CH', Џ: 'DZ', Ш: 'SH', Щ: 'SHCH', Ъ: 'IE', Ы: 'Y',
  Ь: '', Э: 'E', Ю: 'IU', Я: 'IA',
};

/** Letters that mark a name as Ukrainian (switches И from I to Y per ICAO 9303). */
export const UKRAINIAN_MARKERS = /[ҐЄІЇґєії]/u;

/** ICAO 9303 Greek table (accents are stripped before lookup). */
export const GREEK: Readonly<Record<string, string>> = {
  Α: 'A', Β: 'V', Γ: 'G', Δ: 'D', Ε: 'E', Ζ: 'Z', Η: 'I', Θ: 'TH', Ι: 'I', Κ: 'K', Λ: 'L',
  Μ: 'M', Ν: 'N', Ξ: 'X', Ο: 'O', Π: 'P', Ρ: 'R', Σ: 'S', Τ: 'T', Υ: 'Y', Φ: 'F', Χ: 'CH',
  Ψ: 'PS', Ω: 'O',
};
