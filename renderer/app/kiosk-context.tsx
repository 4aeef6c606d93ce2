// What every screen needs besides the flow state: the typed bridge (IPC or HTTP, the
// screen does not know which), the kiosk's info from getInfo, and the current UI language.
import { createContext, useContext } from 'react';
import type { KioskInfo } from '../../core/api/kiosk-api';
import type { UiLanguage } from '../i18n/languages';
import type { KioskBridge } from '../kiosk-bridge';
import type { IdShape } from './entry-format';

export interface KioskContextValue {
  readonly bridge: KioskBridge;
  readonly info: KioskInfo;
  readonly idShape: IdShape;
  readonly language: UiLanguage;
  readonly languages: readonly UiLanguage[];
  readonly setLanguage: (code: UiLanguage) => void;
  /** Intl locale of the current language (dates). */
  readonly locale: string;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk outside KioskContext');
  return value;
}
