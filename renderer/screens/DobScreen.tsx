// Screen 4: the date of birth in three fields (day, month, year) with a numeric
// keypad. Partial dates exist on records (year only; month and year), so day, or day and month,
// may stay empty. Day and month move on after two digits. Checks here only guide; core decides.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../core/result';
import { composeDob, type DobFields } from '../app/entry-format';
import { useTyping } from '../app/use-typing';
import { Alert } from '../components/Alert';
import { NavBar } from '../components/NavBar';
import { NumericKeypad } from '../components/NumericKeypad';
import { ScreenHeading } from '../components/ScreenHeading';

type Part = keyof DobFields;
const PARTS: readonly Part[] = ['day', 'month', 'year'];
const MAX: Readonly<Record<Part, number>> = { day: 2, month: 2, year: 4 };

export interface DobScreenProps {
  readonly value: DobFields;
  readonly initialError: AppError<string> | null;
  readonly onChange: (value: DobFields) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
}

export function DobScreen({ value, initialError, onChange, onNext, onBack }: DobScreenProps) {
  const { t } = useTranslation();
  const [active, setActive] = useState<Part>('day');
  const [message, setMessage] = useState<string | null>(initialError ? 'errors.DOB_INVALID' : null);
  const refs = {
    day: useRef<HTMLInputElement>(null),
    month: useRef<HTMLInputElement>(null),
    year: useRef<HTMLInputElement>(null),
  };

  const setPart = (part: Part, raw: string, advance: boolean) => {
    const digits = raw.replace(/\D/gu, '').slice(0, MAX[part]);
    setMessage(null);
    onChange({ ...value, [part]: digits });
    if (advance && digits.length === MAX[part] && part !== 'year') {
      const next = PARTS[PARTS.indexOf(part) + 1] ?? 'year';
      setActive(next);
      if (document.activeElement instanceof HTMLInputElement) refs[next].current?.focus();
    }
  };
  const backspace = () => {
    if (value[active] === '' && active !== 'day') {
      const prev = PARTS[PARTS.indexOf(active) - 1] ?? 'day';
      setActive(prev);
      return setPart(prev, value[prev].slice(0, -1), false);
    }
    setPart(active, value[active].slice(0, -1), false);
  };
  const submit = () => {
    const checked = composeDob(value);
    if (!checked.ok) return setMessage(checked.reason === 'invalid' ? 'errors.DOB_INVALID' : `dob.${checked.reason}`);
    onNext();
  };
  useTyping({
    onChar: (ch) => (/\d/u.test(ch) ? setPart(active, value[active] + ch, true) : undefined),
    onBackspace: backspace,
    onEnter: submit,
  });

  return (
    <section className="screen screen--dob">
      <ScreenHeading>{t('dob.title')}</ScreenHeading>
      <div className="screen__body">
        <div className="screen__text">
          <p id="dob-hint" className="kern-body kern-body--large">
            {t('dob.hint')}
          </p>
          <fieldset className="kern-fieldset dob-fields" aria-describedby="dob-hint dob-status">
            <legend className="kern-label kern-label--large">{t('dob.legend')}</legend>
            <div className="dob-fields__row">
              {PARTS.map((part) => (
                <div
                  key={part}
                  className={`kern-form-input dob-field dob-field--${part}${active === part ? ' dob-field--active' : ''}`}
                >
                  <label className="kern-label" htmlFor={`dob-${part}`}>
                    {t(`dob.${part}`)}
                  </label>
                  <input
                    ref={refs[part]}
                    id={`dob-${part}`}
                    className={`kern-form-input__input kiosk-input${message ? ' kern-form-input__input--error' : ''}`}
                    value={value[part]}
                    onFocus={() => setActive(part)}
                    onClick={() => setActive(part)}
                    onChange={(e) => setPart(part, e.target.value, true)}
                    onKeyDown={(e) => e.key === 'Enter' && submit()}
                    inputMode="none"
                    autoComplete="off"
                    dir="ltr"
                    placeholder={part === 'year' ? '––––' : '––'}
                    aria-invalid={message ? true : undefined}
                  />
                </div>
              ))}
            </div>
          </fieldset>
          <div id="dob-status" aria-live="polite" className="field-status">
            {message ? <Alert tone="danger">{t(message)}</Alert> : null}
          </div>
        </div>
        <div className="screen__keys">
          <NumericKeypad
            onDigit={(d) => setPart(active, value[active] + d, true)}
            onBackspace={backspace}
            onClear={() => {
              setActive('day');
              onChange({ day: '', month: '', year: '' });
            }}
          />
        </div>
      </div>
      <NavBar onBack={onBack} onNext={submit} />
    </section>
  );
}
