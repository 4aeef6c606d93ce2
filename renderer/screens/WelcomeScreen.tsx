// Screen 1 (issue 4): the language choice first (labelled "language" in every offered language,
// each language in its own name with its own lang/dir, WCAG 3.1.2, no flags), then what the kiosk
// does, what you need, and Start.
import { useTranslation } from 'react-i18next';
import { LanguageButtons, MultilingualLabel } from '../components/LanguageChoice';
import { ScreenHeading } from '../components/ScreenHeading';

export function WelcomeScreen({ onStart }: { readonly onStart: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="screen screen--welcome">
      <section className="language-choice" aria-labelledby="language-title">
        <h2 id="language-title" className="kern-heading-small language-choice__title">
          <MultilingualLabel />
        </h2>
        <LanguageButtons />
      </section>
      <ScreenHeading>{t('welcome.title')}</ScreenHeading>
      <p className="kern-body kern-body--large">{t('welcome.intro')}</p>
      <div className="welcome-need">
        <h2 className="kern-heading-small">{t('welcome.needTitle')}</h2>
        <ul className="kern-list kern-list--bullet kern-body--large">
          <li>{t('welcome.needLetter')}</li>
        </ul>
        <p className="kern-body kern-body--large">{t('welcome.needSteps')}</p>
      </div>
      <button
        type="button"
        className="kern-btn kern-btn--primary kiosk-btn kiosk-btn--hero"
        data-action="start"
        onClick={onStart}
      >
        <span className="kern-label">{t('welcome.start')}</span>
      </button>
    </section>
  );
}
