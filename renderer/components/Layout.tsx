// The frame around every screen: a header naming the service and the issuing office,
// a DEMO banner in demo mode, the clerk-mode bar while a clerk is signed in, and the invisible
// top-right corner that opens clerk mode by a 3-second press or five taps.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useClerkGesture } from '../app/use-clerk-gesture';

export interface LayoutProps {
  readonly issuer: string;
  readonly demo: boolean;
  readonly clerkActive: boolean;
  readonly onClerkOpen: () => void;
  readonly onClerkMenu: () => void;
  readonly onClerkLock: () => void;
  readonly children: ReactNode;
}

export function Layout({ issuer, demo, clerkActive, onClerkOpen, onClerkMenu, onClerkLock, children }: LayoutProps) {
  const { t } = useTranslation();
  const gesture = useClerkGesture(onClerkOpen);
  return (
    <div className="kiosk">
      {demo ? (
        <div className="demo-banner" role="note">
          {t('app.demoBanner')}
        </div>
      ) : null}
      <header className="kiosk-header">
        <div className="kiosk-header__brand">
          <span className="kiosk-header__title">{t('app.title')}</span>
          <span className="kiosk-header__subtitle">
            {t('app.subtitle')} · {issuer}
          </span>
        </div>
      </header>
      {clerkActive ? (
        <div className="clerk-bar">
          <span className="clerk-bar__label">{t('clerk.banner')}</span>
          <button type="button" className="kern-btn kern-btn--secondary kiosk-btn" data-action="clerk-menu" onClick={onClerkMenu}>
            <span className="kern-label">{t('clerk.menu')}</span>
          </button>
          <button
            type="button"
            className="kern-btn kern-btn--secondary kiosk-btn"
            data-action="clerk-bar-lock"
            onClick={onClerkLock}
          >
            <span className="kern-label">{t('clerk.lock')}</span>
          </button>
        </div>
      ) : null}
      <div className="clerk-corner" aria-hidden="true" data-testid="clerk-corner" {...gesture} />
      <main className="kiosk-main">{children}</main>
    </div>
  );
}
