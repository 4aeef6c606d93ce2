// The clerk session has ended while entries are on the kiosk (docs/configuration.md, "Clerk
// session"): a modal dialog asks for the PIN again, over the concealed screen. A right PIN gives a
// new session and the clerk continues where they were, entries kept; "lock" ends clerk mode and
// forgets everything, as the clerk bar's lock does. Escape keeps the dialog (nothing is lost).
// The PIN is cleared after every try and never kept.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../app/kiosk-context';
import { Alert } from './Alert';
import { KioskDialog } from './KioskDialog';
import { NumericKeypad } from './NumericKeypad';

export interface ClerkReauthDialogProps {
  readonly onUnlocked: (token: string) => void;
  readonly onLock: () => void;
}

export function ClerkReauthDialog({ onUnlocked, onLock }: ClerkReauthDialogProps) {
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
  return (
    <KioskDialog
      name="clerk-reauth"
      className="clerk-reauth-dialog"
      title={t('clerk.reauthTitle')}
      description={<p>{t('clerk.reauthText')}</p>}
      onEscape={() => undefined}
      initialFocus="#clerk-reauth-pin"
      footer={
        <>
          <button
            type="button"
            className="kern-btn kern-btn--secondary kiosk-btn"
            data-action="reauth-lock"
            onClick={onLock}
          >
            <span className="kern-label">{t('clerk.reauthLock')}</span>
          </button>
          <button
            type="button"
            className="kern-btn kern-btn--primary kiosk-btn"
            data-action="reauth-unlock"
            onClick={() => void submit()}
          >
            <span className="kern-label">{t('clerk.unlock')}</span>
          </button>
        </>
      }
    >
      <div className="kern-form-input field field--narrow">
        <label className="kern-label kern-label--large" htmlFor="clerk-reauth-pin">
          {t('clerk.pinLabel')}
        </label>
        <input
          id="clerk-reauth-pin"
          type="password"
          className={`kern-form-input__input kiosk-input${errorCode ? ' kern-form-input__input--error' : ''}`}
          value={pin}
          onChange={(e) => update(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && void submit()}
          inputMode="none"
          autoComplete="off"
          dir="ltr"
          aria-describedby="clerk-reauth-status"
          aria-invalid={errorCode ? true : undefined}
        />
      </div>
      <div id="clerk-reauth-status" aria-live="polite" className="field-status">
        {errorCode ? <Alert tone="danger">{t(`errors.${errorCode}`)}</Alert> : null}
      </div>
      <NumericKeypad
        onDigit={(d) => update(pin + d)}
        onBackspace={() => update(pin.slice(0, -1))}
        onClear={() => update('')}
      />
    </KioskDialog>
  );
}
