// A reissue past `clerk.maxReissuesPerId` (docs/configuration.md, "Clerk accounts"): a second,
// different clerk enters their own id and PIN here; the reissue is then sent again with them as
// `confirmedBy`, and core checks the PIN (counted per clerk id) in that same request. The PIN is
// handed on once and not kept.
import { useTranslation } from 'react-i18next';
import { ClerkCredentialsFields, ClerkCredentialsKeys, useClerkCredentials } from './ClerkCredentials';
import { KioskDialog } from './KioskDialog';
import { KioskButton } from './KioskButton';

export interface ClerkConfirmDialogProps {
  readonly onConfirm: (confirmedBy: { clerkId: string; pin: string }) => void;
  readonly onCancel: () => void;
}

export function ClerkConfirmDialog({ onConfirm, onCancel }: ClerkConfirmDialogProps) {
  const { t } = useTranslation();
  const creds = useClerkCredentials(false, async (clerkId, pin) => {
    onConfirm({ clerkId, pin });
    return { ok: true, value: '' };
  });
  const submit = () => void creds.submit();
  return (
    <KioskDialog
      name="clerk-confirm"
      className="clerk-reauth-dialog"
      title={t('clerk.confirmTitle')}
      description={<p>{t('clerk.confirmText')}</p>}
      onEscape={onCancel}
      initialFocus="#clerk-confirm-id"
      footer={
        <>
          <KioskButton variant="secondary" action="confirm-cancel" onClick={onCancel}>
            {t('nav.back')}
          </KioskButton>
          <KioskButton variant="primary" action="confirm-reissue" onClick={submit}>
            {t('clerk.confirmAction')}
          </KioskButton>
        </>
      }
    >
      <ClerkCredentialsFields creds={creds} idPrefix="clerk-confirm" onSubmit={submit} />
      <ClerkCredentialsKeys creds={creds} />
    </KioskDialog>
  );
}
