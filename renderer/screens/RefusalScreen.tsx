// Screen 8: every refusal has its own screen — what happened (errors.<CODE>, with the
// date where the rule has one) and what to do next (refusal.<kind>). A failed match never says
// which entry was wrong. The buttons offered depend on the kind: retry only where retrying can
// help, reissue only for a signed-in clerk. Attempt limits say what next (app/limit-messages.ts):
// the tries left after a wrong entry, the lock's end, and a kiosk-wide lock as a device lock.
import { useState } from 'react';
import { ClerkConfirmDialog } from '../components/ClerkConfirmDialog';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../core/result';
import { dateFromDetails, formatIsoDate } from '../app/entry-format';
import { kindOf, type ErrorKind } from '../app/error-kinds';
import { isKioskLock, isLimitDelay, limitMessage, triesLeftMessage } from '../app/limit-messages';
import { useKiosk } from '../app/kiosk-context';
import { ScreenHeading } from '../components/ScreenHeading';
import { KioskButton } from '../components/KioskButton';

const DATE_KEYS: Partial<Record<string, readonly string[]>> = {
  ALREADY_ISSUED: ['issuedOn'],
  TOO_EARLY: ['availableFrom'],
};

const RETRYABLE: ReadonlySet<ErrorKind> = new Set(['inProgress', 'serviceUnavailable']);

export interface RefusalScreenProps {
  readonly error: AppError<string>;
  readonly clerkActive: boolean;
  readonly onRetry: () => void;
  readonly onCheckEntries: () => void;
  readonly onReissue: () => void;
  /** REISSUE_NEEDS_SECOND_CLERK: send the reissue again, confirmed by a second clerk. */
  readonly onConfirmReissue: (confirmedBy: { clerkId: string; pin: string }) => void;
  readonly onStartOver: () => void;
}

function messageFor(error: AppError<string>, locale: string, t: TFunction): string {
  const limited = limitMessage(error, locale, t);
  if (limited) return limited;
  const keys = DATE_KEYS[error.code];
  if (!keys) return t(`errors.${error.code}`);
  const date = dateFromDetails(error.details, keys);
  return date ? t(`errors.${error.code}`, { date: formatIsoDate(date, locale) }) : t(`errors.${error.code}_NO_DATE`);
}

export function RefusalScreen({
  error,
  clerkActive,
  onRetry,
  onCheckEntries,
  onReissue,
  onConfirmReissue,
  onStartOver,
}: RefusalScreenProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const needsSecond = error.code === 'REISSUE_NEEDS_SECOND_CLERK' && clerkActive;
  const { locale } = useKiosk();
  const kind = kindOf(error.code);
  // A kiosk-wide lock is not about this person's ID: its own heading and "ask staff"; a growing
  // delay's wait ends by itself, so the entries stay and can be checked and sent again.
  const waiting = isLimitDelay(error);
  const texts = isKioskLock(error) ? (waiting ? 'refusal.kioskWait' : 'refusal.kioskLocked') : `refusal.${kind}`;
  const offerCheck = kind === 'notFound' || kind === 'checkInput' || waiting;
  const triesLeft = triesLeftMessage(error, locale, t);
  const hasPrimary = RETRYABLE.has(kind) || offerCheck || (kind === 'alreadyIssued' && clerkActive) || needsSecond;
  return (
    <section
      className={`screen screen--refusal screen--refusal-${kind}`}
      data-error-code={error.code}
      data-limit-scope={typeof error.details?.scope === 'string' ? error.details.scope : undefined}
    >
      <ScreenHeading>{t(`${texts}.title`)}</ScreenHeading>
      <div className="kern-alert kern-alert--warning kiosk-alert" role="alert">
        <div className="kern-alert__body kern-body kern-body--large">
          <p>{messageFor(error, locale, t)}</p>
          {triesLeft ? (
            <p className="refusal-tries" data-testid="tries-left">
              <strong>{triesLeft}</strong>
            </p>
          ) : null}
          <p>{t(`${texts}.next`)}</p>
        </div>
      </div>
      <div className="refusal-actions">
        {RETRYABLE.has(kind) ? (
          <KioskButton variant="primary" action="retry" onClick={onRetry}>
            {t('refusal.tryAgain')}
          </KioskButton>
        ) : null}
        {offerCheck ? (
          <KioskButton variant="primary" action="check-entries" onClick={onCheckEntries}>
            {t('refusal.checkEntries')}
          </KioskButton>
        ) : null}
        {kind === 'alreadyIssued' && clerkActive ? (
          <KioskButton variant="primary" action="reissue" onClick={onReissue}>
            {t('refusal.reissue')}
          </KioskButton>
        ) : null}
        {needsSecond ? (
          <KioskButton variant="primary" action="second-clerk" onClick={() => setConfirming(true)}>
            {t('clerk.confirmAction')}
          </KioskButton>
        ) : null}
        <KioskButton variant={hasPrimary ? 'secondary' : 'primary'} action="start-over" onClick={onStartOver}>
          {t('nav.startOver')}
        </KioskButton>
      </div>
      {confirming ? (
        <ClerkConfirmDialog
          onConfirm={(c) => {
            setConfirming(false);
            onConfirmReissue(c);
          }}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </section>
  );
}
