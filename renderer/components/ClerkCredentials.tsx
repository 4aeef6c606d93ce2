// Clerk sign-in fields (docs/configuration.md, "Clerk accounts"): the clerk's id on a small
// on-screen keyboard of exactly the characters an id may contain, then the PIN on the numeric
// keypad. Only the keyboard of the active field is shown, so a tap can never land in the other
// field. The PIN is cleared after every try and never kept; the id stays for the next try.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../core/result';
import { useKiosk } from '../app/kiosk-context';
import { useTyping } from '../app/use-typing';
import { Alert } from './Alert';
import { KeyButton } from './KeyButton';
import { NumericKeypad } from './NumericKeypad';

/** core/config/config-schema.ts CLERK_ID_PATTERN: lower-case letters, digits, `.`, `_`, `-`. */
const ID_ROWS = ['1234567890', 'qwertzuiop', 'asdfghjkl', 'yxcvbnm.-_'] as const;
const cleanId = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9._-]/gu, '')
    .slice(0, 32);

export type ClerkField = 'id' | 'pin';

export interface ClerkCredentials {
  readonly clerkId: string;
  readonly pin: string;
  readonly field: ClerkField;
  readonly errorCode: string | null;
  setField(field: ClerkField): void;
  /** Replaces a field's text (typing into the <input> itself). */
  set(field: ClerkField, text: string): void;
  type(ch: string): void;
  backspace(): void;
  clear(): void;
  /** On the id: goes to the PIN. On the PIN: unlocks; the token on success. */
  submit(): Promise<string | null>;
}

/** What the entered id and PIN are for: by default a sign-in (clerkUnlock), answering the token. */
export type ClerkCheck = (clerkId: string, pin: string) => Promise<Result<string>>;

export function useClerkCredentials(typing = true, check?: ClerkCheck): ClerkCredentials {
  const { bridge } = useKiosk();
  const [clerkId, setClerkId] = useState('');
  const [pin, setPin] = useState('');
  const [field, setField] = useState<ClerkField>('id');
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (which: ClerkField, next: string) => {
    setErrorCode(null);
    if (which === 'id') setClerkId(cleanId(next));
    else setPin(next.replace(/\D/gu, '').slice(0, 12));
  };
  const update = (next: string) => set(field, next);
  const value = field === 'id' ? clerkId : pin;
  const submit = async (): Promise<string | null> => {
    if (busy) return null;
    if (field === 'id' || pin === '') {
      if (clerkId !== '') setField('pin');
      return null;
    }
    setBusy(true);
    const r = check
      ? await check(clerkId, pin)
      : await bridge
          .clerkUnlock({ clerkId, pin })
          .then((u): Result<string> => (u.ok ? { ok: true, value: u.value.token } : u));
    setPin('');
    setBusy(false);
    if (r.ok) return r.value;
    setErrorCode(r.error.code);
    return null;
  };
  const creds: ClerkCredentials = {
    clerkId,
    pin,
    field,
    errorCode,
    setField,
    set,
    type: (ch) => update(value + ch),
    backspace: () => update(value.slice(0, -1)),
    clear: () => update(''),
    submit,
  };
  useTyping(
    { onChar: creds.type, onBackspace: creds.backspace, onEnter: () => void submit().then(() => undefined) },
    typing,
  );
  return creds;
}

export interface ClerkCredentialsFieldsProps {
  readonly creds: ClerkCredentials;
  /** Prefix of the element ids, so that the screen and the dialog never share one. */
  readonly idPrefix: string;
  /** The submit of the parent, which also acts on the token. */
  readonly onSubmit: () => void;
}

export function ClerkCredentialsFields({ creds, idPrefix, onSubmit }: ClerkCredentialsFieldsProps) {
  const { t } = useTranslation();
  const statusId = idPrefix === 'clerk' ? 'pin-status' : `${idPrefix}-status`;
  const input = (field: ClerkField) => ({
    className: `kern-form-input__input kiosk-input${creds.errorCode && field === 'pin' ? ' kern-form-input__input--error' : ''}`,
    onFocus: () => creds.setField(field),
    onKeyDown: (e: { key: string }) => e.key === 'Enter' && onSubmit(),
    inputMode: 'none' as const,
    autoComplete: 'off',
    dir: 'ltr' as const,
    'aria-describedby': statusId,
    'data-active': creds.field === field ? true : undefined,
  });
  return (
    <>
      <div className="kern-form-input field field--narrow">
        <label className="kern-label kern-label--large" htmlFor={`${idPrefix}-id`}>
          {t('clerk.idLabel')}
        </label>
        <input
          id={`${idPrefix}-id`}
          type="text"
          value={creds.clerkId}
          onChange={(e) => creds.set('id', e.target.value)}
          {...input('id')}
        />
      </div>
      <div className="kern-form-input field field--narrow">
        <label className="kern-label kern-label--large" htmlFor={`${idPrefix}-pin`}>
          {t('clerk.pinLabel')}
        </label>
        <input
          id={`${idPrefix}-pin`}
          type="password"
          value={creds.pin}
          onChange={(e) => creds.set('pin', e.target.value)}
          aria-invalid={creds.errorCode ? true : undefined}
          {...input('pin')}
        />
      </div>
      <div id={statusId} aria-live="polite" className="field-status">
        {creds.errorCode ? <Alert tone="danger">{t(`errors.${creds.errorCode}`)}</Alert> : null}
      </div>
    </>
  );
}

/** The on-screen keys of the active field: the id keys or the PIN keypad. */
export function ClerkCredentialsKeys({ creds }: { readonly creds: ClerkCredentials }) {
  const { t } = useTranslation();
  return creds.field === 'id' ? (
    <div className="kiosk-keyboard kiosk-keyboard--clerk-id" role="group" aria-label={t('keyboard.label')} dir="ltr">
      {ID_ROWS.map((row) => (
        <div className="kiosk-keyboard__row" key={row}>
          {[...row].map((ch) => (
            <KeyButton key={ch} testKey={ch} onPress={() => creds.type(ch)}>
              {ch}
            </KeyButton>
          ))}
          {row === 'yxcvbnm.-_' ? (
            <KeyButton wide testKey="backspace" onPress={creds.backspace}>
              <span aria-hidden="true">⌫ </span>
              {t('keyboard.backspace')}
            </KeyButton>
          ) : null}
        </div>
      ))}
    </div>
  ) : (
    <NumericKeypad onDigit={creds.type} onBackspace={creds.backspace} onClear={creds.clear} />
  );
}
