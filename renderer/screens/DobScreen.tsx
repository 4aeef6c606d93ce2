// Screen 4: the date of birth in three fields (day, month, year) with a numeric keypad,
// filled the way people type dates (app/dob-typing.ts: "5 3 1975" is 05.03.1975; a day above 31
// or a month above 12 is refused at once, naming the field). Partial dates exist on records, so
// "only the year is known" empties day and month and goes to the year. Tapping a filled field
// selects it: the next digit replaces it. Checks here only guide; core decides.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../core/result';
import { completeDobPart, DOB_PARTS, setDobPart, typeDobDigit, type DobPart, type DobTyped } from '../app/dob-typing';
import { composeDob, type DobFields } from '../app/entry-format';
import { useTyping } from '../app/use-typing';
import { Alert } from '../components/Alert';
import { NavBar } from '../components/NavBar';
import { NumericKeypad } from '../components/NumericKeypad';
import { ScreenHeading } from '../components/ScreenHeading';
import '../styles/dob.css';
import { KioskButton } from '../components/KioskButton';

export interface DobScreenProps {
  readonly value: DobFields;
  readonly initialError: AppError<string> | null;
  readonly onChange: (value: DobFields) => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
}

const SEPARATOR = /^[\s./,-]$/u;

export function DobScreen({ value, initialError, onChange, onNext, onBack }: DobScreenProps) {
  const { t } = useTranslation();
  const [active, setActive] = useState<DobPart>('day');
  const [replace, setReplace] = useState(false);
  const [message, setMessage] = useState<string | null>(initialError ? 'errors.DOB_INVALID' : null);
  const day = useRef<HTMLInputElement>(null);
  const month = useRef<HTMLInputElement>(null);
  const year = useRef<HTMLInputElement>(null);
  const refs = useMemo(() => ({ day, month, year }), []);
  // Focus follows the active field only when the person is typing inside the fields.
  useEffect(() => {
    if (document.activeElement instanceof HTMLInputElement && document.activeElement !== refs[active].current) {
      refs[active].current?.focus();
    }
  }, [active, refs]);

  const apply = (typed: DobTyped) => {
    setReplace(false);
    if (typed.rejected) return setMessage(`dob.${typed.rejected}`);
    setMessage(null);
    onChange(typed.fields);
    setActive(typed.active);
  };
  const typeChar = (ch: string) => {
    if (/^\d$/u.test(ch)) apply(typeDobDigit(value, active, ch, replace));
    else if (SEPARATOR.test(ch)) apply(completeDobPart(value, active));
  };
  const fromInput = (part: DobPart, raw: string) => {
    const before = value[part];
    if (raw.length === before.length + 1 && raw.startsWith(before)) {
      const ch = raw.slice(-1);
      if (/^\d$/u.test(ch)) return apply(typeDobDigit(value, part, ch, false));
      if (SEPARATOR.test(ch)) return apply(completeDobPart(value, part));
      return;
    }
    if (raw.length === 1 && /^\d$/u.test(raw)) return apply(typeDobDigit(value, part, raw, true));
    apply(setDobPart(value, part, raw));
  };
  const choose = (part: DobPart) => {
    setActive(part);
    // A filled field tapped is selected: the next digit replaces it (correcting without deleting).
    setReplace(value[part] !== '');
  };
  const backspace = () => {
    setReplace(false);
    setMessage(null);
    if (value[active] === '' && active !== 'day') {
      const prev = DOB_PARTS[DOB_PARTS.indexOf(active) - 1] ?? 'day';
      setActive(prev);
      return onChange({ ...value, [prev]: value[prev].slice(0, -1) });
    }
    onChange({ ...value, [active]: value[active].slice(0, -1) });
  };
  const yearOnly = () => {
    setReplace(false);
    setMessage(null);
    onChange({ day: '', month: '', year: value.year });
    setActive('year');
  };
  const submit = () => {
    const checked = composeDob(value);
    if (!checked.ok) return setMessage(checked.error === 'invalid' ? 'errors.DOB_INVALID' : `dob.${checked.error}`);
    onNext();
  };
  useTyping({ onChar: typeChar, onBackspace: backspace, onEnter: submit });

  return (
    <section className="screen screen--dob">
      <ScreenHeading>{t('dob.title')}</ScreenHeading>
      <div className="screen__body">
        <div className="screen__text">
          <p id="dob-hint" className="kern-body kern-body--large">
            {t('dob.hint')}
          </p>
          <fieldset className="kern-fieldset dob-fields" aria-describedby="dob-example dob-hint dob-status">
            <legend className="kern-label kern-label--large">{t('dob.legend')}</legend>
            <p id="dob-example" className="kern-body dob-example">
              {t('dob.example')}
            </p>
            <div className="dob-fields__row">
              {DOB_PARTS.map((part) => (
                <div
                  key={part}
                  className={`kern-form-input dob-field dob-field--${part}${active === part ? ' dob-field--active' : ''}${
                    active === part && replace ? ' dob-field--replace' : ''
                  }`}
                >
                  <label className="kern-label" htmlFor={`dob-${part}`}>
                    {t(`dob.${part}`)}
                  </label>
                  <input
                    ref={refs[part]}
                    id={`dob-${part}`}
                    className={`kern-form-input__input kiosk-input${message ? ' kern-form-input__input--error' : ''}`}
                    value={value[part]}
                    onFocus={(e) => {
                      if (active !== part) choose(part);
                      if (value[part] !== '') e.currentTarget.select();
                    }}
                    onClick={(e) => {
                      choose(part);
                      if (value[part] !== '') e.currentTarget.select();
                    }}
                    onChange={(e) => fromInput(part, e.target.value)}
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
          <KioskButton variant="tertiary" action="dob-year-only" className="dob-year-only" onClick={yearOnly}>
            {t('dob.yearOnly')}
          </KioskButton>
          <div id="dob-status" aria-live="polite" className="field-status">
            {message ? <Alert tone="danger">{t(message)}</Alert> : null}
          </div>
        </div>
        <div className="screen__keys">
          <NumericKeypad
            onDigit={typeChar}
            onBackspace={backspace}
            onClear={() => {
              setActive('day');
              setReplace(false);
              setMessage(null);
              onChange({ day: '', month: '', year: '' });
            }}
          />
        </div>
      </div>
      <NavBar onBack={onBack} onNext={submit} />
    </section>
  );
}
