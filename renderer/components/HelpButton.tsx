// "Hilfe" on every screen: explains the current step in a dialog and says how to reach staff, so
// nobody is stuck with a question the screen does not answer. Focus returns to the button.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Screens with their own help text; every other screen gets the general one. */
const OWN_HELP = new Set(['welcome', 'id', 'name', 'dob', 'summary', 'result']);

export function HelpButton({ screen }: { readonly screen: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="kern-btn kern-btn--secondary kiosk-btn header-tool"
        data-action="help"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <span className="kern-label">
          <span aria-hidden="true">? </span>
          {t('help.button')}
        </span>
      </button>
      {open ? (
        <HelpDialog
          title={t('help.title')}
          text={t(`help.${OWN_HELP.has(screen) ? screen : 'general'}`)}
          staff={t('help.staff')}
          close={t('help.close')}
          onClose={() => setOpen(false)}
        />
      ) : null}
    </>
  );
}

interface HelpDialogProps {
  readonly title: string;
  readonly text: string;
  readonly staff: string;
  readonly close: string;
  readonly onClose: () => void;
}

function HelpDialog({ title, text, staff, close, onClose }: HelpDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => {
      dialog?.close();
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="kern-dialog kiosk-dialog"
      aria-labelledby="help-title"
      aria-describedby="help-text"
      data-dialog="help"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="kern-dialog__header">
        <h2 id="help-title" className="kern-title kern-title--large">
          {title}
        </h2>
      </header>
      <section className="kern-dialog__body" id="help-text">
        <p className="kern-body kern-body--large">{text}</p>
        <p className="kern-body kern-body--large help-staff">{staff}</p>
      </section>
      <footer className="kern-dialog__footer">
        <button
          ref={closeRef}
          type="button"
          className="kern-btn kern-btn--primary kiosk-btn"
          data-action="help-close"
          onClick={onClose}
        >
          <span className="kern-label">{close}</span>
        </button>
      </footer>
    </dialog>
  );
}
