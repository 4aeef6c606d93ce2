// Asked before issuing when fewer than rules.minAcceptedDays of acceptance would remain
// (SHORT_ACCEPTANCE, docs/business-rules.md "The short-time warning"): until when the certificate
// would be accepted and how many days that leaves, then "Issue anyway" — the same entries again,
// with the citizen's consent — or "Cancel", back to the start with nothing issued. The entries stay
// in the flow state meanwhile, as on the PIN re-ask. The dates come from core's error details.
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../core/result';
import { countryName } from '../app/acceptance-line';
import { dateFromDetails, formatIsoDate } from '../app/entry-format';
import { useKiosk } from '../app/kiosk-context';
import { ScreenHeading } from '../components/ScreenHeading';
import { KioskButton } from '../components/KioskButton';

export interface ShortAcceptanceScreenProps {
  readonly error: AppError<string>;
  readonly onIssueAnyway: () => void;
  readonly onCancel: () => void;
}

export function ShortAcceptanceScreen({ error, onIssueAnyway, onCancel }: ShortAcceptanceScreenProps) {
  const { t } = useTranslation();
  const { locale } = useKiosk();
  const until = dateFromDetails(error.details, ['acceptedUntil']);
  const country = typeof error.details?.country === 'string' ? error.details.country : 'DE';
  const daysLeft = error.details?.daysLeft;
  return (
    <section className="screen screen--refusal screen--short-acceptance" data-error-code={error.code}>
      <ScreenHeading>{t('refusal.shortAcceptance.title')}</ScreenHeading>
      <div className="kern-alert kern-alert--warning kiosk-alert" role="alert">
        <div className="kern-alert__body kern-body kern-body--large">
          {until ? (
            <p className="short-acceptance__until" data-testid="short-acceptance-until">
              {t('result.acceptedUntil', { country: countryName(country, locale) })}{' '}
              <strong>{formatIsoDate(until, locale)}</strong>
            </p>
          ) : null}
          {typeof daysLeft === 'number' ? (
            <p data-testid="short-acceptance-days">{t('shortAcceptance.daysLeft', { n: daysLeft })}</p>
          ) : null}
          <p>{t('errors.SHORT_ACCEPTANCE')}</p>
          <p>{t('refusal.shortAcceptance.next')}</p>
        </div>
      </div>
      <div className="refusal-actions">
        <KioskButton variant="primary" action="issue-anyway" onClick={onIssueAnyway}>
          {t('shortAcceptance.issueAnyway')}
        </KioskButton>
        <KioskButton variant="secondary" action="short-acceptance-cancel" onClick={onCancel}>
          {t('nav.cancel')}
        </KioskButton>
      </div>
    </section>
  );
}
