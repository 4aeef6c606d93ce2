// Clerk assist mode, step 1: the clerk's id and PIN (components/ClerkCredentials.tsx). Core checks
// them and locks a clerk out after repeated failures (CLERK_PIN_WRONG / CLERK_LOCKED_OUT).
import { useTranslation } from 'react-i18next';
import { ClerkCredentialsFields, ClerkCredentialsKeys, useClerkCredentials } from '../components/ClerkCredentials';
import { NavBar } from '../components/NavBar';
import { ScreenHeading } from '../components/ScreenHeading';

export interface ClerkPinScreenProps {
  readonly onUnlocked: (token: string) => void;
  readonly onCancel: () => void;
}

export function ClerkPinScreen({ onUnlocked, onCancel }: ClerkPinScreenProps) {
  const { t } = useTranslation();
  const creds = useClerkCredentials();
  const submit = () =>
    void creds.submit().then((token) => {
      if (token) onUnlocked(token);
    });
  return (
    <section className="screen screen--clerk-pin">
      <ScreenHeading>{t('clerk.pinTitle')}</ScreenHeading>
      <div className="screen__body">
        <div className="screen__text">
          <ClerkCredentialsFields creds={creds} idPrefix="clerk" onSubmit={submit} />
        </div>
        <div className="screen__keys">
          <ClerkCredentialsKeys creds={creds} />
        </div>
      </div>
      <NavBar onBack={onCancel} onNext={submit} nextLabel={t('clerk.unlock')} />
    </section>
  );
}
