// A question that must be answered before something cannot be undone (cancel the entries, finish
// and wipe). The safe choice ("keep") has focus, and Escape keeps (KioskDialog.tsx).
import type { ReactNode } from 'react';
import { KioskDialog } from './KioskDialog';

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
  return (
    <KioskDialog
      name={action}
      title={title}
      {...(children !== undefined ? { description: children } : {})}
      onEscape={onKeep}
      initialFocus={`[data-action="${action}-keep"]`}
      footer={
        <>
          <button
            type="button"
            className="kern-btn kern-btn--secondary kiosk-btn"
            data-action={action}
            onClick={onConfirm}
          >
            <span className="kern-label">{confirmLabel}</span>
          </button>
          <button
            type="button"
            className="kern-btn kern-btn--primary kiosk-btn"
            data-action={`${action}-keep`}
            onClick={onKeep}
          >
            <span className="kern-label">{keepLabel}</span>
          </button>
        </>
      }
    />
  );
}
