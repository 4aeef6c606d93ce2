// One on-screen key. Tapping it does not take focus away from the field or heading (mousedown
// default prevented), so a hand scanner or a physical keyboard keeps working after a tap;
// keyboard users still reach every key with Tab. The editing keys (backspace, clear) are the
// same on every keyboard, so they are defined once here.
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

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

/** How an editing key is sized: `wide` beside a letter row, `text` in the 3×4 digit pad. */
export type EditKeyProps = { readonly onPress: () => void } & Pick<KeyButtonProps, 'wide' | 'text'>;

/** Deletes the last character; every keyboard has it, with the same label and test handle. */
export function BackspaceKey({ onPress, wide, text }: EditKeyProps) {
  const { t } = useTranslation();
  return (
    <KeyButton wide={wide} text={text} testKey="backspace" onPress={onPress}>
      <span aria-hidden="true">⌫ </span>
      {t('keyboard.backspace')}
    </KeyButton>
  );
}

/** Empties the field; every keyboard has it, with the same label and test handle. */
export function ClearKey({ onPress, wide, text }: EditKeyProps) {
  const { t } = useTranslation();
  return (
    <KeyButton wide={wide} text={text} testKey="clear" onPress={onPress}>
      {t('keyboard.clear')}
    </KeyButton>
  );
}
