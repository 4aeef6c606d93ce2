// The result screen's "accepted until" line (docs/business-rules.md): shown when the acceptance
// country's rules end acceptance before "valid until" (e.g. Germany's 90-day rule), or when fewer
// than rules.minAcceptedDays remain — then with a warning. Computed in core from the rules; the
// renderer only words it in the citizen's language.
import { useTranslation } from 'react-i18next';
import type { CertificateAcceptance } from '../../core/api/kiosk-api';
import { formatIsoDate } from '../app/entry-format';

function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function AcceptedUntil({ acceptance, locale }: { readonly acceptance: CertificateAcceptance; readonly locale: string }) {
  const { t } = useTranslation();
  if (!acceptance.differsFromValidUntil && !acceptance.warning) return null;
  return (
    <div data-testid="certificate-accepted-until" className={acceptance.warning ? 'accepted-until accepted-until--warning' : 'accepted-until'}>
      <dt className="kern-label">{t('result.acceptedUntil', { country: countryName(acceptance.country, locale) })}</dt>
      <dd>
        {formatIsoDate(acceptance.acceptedUntil, locale)} ({t(`result.acceptedBasis_${acceptance.basis}`)})
        {acceptance.warning ? <strong className="accepted-until__warning"> {t('result.acceptedSoon')}</strong> : null}
      </dd>
    </div>
  );
}
