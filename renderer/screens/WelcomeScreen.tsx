// Screen 1: the language choice first (labelled "language" in every offered language,
// each language in its own name with its own lang/dir, WCAG 3.1.2, no flags), then what the kiosk
// does, what you need (the letter, and a phone with one of the apps — or the printer, when it
// works), the service state when something is down, and Start. Out of service, Start is not
// offered: the banner says to ask staff instead of letting someone type for nothing. A kiosk-wide
// attempt limit (serviceState.lockedUntil) is told as a device lock with its end time, or, for a
// growing delay (lockIsDelay), as a short wait to the second.
import { useTranslation } from 'react-i18next';
import { formatClockTime } from '../app/entry-format';
import { useKiosk } from '../app/kiosk-context';
import { useServiceState } from '../app/use-service-state';
import { Alert } from '../components/Alert';
import { LanguageButtons, MultilingualLabel } from '../components/LanguageChoice';
import { ScreenHeading } from '../components/ScreenHeading';
import { KioskButton } from '../components/KioskButton';

export function WelcomeScreen({ onStart }: { readonly onStart: () => void }) {
  const { t } = useTranslation();
  const { bridge, info, locale } = useKiosk();
  const service = useServiceState(bridge);
  const canPrint = info.printFormats.length > 0 && service?.printing !== 'unavailable';
  const out = service?.level === 'out';
  const waiting = service?.lockIsDelay === true;
  const lockedUntil = service?.lockedUntil ? formatClockTime(service.lockedUntil, locale, undefined, waiting) : null;
  return (
    <section className="screen screen--welcome">
      <section className="language-choice" aria-labelledby="language-title">
        <h2 id="language-title" className="kern-heading-small language-choice__title">
          <MultilingualLabel />
        </h2>
        <LanguageButtons />
      </section>
      <ScreenHeading>{t('welcome.title')}</ScreenHeading>
      <p className="kern-body kern-body--large welcome-intro">{t('welcome.intro')}</p>
      <div className="welcome-need">
        <h2 className="kern-heading-small">{t('welcome.needTitle')}</h2>
        <ul className="kern-list kern-list--bullet kern-body--large">
          <li>{t('welcome.needLetter')}</li>
          <li data-testid="need-phone">{canPrint ? t('welcome.needPhoneOrPrinter') : t('welcome.needPhone')}</li>
        </ul>
        <p className="kern-body kern-body--large">{t('welcome.needSteps')}</p>
      </div>
      <div
        className="welcome-service"
        data-service-level={service?.level ?? 'unknown'}
        data-locked={lockedUntil ? (waiting ? 'kiosk-wait' : 'kiosk') : undefined}
      >
        {lockedUntil && waiting ? (
          <Alert tone="warning" title={t('service.waitTitle')}>
            {t('service.waitText', { time: lockedUntil })}
          </Alert>
        ) : lockedUntil ? (
          <Alert tone="danger" title={t('service.lockedTitle')}>
            {t('service.lockedText', { time: lockedUntil })}
          </Alert>
        ) : out ? (
          <Alert tone="danger" title={t('service.outTitle')}>
            {t('service.outText')}
          </Alert>
        ) : service?.level === 'limited' ? (
          <Alert tone="warning" title={t('service.limitedTitle')}>
            {t('service.limitedText')}
          </Alert>
        ) : null}
      </div>
      {out ? null : (
        <KioskButton variant="primary" action="start" className="kiosk-btn--hero" onClick={onStart}>
          {t('welcome.start')}
        </KioskButton>
      )}
    </section>
  );
}
