// A question that must be answered before something cannot be undone (cancel the entries, finish
// and wipe). The safe choice ("keep") has focus, and Escape keeps (KioskDialog.tsx).
import type { ReactNode } from 'react';
import { KioskDialog } from './KioskDialog';
import { KioskButton } from './KioskButton';

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
          <KioskButton variant="secondary" action={action} onClick={onConfirm}>
            {confirmLabel}
          </KioskButton>
          <KioskButton variant="primary" action={`${action}-keep`} onClick={onKeep}>
            {keepLabel}
          </KioskButton>
        </>
      }
    />
  );
}
