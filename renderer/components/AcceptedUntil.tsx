// The result screen's "accepted until" line (docs/business-rules.md): shown when the acceptance
// country's rules end acceptance before "valid until" (e.g. Germany's 90-day rule), or when fewer
// than rules.minAcceptedDays remain — then with a warning. Computed in core from the rules; the
// renderer only words it in the citizen's language (app/acceptance-line.ts).
import { useTranslation } from 'react-i18next';
import type { CertificateAcceptance } from '../../core/api/kiosk-api';
import { acceptanceLine } from '../app/acceptance-line';

export function AcceptedUntil({
  acceptance,
  locale,
}: {
  readonly acceptance: CertificateAcceptance;
  readonly locale: string;
}) {
  const { t } = useTranslation();
  const line = acceptanceLine(acceptance, t, locale);
  if (!line) return null;
  return (
    <div
      data-testid="certificate-accepted-until"
      className={line.warning ? 'accepted-until accepted-until--warning' : 'accepted-until'}
    >
      <dt className="kern-label">{line.label}</dt>
      <dd>
        {line.value}
        {line.warning ? <strong className="accepted-until__warning"> {line.warning}</strong> : null}
      </dd>
    </div>
  );
}
