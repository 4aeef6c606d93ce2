// What every screen needs besides the flow state: the typed bridge (IPC or HTTP, the
// screen does not know which), the kiosk's info from getInfo, the current UI language and the
// person's display options.
import { createContext, useContext } from 'react';
import type { KioskInfo } from '../../core/api/kiosk-api';
import type { UiLanguage } from '../i18n/languages';
import type { KioskBridge } from '../../core/api/kiosk-api';
import type { IdShape } from './entry-format';
import type { DisplayOptions } from './use-display-options';

export interface KioskContextValue {
  readonly bridge: KioskBridge;
  readonly info: KioskInfo;
  readonly idShape: IdShape;
  readonly language: UiLanguage;
  readonly languages: readonly UiLanguage[];
  readonly setLanguage: (code: UiLanguage) => void;
  /** Larger text and high contrast, for this person only (use-display-options.ts). */
  readonly display: DisplayOptions;
  readonly setDisplay: (next: DisplayOptions) => void;
  readonly resetDisplay: () => void;
  /** Intl locale of the current language (dates). */
  readonly locale: string;
}

export const KioskContext = createContext<KioskContextValue | null>(null);

export function useKiosk(): KioskContextValue {
  const value = useContext(KioskContext);
  if (!value) throw new Error('useKiosk outside KioskContext');
  return value;
}
