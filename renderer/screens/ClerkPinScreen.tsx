// Clerk assist mode, step 1: the PIN on a numeric keypad. Core checks it and locks out
// after repeated failures (CLERK_PIN_WRONG / CLERK_LOCKED_OUT); the PIN is cleared after every try
// and never kept.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { useTyping } from '../app/use-typing';
import { Alert } from '../components/Alert';
import { NavBar } from '../components/NavBar';
import { NumericKeypad } from '../components/NumericKeypad';
import { ScreenHeading } from '../components/ScreenHeading';

export interface ClerkPinScreenProps {
  readonly onUnlocked: (token: string) => void;
  readonly onCancel: () => void;
}

export function ClerkPinScreen({ onUnlocked, onCancel }: ClerkPinScreenProps) {
  const { t } = useTranslation();
  const { bridge } = useKiosk();
  const [pin, setPin] = useState('');
  const [errorCode, setErrorCode] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const update = (next: string) => {
    setErrorCode(null);
    setPin(next.replace(/\D/gu, '').slice(0, 12));
  };
  const submit = async () => {
    if (busy || pin === '') return;
    setBusy(true);
    const r = await bridge.clerkUnlock({ clerkId: 'clerk', pin });
    setPin('');
    setBusy(false);
    if (r.ok) onUnlocked(r.value.token);
    else setErrorCode(r.error.code);
  };
  useTyping({
    onChar: (ch) => update(pin + ch),
    onBackspace: () => update(pin.slice(0, -1)),
    onEnter: () => void submit(),
  });
  return (
    <section className="screen screen--clerk-pin">
      <ScreenHeading>{t('clerk.pinTitle')}</ScreenHeading>
      <div className="screen__body">
        <div className="screen__text">
          <div className="kern-form-input field field--narrow">
            <label className="kern-label kern-label--large" htmlFor="clerk-pin">
              {t('clerk.pinLabel')}
            </label>
            <input
              id="clerk-pin"
              type="password"
              className={`kern-form-input__input kiosk-input${errorCode ? ' kern-form-input__input--error' : ''}`}
              value={pin}
              onChange={(e) => update(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void submit()}
              inputMode="none"
              autoComplete="off"
              dir="ltr"
              aria-describedby="pin-status"
              aria-invalid={errorCode ? true : undefined}
            />
          </div>
          <div id="pin-status" aria-live="polite" className="field-status">
            {errorCode ? <Alert tone="danger">{t(`errors.${errorCode}`)}</Alert> : null}
          </div>
        </div>
        <div className="screen__keys">
          <NumericKeypad
            onDigit={(d) => update(pin + d)}
            onBackspace={() => update(pin.slice(0, -1))}
            onClear={() => update('')}
          />
        </div>
      </div>
      <NavBar onBack={onCancel} onNext={() => void submit()} nextLabel={t('clerk.unlock')} />
    </section>
  );
}
