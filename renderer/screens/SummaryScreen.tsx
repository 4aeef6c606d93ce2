// Screen 5: everything entered, each with its own "change" button, and the privacy
// notice (what is checked, what is kept: nothing personal) before the person confirms. When the
// kiosk has printers but none is ready now, that is said here, before issuing: the one-time
// certificate must then go into the app.
import { useTranslation } from 'react-i18next';
import { composeDob, displayId, formatIsoDate } from '../app/entry-format';
import type { Entry } from '../app/flow';
import { useKiosk } from '../app/kiosk-context';
import { useServiceState } from '../app/use-service-state';
import { Alert } from '../components/Alert';
import { NavBar } from '../components/NavBar';
import { ScreenHeading } from '../components/ScreenHeading';
import { KioskButton } from '../components/KioskButton';

export interface SummaryScreenProps {
  readonly entry: Entry;
  readonly reissue: boolean;
  readonly onChange: (screen: 'id' | 'name' | 'dob' | 'reason') => void;
  readonly onConfirm: () => void;
  readonly onBack: () => void;
}

export function SummaryScreen({ entry, reissue, onChange, onConfirm, onBack }: SummaryScreenProps) {
  const { t } = useTranslation();
  const { bridge, idShape, info, locale } = useKiosk();
  const service = useServiceState(bridge);
  const printerDown = info.printFormats.length > 0 && service?.printing === 'unavailable';
  const dob = composeDob(entry.dob);
  const rows: { key: 'id' | 'name' | 'dob' | 'reason'; label: string; value: string; change: string; ltr?: boolean }[] =
    [
      {
        key: 'id',
        label: t('summary.id'),
        value: displayId(entry.id, idShape),
        change: t('summary.changeId'),
        ltr: true,
      },
      { key: 'name', label: t('summary.name'), value: entry.familyName, change: t('summary.changeName') },
      {
        key: 'dob',
        label: t('summary.dob'),
        value: dob.ok ? formatIsoDate(dob.value, locale) : '',
        change: t('summary.changeDob'),
      },
    ];
  if (reissue)
    rows.push({ key: 'reason', label: t('summary.reason'), value: entry.reason, change: t('summary.changeReason') });
  return (
    <section className="screen screen--summary">
      <ScreenHeading>{t('summary.title')}</ScreenHeading>
      {printerDown ? (
        <div className="summary-printer" data-testid="summary-printer-down">
          <Alert tone="warning" title={t('service.limitedTitle')}>
            {t('service.limitedText')}
          </Alert>
        </div>
      ) : null}
      <dl className="summary-list">
        {rows.map((row) => (
          <div className="summary-list__item" key={row.key}>
            <dt className="kern-label">{row.label}</dt>
            {/* The value is isolated (bdi): a Latin name, ID or date keeps its own order inside
                Arabic, while the line still aligns with the page (renderer/README.md, Accessibility). */}
            <dd className="summary-list__value">
              <bdi dir={row.ltr ? 'ltr' : undefined} data-testid={`summary-${row.key}`}>
                {row.value}
              </bdi>
            </dd>
            <dd className="summary-list__action">
              <KioskButton variant="tertiary" action={`change-${row.key}`} onClick={() => onChange(row.key)}>
                {row.change}
              </KioskButton>
            </dd>
          </div>
        ))}
      </dl>
      <section className="privacy-notice" aria-labelledby="privacy-title">
        <h2 id="privacy-title" className="kern-heading-small">
          {t('summary.privacyTitle')}
        </h2>
        <p className="kern-body">{t('summary.privacyChecked')}</p>
        <p className="kern-body">{t('summary.privacyKept')}</p>
        <p className="kern-body">{t('summary.privacyWiped')}</p>
      </section>
      <NavBar
        onBack={onBack}
        onNext={onConfirm}
        nextLabel={reissue ? t('summary.confirmReissue') : t('summary.confirm')}
      />
    </section>
  );
}
