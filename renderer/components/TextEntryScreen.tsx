// The shape every free-text screen shares (family name, clerk's reissue reason): a heading, a
// hint, one text field typed on the on-screen letter keyboard or a physical keyboard, a live
// status for the error, and Back/Next. Screens supply the texts, the clean-up and the check.
import { useTyping } from '../app/use-typing';
import { Alert } from './Alert';
import { LetterKeyboard } from './LetterKeyboard';
import { NavBar } from './NavBar';
import { ScreenHeading } from './ScreenHeading';

export interface TextEntryScreenProps {
  /** Prefix of the hint and status element ids, and the screen's CSS modifier. */
  readonly name: string;
  readonly inputId: string;
  readonly title: string;
  readonly hint: string;
  readonly label: string;
  readonly value: string;
  /** Translated error text, or null when the field is fine. */
  readonly error: string | null;
  readonly onInput: (next: string) => void;
  readonly onSubmit: () => void;
  readonly onBack: () => void;
  /** Word-initial capitals on the on-screen keyboard (names); off for free text. */
  readonly capitals?: boolean;
  /** Shown under the field, e.g. "12 / 200" for a limited free text. */
  readonly counter?: string;
}

export function TextEntryScreen(p: TextEntryScreenProps) {
  const { name, value, onInput, onSubmit } = p;
  const hintId = `${name}-hint`;
  const statusId = `${name}-status`;
  useTyping({ onChar: (ch) => onInput(value + ch), onBackspace: () => onInput(value.slice(0, -1)), onEnter: onSubmit });
  return (
    <section className={`screen screen--${name}`}>
      <ScreenHeading>{p.title}</ScreenHeading>
      <div className="screen__body">
        <div className="screen__text">
          <p id={hintId} className="kern-body kern-body--large">
            {p.hint}
          </p>
          <div className="kern-form-input field">
            <label className="kern-label kern-label--large" htmlFor={p.inputId}>
              {p.label}
            </label>
            <input
              id={p.inputId}
              className={`kern-form-input__input kiosk-input${p.error ? ' kern-form-input__input--error' : ''}`}
              value={value}
              onChange={(e) => onInput(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && onSubmit()}
              inputMode="none"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              dir="auto"
              aria-describedby={`${hintId} ${statusId}`}
              aria-invalid={p.error ? true : undefined}
            />
          </div>
          {p.counter ? (
            <p className="kern-body field-counter" data-testid={`${name}-counter`}>
              {p.counter}
            </p>
          ) : null}
          <div id={statusId} aria-live="polite" className="field-status">
            {p.error ? <Alert tone="danger">{p.error}</Alert> : null}
          </div>
        </div>
        <div className="screen__keys">
          <LetterKeyboard
            value={value}
            capitals={p.capitals ?? true}
            onChar={(ch) => onInput(value + ch)}
            onBackspace={() => onInput(value.slice(0, -1))}
            onClear={() => onInput('')}
          />
        </div>
      </div>
      <NavBar onBack={p.onBack} onNext={onSubmit} />
    </section>
  );
}
