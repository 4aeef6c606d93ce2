// The kiosk once its info is known: holds the current UI language and display options and provides
// the context every screen reads (bridge, info, ID shape, language, display, date locale).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KioskInfo } from '../../core/api/kiosk-api';
import { changeLanguage, isLanguageLoaded, loadLanguage, preloadLanguages } from '../i18n/setup';
import { LANGUAGE_INFO, offeredLanguages, type UiLanguage } from '../i18n/languages';
import type { KioskBridge } from '../../core/api/kiosk-api';
import { idShapeFromExample } from './entry-format';
import { KioskContext, type KioskContextValue } from './kiosk-context';
import { KioskFlow } from './KioskFlow';
import { useDisplayOptions } from './use-display-options';

export interface AppProps {
  readonly bridge: KioskBridge;
  readonly info: KioskInfo;
}

export function App({ bridge, info }: AppProps) {
  const languages = useMemo(() => offeredLanguages(info.languages), [info.languages]);
  const [language, setLanguageState] = useState<UiLanguage>(languages[0] ?? 'de');
  // A language not loaded yet (renderer/i18n/setup.ts) is switched to once its strings are there, so
  // the screen never shows one language's words under another's lang/dir; the last choice wins.
  const wanted = useRef<UiLanguage>(language);
  const setLanguage = useCallback((code: UiLanguage) => {
    wanted.current = code;
    const apply = () => {
      if (wanted.current !== code) return;
      setLanguageState(code);
      void changeLanguage(code);
    };
    if (isLanguageLoaded(code)) apply();
    else loadLanguage(code).then(apply, () => undefined);
  }, []);
  // The other languages load after the first screen has been painted, off the citizen's wait.
  useEffect(() => {
    let timer: number | undefined;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(preloadLanguages, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, []);
  const { display, setDisplay, resetDisplay } = useDisplayOptions();
  const value = useMemo<KioskContextValue>(
    () => ({
      bridge,
      info,
      idShape: idShapeFromExample(info.idExample),
      language,
      languages,
      setLanguage,
      display,
      setDisplay,
      resetDisplay,
      locale: LANGUAGE_INFO[language].locale,
    }),
    [bridge, info, language, languages, setLanguage, display, setDisplay, resetDisplay],
  );
  return (
    <KioskContext.Provider value={value}>
      <KioskFlow />
    </KioskContext.Provider>
  );
}
