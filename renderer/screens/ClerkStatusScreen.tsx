// Clerk assist mode, step 2: the kiosk's health at a glance (record source reachable,
// signing certificate kid/expiry/demo, registry count, printers) and the clerk's actions: run the
// citizen flow for a walk-in, reissue with a reason, lock. A kiosk-wide attempt limit shows with its
// end (docs/configuration.md, "Attempt limits"): while it lasts only clerk reissues work, and the
// clerk can lift it ("Sperre aufheben", audited with the clerk's id).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComponentState, ServiceStatus } from '../../core/api/kiosk-api';
import { formatClockTime, formatIsoDate } from '../app/entry-format';
import { useKiosk } from '../app/kiosk-context';
import { Alert } from '../components/Alert';
import { ScreenHeading } from '../components/ScreenHeading';
import { KioskButton } from '../components/KioskButton';

export interface ClerkStatusScreenProps {
  readonly token: string;
  readonly onWalkIn: () => void;
  readonly onReissue: () => void;
  readonly onLock: () => void;
}

function StateBadge({ state }: { readonly state: ComponentState }) {
  const { t } = useTranslation();
  const tone = state === 'ok' ? 'success' : state === 'degraded' ? 'warning' : 'danger';
  return <span className={`kern-badge kern-badge--${tone} state-badge`}>{t(`clerk.state_${state}`)}</span>;
}

/** A component's problem for staff: the translated message, and the code to quote to IT support. */
function StatusCode({ code }: { readonly code?: string | undefined }) {
  const { t, i18n } = useTranslation();
  if (!code) return null;
  const key = `errors.${code}`;
  return (
    <span className="status-detail">
      {i18n.exists(key) ? `${t(key)} ` : null}
      <code dir="ltr">{code}</code>
    </span>
  );
}

export function ClerkStatusScreen({ token, onWalkIn, onReissue, onLock }: ClerkStatusScreenProps) {
  const { t } = useTranslation();
  const { bridge, locale } = useKiosk();
  const [status, setStatus] = useState<ServiceStatus | null>(null);
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const load = useCallback(async () => {
    const r = await bridge.clerkStatus({ token });
    if (r.ok) {
      setStatus(r.value);
      setErrorCode(null);
    } else setErrorCode(r.error.code);
  }, [bridge, token]);
  useEffect(() => void load(), [load]);
  const liftLock = useCallback(async () => {
    const r = await bridge.clerkLiftKioskLock({ token });
    if (!r.ok) setErrorCode(r.error.code);
    await load();
  }, [bridge, token, load]);

  return (
    <section className="screen screen--clerk-status">
      <ScreenHeading>{t('clerk.statusTitle')}</ScreenHeading>
      <div aria-live="polite">
        {errorCode ? (
          <Alert tone="danger" title={t('clerk.statusUnavailable')}>
            {t(`errors.${errorCode}`)}
          </Alert>
        ) : null}
      </div>
      {status ? (
        <section aria-labelledby="status-heading" className="clerk-status" data-testid="clerk-status">
          <h2 id="status-heading" className="kern-heading-small">
            {t('clerk.statusHeading')}
          </h2>
          <dl className="status-list">
            <div>
              <dt>{t('clerk.recordSource', { kind: status.recordSource.kind })}</dt>
              <dd>
                <StateBadge state={status.recordSource.state} /> <StatusCode code={status.recordSource.code} />
              </dd>
            </div>
            <div>
              <dt>{t('clerk.signer')}</dt>
              <dd>
                <StateBadge state={status.signer.state} /> <StatusCode code={status.signer.code} />
                {status.signer.kid ? (
                  <span className="status-detail" dir="ltr">
                    {t('clerk.kid', { kid: status.signer.kid })}
                  </span>
                ) : null}
                {status.signer.notAfter ? (
                  <span className="status-detail">
                    {t('clerk.notAfter', { date: formatIsoDate(status.signer.notAfter, locale) })}
                  </span>
                ) : null}
                {status.signer.demo ? <span className="status-detail">{t('clerk.demoCert')}</span> : null}
              </dd>
            </div>
            <div>
              <dt>{t('clerk.registry')}</dt>
              <dd>
                <StateBadge state={status.registry.state} /> <StatusCode code={status.registry.code} />
                {status.registry.issuedCount !== undefined ? (
                  <span className="status-detail">{t('clerk.issuedCount', { n: status.registry.issuedCount })}</span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>{t('clerk.printers')}</dt>
              <dd>
                {status.printers.length === 0 ? t('clerk.noPrinters') : null}
                {status.printers.map((p) => (
                  <span className="status-detail" key={`${p.name}-${p.format}`}>
                    <StateBadge state={p.state} /> {p.name} ({p.format}) <StatusCode code={p.code} />
                  </span>
                ))}
              </dd>
            </div>
            <div data-testid="clerk-kiosk-lock">
              <dt>{t('clerk.kioskLock')}</dt>
              <dd>
                {status.kioskLock ? (
                  <>
                    <span className="kern-badge kern-badge--danger state-badge">
                      {t('clerk.kioskLockUntil', {
                        time:
                          formatClockTime(status.kioskLock.until, locale, undefined, status.kioskLock.delay === true) ??
                          status.kioskLock.until,
                      })}
                    </span>{' '}
                    <KioskButton variant="secondary" action="clerk-lift-kiosk-lock" onClick={() => void liftLock()}>
                      {t('clerk.liftKioskLock')}
                    </KioskButton>
                  </>
                ) : (
                  t('clerk.kioskLockNone')
                )}
              </dd>
            </div>
          </dl>
          <p className="status-detail" data-testid="clerk-rules">
            {t('clerk.rules', { source: status.rules.source, date: status.rules.inForceSince.slice(0, 10) })}
          </p>
        </section>
      ) : null}
      <div className="clerk-actions">
        <KioskButton variant="primary" action="clerk-walk-in" onClick={onWalkIn}>
          {t('clerk.walkIn')}
        </KioskButton>
        <KioskButton variant="primary" action="clerk-reissue" onClick={onReissue}>
          {t('clerk.reissue')}
        </KioskButton>
        <KioskButton variant="secondary" action="clerk-refresh" onClick={() => void load()}>
          {t('clerk.refresh')}
        </KioskButton>
        <KioskButton variant="secondary" action="clerk-lock" onClick={onLock}>
          {t('clerk.lock')}
        </KioskButton>
      </div>
    </section>
  );
}
