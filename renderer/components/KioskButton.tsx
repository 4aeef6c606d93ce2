// Every text button of the kiosk: a KERN UX button (`kern-btn`) at the kiosk's size (`kiosk-btn`:
// at least 68 px high, styles/kiosk.css and fit.css) with its label in `kern-label`. The variant is
// the button's weight on the screen: one primary action, secondary choices beside it, tertiary for
// small in-place actions (summary's "change"). `action` becomes `data-action`, the stable hook the
// e2e tests and the keyboard walk-through find the button by. On-screen keys are KeyButton.
import type { ComponentPropsWithRef, ReactNode } from 'react';

export type KioskButtonVariant = 'primary' | 'secondary' | 'tertiary';

const VARIANT_CLASS: Readonly<Record<KioskButtonVariant, string>> = {
  primary: 'kern-btn--primary',
  secondary: 'kern-btn--secondary',
  tertiary: 'kern-btn--tertiary',
};

export interface KioskButtonProps extends Omit<ComponentPropsWithRef<'button'>, 'type' | 'className' | 'children'> {
  readonly variant: KioskButtonVariant;
  /** Names the button for tests and the keyboard walk-through (`data-action`); never shown. Absent only
   * where another attribute names it (a language's button has `data-lang`). */
  readonly action?: string;
  /** Layout hooks added after the button's own classes (`header-tool`, `kiosk-btn--next`, …). */
  readonly className?: string;
  readonly children: ReactNode;
}

export function KioskButton({ variant, action, className, children, ...button }: KioskButtonProps) {
  return (
    <button
      type="button"
      className={`kern-btn ${VARIANT_CLASS[variant]} kiosk-btn${className ? ` ${className}` : ''}`}
      data-action={action}
      {...button}
    >
      <span className="kern-label">{children}</span>
    </button>
  );
}
