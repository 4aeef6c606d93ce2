// The clerk bar's remaining session time (docs/configuration.md, "Clerk session"): a quiet
// countdown (not read out every second), and in the last minute a warning look plus one polite
// announcement that the sign-in ends soon.
import { useTranslation } from 'react-i18next';
import { formatCountdown } from '../app/entry-format';
import { CLERK_WARNING_SECONDS, useSecondsLeft } from '../app/use-clerk-session';

export function ClerkSessionTime({ endsAt }: { readonly endsAt: number | null }) {
  const { t } = useTranslation();
  const left = useSecondsLeft(endsAt);
  const warning = left !== null && left <= CLERK_WARNING_SECONDS;
  return (
    <span
      className={`clerk-bar__time${warning ? ' clerk-bar__time--warning' : ''}`}
      data-testid="clerk-time"
      data-warning={warning ? 'true' : undefined}
    >
      {left !== null ? (
        <span role="timer" aria-live="off">
          {t('clerk.sessionLeft', { time: formatCountdown(left) })}
        </span>
      ) : null}
      <span aria-live="polite" className="clerk-bar__warning">
        {warning ? t('clerk.sessionEnding') : ''}
      </span>
    </span>
  );
}
