// Screen 3 (issue 4): the family name, as on the letter. On-screen keyboard with umlauts and ß
// and pages for other alphabets; a physical keyboard works too. Only letters, spaces, hyphens,
// apostrophes and dots are accepted; the match itself (Müller = Mueller = MÜLLER) is core's job.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../core/result';
import { cleanNameInput } from '../app/entry-format';
import { useTyping } from '../app/use-typing';
import { Alert } from '../components/Alert';
import { LetterKeyboard } from '../components/LetterKeyboard';
import { NavBar } from '../components/NavBar';
import { ScreenHeading } from '../components/ScreenHeading';

export interface NameScreenProps {
  readonly value: string;
  readonly initialError: AppError<string> | null;
  readonly onChange: (value: string) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
}

export function NameScreen({ value, initialError, onChange, onNext, onBack }: NameScreenProps) {
  const { t } = useTranslation();
  const [errorCode, setErrorCode] = useState<string | null>(initialError?.code ?? null);
  const update = (next: string) => {
    setErrorCode(null);
    onChange(cleanNameInput(next));
  };
  const submit = () => {
    if (!/\p{L}/u.test(value)) return setErrorCode('NAME_INVALID');
    onChange(value.trim());
    onNext();
  };
  useTyping({ onChar: (ch) => update(value + ch), onBackspace: () => update(value.slice(0, -1)), onEnter: submit });

  return (
    <section className="screen screen--name">
      <ScreenHeading>{t('name.title')}</ScreenHeading>
      <div className="screen__body">
        <div className="screen__text">
          <p id="name-hint" className="kern-body kern-body--large">
            {t('name.hint')}
          </p>
          <div className="kern-form-input field">
            <label className="kern-label kern-label--large" htmlFor="family-name">
              {t('name.label')}
            </label>
            <input
              id="family-name"
              className={`kern-form-input__input kiosk-input${errorCode ? ' kern-form-input__input--error' : ''}`}
              value={value}
              onChange={(e) => update(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && submit()}
              inputMode="none"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              dir="auto"
              aria-describedby="name-hint name-status"
              aria-invalid={errorCode ? true : undefined}
            />
          </div>
          <div id="name-status" aria-live="polite" className="field-status">
            {errorCode ? <Alert tone="danger">{t(`errors.${errorCode}`)}</Alert> : null}
          </div>
        </div>
        <div className="screen__keys">
          <LetterKeyboard value={value} onChar={(ch) => update(value + ch)} onBackspace={() => update(value.slice(0, -1))} />
        </div>
      </div>
      <NavBar onBack={onBack} onNext={submit} />
    </section>
  );
}
