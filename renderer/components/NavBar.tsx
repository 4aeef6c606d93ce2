// The bottom row of every input screen: Back on the start side, Next/confirm on the end side
// (mirrors in Arabic by logical CSS). Large targets; Next disabled is never used — pressing it
// with incomplete input shows why instead (WCAG 3.3.1).
import { useTranslation } from 'react-i18next';
import { KioskButton } from './KioskButton';

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
        <KioskButton variant="secondary" action={cancel ? 'cancel' : 'back'} onClick={onBack}>
          {cancel ? t('nav.cancel') : t('nav.back')}
        </KioskButton>
      ) : (
        <span />
      )}
      {onNext ? (
        <KioskButton variant="primary" action="next" className="kiosk-btn--next" onClick={onNext}>
          {nextLabel ?? t('nav.next')}
        </KioskButton>
      ) : null}
    </nav>
  );
}
