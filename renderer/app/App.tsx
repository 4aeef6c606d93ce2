// The kiosk once its info is known: holds the current UI language and display options and provides
// the context every screen reads (bridge, info, ID shape, language, display, date locale).
import { useCallback, useMemo, useState } from 'react';
import type { KioskInfo } from '../../core/api/kiosk-api';
import { changeLanguage } from '../i18n/setup';
import { LANGUAGE_INFO, offeredLanguages, type UiLanguage } from '../i18n/languages';
import type { KioskBridge } from '../kiosk-bridge';
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
  const setLanguage = useCallback((code: UiLanguage) => {
    setLanguageState(code);
    void changeLanguage(code);
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
