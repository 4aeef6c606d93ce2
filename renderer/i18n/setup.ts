// i18next for the kiosk. All user-facing text comes from renderer/i18n/<lang>.json;
// tests/renderer compares every language's key set with German, so a missing or extra key fails.
// Changing the language also sets <html lang> and <html dir> (Arabic is right to left; Leichte
// Sprache is German, lang="de").
import i18next, { type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './ar.json';
import de from './de.json';
import deLs from './de-ls.json';
import en from './en.json';
import pl from './pl.json';
import ru from './ru.json';
import tr from './tr.json';
import uk from './uk.json';
import { LANGUAGE_INFO, type UiLanguage } from './languages';

export const TRANSLATIONS: Readonly<Record<UiLanguage, ResourceKey>> = {
  de,
  en,
  tr,
  ar,
  uk,
  ru,
  pl,
  'de-ls': deLs,
};

export async function setupI18n(initial: UiLanguage): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(TRANSLATIONS).map(([code, translation]) => [code, { translation }])),
    lng: initial,
    // i18next writes region-like codes as "de-LS" and would then find no resources under "de-ls"
    // and show standard German instead of Leichte Sprache. Lower-case codes everywhere keep the
    // kiosk's code, the resource key and the configured language the same string.
    lowerCaseLng: true,
    // No fallback: a missing key must show up in tests, not be papered over with German.
    fallbackLng: false,
    interpolation: { escapeValue: false }, // React escapes
  });
  applyDocumentLanguage(initial);
}

export function applyDocumentLanguage(code: UiLanguage): void {
  const info = LANGUAGE_INFO[code];
  document.documentElement.lang = info.htmlLang;
  document.documentElement.dir = info.dir;
  document.documentElement.dataset.uiLanguage = code;
}

export async function changeLanguage(code: UiLanguage): Promise<void> {
  await i18next.changeLanguage(code);
  applyDocumentLanguage(code);
}
