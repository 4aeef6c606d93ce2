// One on-screen key. Tapping it does not take focus away from the field or heading (mousedown
// default prevented), so a hand scanner or a physical keyboard keeps working after a tap;
// keyboard users still reach every key with Tab.
import type { MouseEvent, ReactNode } from 'react';

export interface KeyButtonProps {
  readonly onPress: () => void;
  readonly children: ReactNode;
  readonly wide?: boolean;
  /** A word rather than one character (smaller type so it fits). */
  readonly text?: boolean;
  readonly label?: string;
  readonly pressed?: boolean;
  readonly lang?: string;
  /** Stable handle for tests and for the keyboard-only walk-through (not shown). */
  readonly testKey?: string;
}

const keepFocus = (e: MouseEvent) => e.preventDefault();

export function KeyButton({ onPress, children, wide, text, label, pressed, lang, testKey }: KeyButtonProps) {
  return (
    <button
      type="button"
      className={`kiosk-key${wide ? ' kiosk-key--wide' : ''}${text ? ' kiosk-key--text' : ''}`}
      onMouseDown={keepFocus}
      onClick={onPress}
      aria-label={label}
      aria-pressed={pressed}
      lang={lang}
      data-key={testKey}
    >
      {children}
    </button>
  );
}
