// The bottom row of every input screen: Back on the start side, Next/confirm on the end side
// (mirrors in Arabic by logical CSS). Large targets; Next disabled is never used — pressing it
// with incomplete input shows why instead (WCAG 3.3.1).
import { useTranslation } from 'react-i18next';

export interface NavBarProps {
  readonly onBack?: () => void;
  readonly onNext?: () => void;
  readonly nextLabel?: string;
  /** On the first question Back leaves the flow: it reads "Cancel" and asks first. */
  readonly cancel?: boolean;
}

export function NavBar({ onBack, onNext, nextLabel, cancel }: NavBarProps) {
  const { t } = useTranslation();
  return (
    <nav className="nav-bar" aria-label={t('nav.navigation')}>
      {onBack ? (
        <button
          type="button"
          className="kern-btn kern-btn--secondary kiosk-btn"
          data-action={cancel ? 'cancel' : 'back'}
          onClick={onBack}
        >
          <span className="kern-label">{cancel ? t('nav.cancel') : t('nav.back')}</span>
        </button>
      ) : (
        <span />
      )}
      {onNext ? (
        <button
          type="button"
          className="kern-btn kern-btn--primary kiosk-btn kiosk-btn--next"
          data-action="next"
          onClick={onNext}
        >
          <span className="kern-label">{nextLabel ?? t('nav.next')}</span>
        </button>
      ) : null}
    </nav>
  );
}
