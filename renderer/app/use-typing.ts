// Physical keyboards and hand scanners (which type like a keyboard and end with Enter) work on
// every input screen even while focus sits on the heading or on an on-screen key: key
// presses outside a text field are routed to the screen's field. Inside a real <input> the
// browser handles typing itself.
// The listener is attached in a layout effect, i.e. in the same task as the screen's DOM: a
// screen that appears after an answer from core (ID checked, then the name screen) would
// otherwise be on view for a moment without it, and keys typed right away were lost
// (tests/e2e/typing-at-screen-change.test.ts).
import { useLayoutEffect, useRef } from 'react';

export interface TypingHandlers {
  readonly onChar: (ch: string) => void;
  readonly onBackspace: () => void;
  readonly onEnter: () => void;
}

const isTextField = (el: EventTarget | null): boolean =>
  el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;

export function useTyping(handlers: TypingHandlers, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useLayoutEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || isTextField(e.target)) return;
      // A dialog (idle warning) is open: keys belong to it.
      if (document.querySelector('dialog[open]')) return;
      if (e.key === 'Enter') {
        if (e.target instanceof HTMLButtonElement) return; // Enter activates the focused button
        e.preventDefault();
        ref.current.onEnter();
      } else if (e.key === 'Backspace') {
        e.preventDefault();
        ref.current.onBackspace();
      } else if (e.key.length === 1 && e.key !== ' ') {
        e.preventDefault();
        ref.current.onChar(e.key);
      } else if (e.key === ' ' && !(e.target instanceof HTMLButtonElement)) {
        e.preventDefault();
        ref.current.onChar(' ');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
