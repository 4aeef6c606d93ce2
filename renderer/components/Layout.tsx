// The frame around every screen: a header naming the service and the issuing office,
// a DEMO banner in demo mode, the clerk-mode bar while a clerk is signed in, and the invisible
// top-right corner that opens clerk mode by a 3-second press or five taps. The banner, the header
// tools (help, text size, contrast, language) and the clerk bar all sit inside the <header>
// landmark, so nothing on screen lies outside a landmark.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClerkGesture } from '../app/use-clerk-gesture';
import '../styles/frame.css';
import '../styles/fit.css';
import '../styles/fit-screens.css';
import '../styles/display-options.css';
import { KioskButton } from './KioskButton';

export interface LayoutProps {
  readonly issuer: string;
  readonly demo: boolean;
  readonly clerkActive: boolean;
  readonly onClerkOpen: () => void;
  readonly onClerkMenu: () => void;
  readonly onClerkLock: () => void;
  /** Header buttons (help, display options, language) for the current screen. */
  readonly tools?: ReactNode;
  /** Extra content of the clerk bar (remaining session time). */
  readonly clerkInfo?: ReactNode;
  /** While the idle warning counts down, the screen behind it (personal data) is hidden. */
  readonly concealed?: boolean;
  readonly children: ReactNode;
}

export function Layout(props: LayoutProps) {
  const { issuer, demo, clerkActive, onClerkOpen, onClerkMenu, onClerkLock, tools, clerkInfo, concealed, children } =
    props;
  const { t } = useTranslation();
  const gesture = useClerkGesture(onClerkOpen);
  return (
    <div className="kiosk">
      <header className="kiosk-top">
        {demo ? (
          <div className="demo-banner" role="note">
            {t('app.demoBanner')}
          </div>
        ) : null}
        <div className="kiosk-header">
          <div className="kiosk-header__brand">
            <span className="kiosk-header__title">{t('app.title')}</span>
            <span className="kiosk-header__subtitle">
              {t('app.subtitle')} · {issuer}
            </span>
          </div>
          {tools ? <div className="kiosk-header__tools">{tools}</div> : null}
        </div>
        {clerkActive ? <ClerkBar info={clerkInfo} onMenu={onClerkMenu} onLock={onClerkLock} /> : null}
      </header>
      <div className="clerk-corner" aria-hidden="true" data-testid="clerk-corner" {...gesture} />
      <main className={`kiosk-main${concealed ? ' kiosk-main--concealed' : ''}`}>{children}</main>
    </div>
  );
}

function ClerkBar({
  info,
  onMenu,
  onLock,
}: {
  readonly info: ReactNode;
  readonly onMenu: () => void;
  readonly onLock: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="clerk-bar">
      <span className="clerk-bar__label">{t('clerk.banner')}</span>
      {info}
      <KioskButton variant="secondary" action="clerk-menu" onClick={onMenu}>
        {t('clerk.menu')}
      </KioskButton>
      <KioskButton variant="secondary" action="clerk-bar-lock" onClick={onLock}>
        {t('clerk.lock')}
      </KioskButton>
    </div>
  );
}
