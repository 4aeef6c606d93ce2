// Screen 6: visible progress while core asks the health office, signs and registers.
// role="status" announces it politely; the spinner is decoration.
import { useTranslation } from 'react-i18next';
import { ScreenHeading } from '../components/ScreenHeading';

export function WorkingScreen() {
  const { t } = useTranslation();
  return (
    <section className="screen screen--working" aria-busy="true">
      <ScreenHeading>{t('working.title')}</ScreenHeading>
      <div className="working">
        <span className="kern-loader kern-loader--visible working__spinner" aria-hidden="true" />
        <p className="kern-body kern-body--large" role="status" aria-live="polite">
          {t('working.status')}
        </p>
      </div>
    </section>
  );
}
