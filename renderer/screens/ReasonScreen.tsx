// Clerk reissue (issue 4): the reason for issuing a certificate again for an ID that already has
// one. Core requires it (REASON_REQUIRED) and writes it to the audit log, so the hint asks for no
// health data. Typed on a physical keyboard or the on-screen one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTyping } from '../app/use-typing';
import { Alert } from '../components/Alert';
import { LetterKeyboard } from '../components/LetterKeyboard';
import { NavBar } from '../components/NavBar';
import { ScreenHeading } from '../components/ScreenHeading';

export interface ReasonScreenProps {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
}

const cleanReason = (raw: string) =>
  raw
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/^\s+/u, '')
    .slice(0, 300);

export function ReasonScreen({ value, onChange, onNext, onBack }: ReasonScreenProps) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState(false);
  const update = (next: string) => {
    setMissing(false);
    onChange(cleanReason(next));
  };
  const submit = () => {
    if (value.trim().length < 3) return setMissing(true);
    onNext();
  };
  useTyping({ onChar: (ch) => update(value + ch), onBackspace: () => update(value.slice(0, -1)), onEnter: submit });
  return (
    <section className="screen screen--reason">
      <ScreenHeading>{t('reason.title')}</ScreenHeading>
      <div className="screen__body">
        <div className="screen__text">
          <p id="reason-hint" className="kern-body kern-body--large">
            {t('reason.hint')}
          </p>
          <div className="kern-form-input field">
            <label className="kern-label kern-label--large" htmlFor="reissue-reason">
              {t('reason.label')}
            </label>
            <input
              id="reissue-reason"
              className={`kern-form-input__input kiosk-input${missing ? ' kern-form-input__input--error' : ''}`}
              value={value}
              onChange={(e) => update(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && submit()}
              inputMode="none"
              autoComplete="off"
              dir="auto"
              aria-describedby="reason-hint reason-status"
              aria-invalid={missing ? true : undefined}
            />
          </div>
          <div id="reason-status" aria-live="polite" className="field-status">
            {missing ? <Alert tone="danger">{t('errors.REASON_REQUIRED')}</Alert> : null}
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
