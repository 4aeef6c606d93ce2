// A question that must be answered before something cannot be undone (cancel the entries, finish
// and wipe). Native modal <dialog>: focus moves to the safe choice ("keep"), Escape keeps, and
// focus returns to where it was when the dialog closes (WCAG 2.4.3).
import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly children?: ReactNode;
  readonly confirmLabel: string;
  readonly keepLabel: string;
  readonly onConfirm: () => void;
  readonly onKeep: () => void;
  /** data-action of the confirm button (tests and the keyboard walk-through). */
  readonly action: string;
}

export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  keepLabel,
  onConfirm,
  onKeep,
  action,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    keepRef.current?.focus();
    return () => {
      dialog?.close();
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="kern-dialog kiosk-dialog"
      aria-labelledby={titleId}
      aria-describedby={children ? textId : undefined}
      data-dialog={action}
      onCancel={(e) => {
        e.preventDefault();
        onKeep();
      }}
    >
      <header className="kern-dialog__header">
        <h2 id={titleId} className="kern-title kern-title--large">
          {title}
        </h2>
      </header>
      {children ? (
        <section className="kern-dialog__body kern-body kern-body--large" id={textId}>
          {children}
        </section>
      ) : null}
      <footer className="kern-dialog__footer">
        <button
          type="button"
          className="kern-btn kern-btn--secondary kiosk-btn"
          data-action={action}
          onClick={onConfirm}
        >
          <span className="kern-label">{confirmLabel}</span>
        </button>
        <button
          ref={keepRef}
          type="button"
          className="kern-btn kern-btn--primary kiosk-btn"
          data-action={`${action}-keep`}
          onClick={onKeep}
        >
          <span className="kern-label">{keepLabel}</span>
        </button>
      </footer>
    </dialog>
  );
}
