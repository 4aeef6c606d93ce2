// Start-up: ask the kiosk for its info (languages, idle times, print formats, demo
// flag); until it answers, show a translated notice and retry every few seconds. Then switch to
// the kiosk's default language and hand over to App.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskInfo } from '../../core/api/kiosk-api';
import type { Result } from '../../core/result';
import { offeredLanguages } from '../i18n/languages';
import { changeLanguage } from '../i18n/setup';
import type { KioskBridge } from '../kiosk-bridge';
import { App } from './App';

const RETRY_MS = 3000;

export interface BootProps {
  readonly bridge: KioskBridge;
  /** getInfo already under way (renderer/early-info.ts), used for the first attempt. */
  readonly firstInfo?: Promise<Result<KioskInfo>>;
}

export function Boot({ bridge, firstInfo }: BootProps) {
  const { t } = useTranslation();
  const [info, setInfo] = useState<KioskInfo | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let timer: number | undefined;
    let active = true;
    let pending = firstInfo;
    const ask = async () => {
      const r = await (pending ?? bridge.getInfo({}));
      pending = undefined;
      if (!active) return;
      if (r.ok) {
        await changeLanguage(offeredLanguages(r.value.languages)[0] ?? 'de');
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
  }, [bridge, firstInfo]);
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
