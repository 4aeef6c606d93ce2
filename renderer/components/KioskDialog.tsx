// The one modal dialog of the kiosk (KERN markup on the native <dialog>, so focus stays inside while
// it is open). Opening moves focus to the safe choice (`initialFocus`); Escape is the safe choice
// too (`onEscape`); closing returns focus to where it was (WCAG 2.4.3). Only `description` is read
// out as the dialog's description, so a live countdown beside it is not announced every second.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

export interface KioskDialogProps {
  /** `data-dialog` (tests and the keyboard walk-through). */
  readonly name?: string;
  readonly className?: string;
  readonly title: ReactNode;
  readonly description?: ReactNode;
  /** More of the body that is not part of the description. */
  readonly children?: ReactNode;
  readonly footer: ReactNode;
  readonly onEscape: () => void;
  /** Selector, inside the dialog, of the element that gets focus when it opens. */
  readonly initialFocus: string;
}

export function KioskDialog({
  name,
  className,
  title,
  description,
  children,
  footer,
  onEscape,
  initialFocus,
}: KioskDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // Focus moves once, when the dialog opens; a later `initialFocus` must not steal it back.
  const [focusOnOpen] = useState(initialFocus);
  const titleId = useId();
  const descriptionId = useId();
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>(focusOnOpen)?.focus();
    return () => {
      dialog?.close();
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, [focusOnOpen]);
  const hasBody = description !== undefined || children !== undefined;
  return (
    <dialog
      ref={ref}
      className={`kern-dialog kiosk-dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      aria-describedby={description !== undefined ? descriptionId : undefined}
      data-dialog={name}
      onCancel={(e) => {
        e.preventDefault();
        onEscape();
      }}
    >
      <header className="kern-dialog__header">
        <h2 id={titleId} className="kern-title kern-title--large">
          {title}
        </h2>
      </header>
      {hasBody ? (
        <section className="kern-dialog__body">
          {description !== undefined ? (
            <div id={descriptionId} className="kern-body kern-body--large">
              {description}
            </div>
          ) : null}
          {children}
        </section>
      ) : null}
      <footer className="kern-dialog__footer">{footer}</footer>
    </dialog>
  );
}
