// The clerk session has ended while entries are on the kiosk (docs/configuration.md, "Clerk
// session"): a modal dialog asks for the clerk id and PIN again, over the concealed screen. A right PIN gives a
// new session and the clerk continues where they were, entries kept; "lock" ends clerk mode and
// forgets everything, as the clerk bar's lock does. Escape keeps the dialog (nothing is lost).
// The PIN is cleared after every try and never kept.
import { useTranslation } from 'react-i18next';
import { ClerkCredentialsFields, ClerkCredentialsKeys, useClerkCredentials } from './ClerkCredentials';
import { KioskDialog } from './KioskDialog';
import { KioskButton } from './KioskButton';

export interface ClerkReauthDialogProps {
  readonly onUnlocked: (token: string) => void;
  readonly onLock: () => void;
}

export function ClerkReauthDialog({ onUnlocked, onLock }: ClerkReauthDialogProps) {
  const { t } = useTranslation();
  // Inside the dialog the fields get the keys themselves (useTyping stays out of open dialogs).
  const creds = useClerkCredentials(false);
  const submit = () =>
    void creds.submit().then((token) => {
      if (token) onUnlocked(token);
    });
  return (
    <KioskDialog
      name="clerk-reauth"
      className="clerk-reauth-dialog"
      title={t('clerk.reauthTitle')}
      description={<p>{t('clerk.reauthText')}</p>}
      onEscape={() => undefined}
      initialFocus="#clerk-reauth-id"
      footer={
        <>
          <KioskButton variant="secondary" action="reauth-lock" onClick={onLock}>
            {t('clerk.reauthLock')}
          </KioskButton>
          <KioskButton variant="primary" action="reauth-unlock" onClick={submit}>
            {t('clerk.unlock')}
          </KioskButton>
        </>
      }
    >
      <ClerkCredentialsFields creds={creds} idPrefix="clerk-reauth" onSubmit={submit} />
      <ClerkCredentialsKeys creds={creds} />
    </KioskDialog>
  );
}
