// The kiosk's UI languages: each shown by its own name (no flags: a flag is a country,
// not a language). `htmlLang` goes on <html lang> and on the language buttons (WCAG 3.1.1/3.1.2);
// Leichte Sprache is German, so its html lang is "de". `dir` sets reading direction.
export const UI_LANGUAGES = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'de-ls'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

export interface LanguageInfo {
  readonly code: UiLanguage;
  readonly nativeName: string;
  readonly htmlLang: string;
  readonly dir: 'ltr' | 'rtl';
  /** Locale for dates (Intl); Arabic with Latin digits, as on the letter and the keypad. */
  readonly locale: string;
  /** The word "language" in this language, for the multilingual label of the language choice. */
  readonly word: string;
}

export const LANGUAGE_INFO: Readonly<Record<UiLanguage, LanguageInfo>> = {
  de: { code: 'de', nativeName: 'Deutsch', htmlLang: 'de', dir: 'ltr', locale: 'de-DE', word: 'Sprache' },
  en: { code: 'en', nativeName: 'English', htmlLang: 'en', dir: 'ltr', locale: 'en-GB', word: 'Language' },
  tr: { code: 'tr', nativeName: 'Türkçe', htmlLang: 'tr', dir: 'ltr', locale: 'tr-TR', word: 'Dil' },
  ar: { code: 'ar', nativeName: 'العربية', htmlLang: 'ar', dir: 'rtl', locale: 'ar-u-nu-latn', word: 'اللغة' },
  uk: { code: 'uk', nativeName: 'Українська', htmlLang: 'uk', dir: 'ltr', locale: 'uk-UA', word: 'Мова' },
  ru: { code: 'ru', nativeName: 'Русский', htmlLang: 'ru', dir: 'ltr', locale: 'ru-RU', word: 'Язык' },
  pl: { code: 'pl', nativeName: 'Polski', htmlLang: 'pl', dir: 'ltr', locale: 'pl-PL', word: 'Język' },
  'de-ls': {
    code: 'de-ls',
    nativeName: 'Leichte Sprache',
    htmlLang: 'de',
    dir: 'ltr',
    locale: 'de-DE',
    word: 'Sprache',
  },
};

const isUiLanguage = (code: unknown): code is UiLanguage =>
  typeof code === 'string' && (UI_LANGUAGES as readonly string[]).includes(code);

/** The kiosk's configured languages that this UI can show, in the configured order. */
export function offeredLanguages(configured: readonly string[]): UiLanguage[] {
  const offered = configured.filter(isUiLanguage);
  return offered.length > 0 ? offered : ['de'];
}
