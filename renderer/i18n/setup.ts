// i18next for the kiosk. All user-facing text comes from renderer/i18n/<lang>.json;
// tests/renderer compares every language's key set with German, so a missing or extra key fails.
// Changing the language also sets <html lang> and <html dir> (Arabic is right to left; Leichte
// Sprache is German, lang="de").
//
// Only German is in the main bundle (the start-up notice is German, and it is the usual default);
// every other language is its own chunk, loaded when it is first needed — the kiosk's default
// language before the first screen shows, the others when chosen — and fetched in the background
// once the first screen has been painted (`preloadLanguages`), so a choice on the welcome screen
// finds its strings already there (docs/performance.md, "First screen").
import i18next, { type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import de from './de.json';
import { LANGUAGE_INFO, UI_LANGUAGES, type UiLanguage } from './languages';

type Loader = () => Promise<{ default: ResourceKey }>;

/** One dynamic import per language, so Vite emits each translation as a chunk of its own. */
const LOADERS: Readonly<Record<Exclude<UiLanguage, 'de'>, Loader>> = {
  en: () => import('./en.json'),
  tr: () => import('./tr.json'),
  ar: () => import('./ar.json'),
  uk: () => import('./uk.json'),
  ru: () => import('./ru.json'),
  pl: () => import('./pl.json'),
  'de-ls': () => import('./de-ls.json'),
};

const loading = new Map<UiLanguage, Promise<void>>();

export function isLanguageLoaded(code: UiLanguage): boolean {
  return i18next.hasResourceBundle(code, 'translation');
}

/** Makes a language's strings available (once; concurrent calls share the load). */
export function loadLanguage(code: UiLanguage): Promise<void> {
  if (code === 'de' || isLanguageLoaded(code)) return Promise.resolve();
  let pending = loading.get(code);
  if (!pending) {
    pending = LOADERS[code]().then(
      (module) => void i18next.addResourceBundle(code, 'translation', module.default),
      (e: unknown) => {
        loading.delete(code); // a later choice tries again
        throw e;
      },
    );
    loading.set(code, pending);
  }
  return pending;
}

export async function setupI18n(initial: UiLanguage): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { de: { translation: de } },
    // The other languages are added by loadLanguage; i18next must not treat them as missing.
    partialBundledLanguages: true,
    lng: 'de',
    // i18next writes region-like codes as "de-LS" and would then find no resources under "de-ls"
    // and show standard German instead of Leichte Sprache. Lower-case codes everywhere keep the
    // kiosk's code, the resource key and the configured language the same string.
    lowerCaseLng: true,
    // No fallback: a missing key must show up in tests, not be papered over with German.
    fallbackLng: false,
    interpolation: { escapeValue: false }, // React escapes
  });
  await changeLanguage(initial);
}

function applyDocumentLanguage(code: UiLanguage): void {
  const info = LANGUAGE_INFO[code];
  document.documentElement.lang = info.htmlLang;
  document.documentElement.dir = info.dir;
  document.documentElement.dataset.uiLanguage = code;
}

/** Loads the language if needed, then switches i18next and <html lang/dir> to it. */
export async function changeLanguage(code: UiLanguage): Promise<void> {
  if (!isLanguageLoaded(code)) await loadLanguage(code);
  await i18next.changeLanguage(code);
  applyDocumentLanguage(code);
}

/** Fetches every language not yet loaded, one after the other, without holding anything up. */
export function preloadLanguages(): void {
  void UI_LANGUAGES.reduce<Promise<void>>(
    (previous, code) => previous.then(() => loadLanguage(code).catch(() => undefined)),
    Promise.resolve(),
  );
}
