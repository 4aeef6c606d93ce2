// The language choice (WCAG 3.1.2): each language in its own name with its own lang/dir, no
// flags; a label that says "language" in every offered language, so a person who reads no German
// finds it. On the welcome screen it is the list at the top; on every other screen a header
// button opens the same list in a dialog and switching keeps what was entered.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { LANGUAGE_INFO, type UiLanguage } from '../i18n/languages';
import { KioskDialog } from './KioskDialog';
import { KioskButton } from './KioskButton';

/** "Sprache · Language · Dil · اللغة …", each word marked with its language, duplicates once. */
export function MultilingualLabel({ id }: { readonly id?: string }) {
  const { languages } = useKiosk();
  const seen = new Set<string>();
  const words = languages
    .map((code) => LANGUAGE_INFO[code])
    .filter((info) => (seen.has(info.word) ? false : (seen.add(info.word), true)));
  return (
    <span id={id} className="multilingual-label">
      {words.map((info, i) => (
        <span key={info.code}>
          {i > 0 ? <span aria-hidden="true"> · </span> : null}
          <span lang={info.htmlLang} dir={info.dir}>
            {info.word}
          </span>
        </span>
      ))}
    </span>
  );
}

export function LanguageButtons({ onChosen }: { readonly onChosen?: () => void }) {
  const { languages, language, setLanguage } = useKiosk();
  return (
    <div className="language-choice__list">
      {languages.map((code: UiLanguage) => {
        const info = LANGUAGE_INFO[code];
        return (
          <KioskButton
            variant={code === language ? 'primary' : 'secondary'}
            key={code}
            lang={info.htmlLang}
            data-lang={code}
            dir={info.dir}
            aria-pressed={code === language}
            onClick={() => {
              setLanguage(code);
              onChosen?.();
            }}
          >
            {info.nativeName}
          </KioskButton>
        );
      })}
    </div>
  );
}

/** Header button: the current language's name; opens the list. */
export function LanguageMenu() {
  const { t } = useTranslation();
  const { language } = useKiosk();
  const [open, setOpen] = useState(false);
  const info = LANGUAGE_INFO[language];
  return (
    <>
      <KioskButton
        variant="secondary"
        action="language-menu"
        className="header-tool"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">🌐 </span>
        <span className="kern-sr-only">{t('language.button')}: </span>
        <span lang={info.htmlLang} dir={info.dir}>
          {info.nativeName}
        </span>
      </KioskButton>
      {open ? <LanguageDialog onClose={() => setOpen(false)} closeLabel={t('language.close')} /> : null}
    </>
  );
}

function LanguageDialog({ onClose, closeLabel }: { readonly onClose: () => void; readonly closeLabel: string }) {
  return (
    <KioskDialog
      name="language"
      className="language-dialog"
      title={<MultilingualLabel />}
      onEscape={onClose}
      initialFocus='[aria-pressed="true"]'
      footer={
        <KioskButton variant="secondary" action="language-close" onClick={onClose}>
          {closeLabel}
        </KioskButton>
      }
    >
      <LanguageButtons onChosen={onClose} />
    </KioskDialog>
  );
}
