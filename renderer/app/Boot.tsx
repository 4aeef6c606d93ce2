// Start-up: ask the kiosk for its info (languages, idle times, print formats, demo
// flag); until it answers, show a translated notice and retry every few seconds. Then switch to
// the kiosk's default language and hand over to App. When the answer was already there before
// React started (main.tsx), `readyInfo` skips the notice: the first frame is the welcome screen.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskInfo } from '../../core/api/kiosk-api';
import type { Result } from '../../core/result';
import { offeredLanguages } from '../i18n/languages';
import { changeLanguage } from '../i18n/setup';
import type { KioskBridge } from '../../core/api/kiosk-api';
import { App } from './App';

const RETRY_MS = 3000;

export interface BootProps {
  readonly bridge: KioskBridge;
  /** getInfo already under way (renderer/early-info.ts), used for the first attempt. */
  readonly firstInfo?: Promise<Result<KioskInfo>>;
  /** The info, already answered, with its default language already applied (startLanguage). */
  readonly readyInfo?: KioskInfo | undefined;
}

/** Switches to the kiosk's default language; a language that cannot be loaded leaves German. */
export async function startLanguage(info: KioskInfo): Promise<void> {
  await changeLanguage(offeredLanguages(info.languages)[0] ?? 'de').catch(() => undefined);
}

export function Boot({ bridge, firstInfo, readyInfo }: BootProps) {
  const { t } = useTranslation();
  const [info, setInfo] = useState<KioskInfo | null>(readyInfo ?? null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (readyInfo) return;
    let timer: number | undefined;
    let active = true;
    let pending = firstInfo;
    const ask = async () => {
      const r = await (pending ?? bridge.getInfo({}));
      pending = undefined;
      if (!active) return;
      if (r.ok) {
        await startLanguage(r.value);
        if (!active) return;
        setInfo(r.value);
      } else {
        setFailed(true);
        timer = window.setTimeout(() => void ask(), RETRY_MS);
      }
    };
    void ask();
    return () => {
      active = false;
      window.clearTimeout(timer);
    };
  }, [bridge, firstInfo, readyInfo]);
  if (info) return <App bridge={bridge} info={info} />;
  return (
    <main className="kiosk-main boot">
      <h1 className="kern-heading-large">{t('app.title')}</h1>
      <p className="kern-body kern-body--large" role="status">
        {failed ? t('app.unavailable') : t('app.loading')}
      </p>
    </main>
  );
}
