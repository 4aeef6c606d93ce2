// The discreet way into clerk mode: five taps within three seconds, or one press held
// for three seconds, on the top-right corner; or Ctrl+Alt+K on a keyboard. Either only opens the
// PIN screen; the PIN (checked in core, with lock-out) is what unlocks.
import { useEffect, useRef } from 'react';
import type { PointerEvent as ReactPointerEvent } from 'react';

const TAPS = 5;
const WINDOW_MS = 3000;
const HOLD_MS = 3000;

export function useClerkGesture(onOpen: () => void) {
  const taps = useRef<number[]>([]);
  const hold = useRef<number | null>(null);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.altKey && (e.key === 'k' || e.key === 'K' || e.code === 'KeyK')) {
        e.preventDefault();
        openRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const cancelHold = () => {
    if (hold.current !== null) window.clearTimeout(hold.current);
    hold.current = null;
  };

  return {
    onPointerDown: (_e: ReactPointerEvent) => {
      const now = Date.now();
      taps.current = [...taps.current.filter((t) => now - t < WINDOW_MS), now];
      cancelHold();
      if (taps.current.length >= TAPS) {
        taps.current = [];
        openRef.current();
        return;
      }
      hold.current = window.setTimeout(() => {
        taps.current = [];
        openRef.current();
      }, HOLD_MS);
    },
    onPointerUp: cancelHold,
    onPointerLeave: cancelHold,
    onPointerCancel: cancelHold,
  };
}
