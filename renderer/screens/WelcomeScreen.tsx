// Screen 1: what the kiosk does, what you need, and the language choice. Each language
// is offered in its own name and marked with its own lang/dir so screen readers pronounce it
// right (WCAG 3.1.2). No flags.
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { ScreenHeading } from '../components/ScreenHeading';
import { LANGUAGE_INFO } from '../i18n/languages';

export function WelcomeScreen({ onStart }: { readonly onStart: () => void }) {
  const { t } = useTranslation();
  const { languages, language, setLanguage } = useKiosk();
  return (
    <section className="screen screen--welcome">
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
      <section className="language-choice" aria-labelledby="language-title">
        <h2 id="language-title" className="kern-heading-small">
          {t('welcome.languageTitle')}
        </h2>
        <div className="language-choice__list">
          {languages.map((code) => {
            const info = LANGUAGE_INFO[code];
            return (
              <button
                key={code}
                type="button"
                className={`kern-btn ${code === language ? 'kern-btn--primary' : 'kern-btn--secondary'} kiosk-btn`}
                lang={info.htmlLang}
                data-lang={code}
                dir={info.dir}
                aria-pressed={code === language}
                onClick={() => setLanguage(code)}
              >
                <span className="kern-label">{info.nativeName}</span>
              </button>
            );
          })}
        </div>
      </section>
    </section>
  );
}
