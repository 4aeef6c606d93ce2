// Inactivity timeout with warning (WCAG 2.2.1 Timing Adjustable): after
// `timeoutSeconds` without a touch or key press a dialog counts down `warningSeconds` and offers
// "More time"; when it reaches zero `onExpire` wipes the session. During the warning only the
// explicit button extends (a stray touch next to the dialog does not silently keep data on screen).
import { useCallback, useEffect, useRef, useState } from 'react';

export interface IdleOptions {
  readonly enabled: boolean;
  readonly timeoutSeconds: number;
  readonly warningSeconds: number;
  readonly onExpire: () => void;
}

export interface IdleState {
  /** Seconds left in the warning, or null while no warning is shown. */
  readonly warningRemaining: number | null;
  readonly extend: () => void;
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
const TICK_MS = 250;

export function useIdle({ enabled, timeoutSeconds, warningSeconds, onExpire }: IdleOptions): IdleState {
  const lastActivity = useRef(Date.now());
  const warningShown = useRef(false);
  const expireRef = useRef(onExpire);
  expireRef.current = onExpire;
  const [warningRemaining, setWarningRemaining] = useState<number | null>(null);

  const extend = useCallback(() => {
    lastActivity.current = Date.now();
    warningShown.current = false;
    setWarningRemaining(null);
  }, []);

  useEffect(() => {
    if (!enabled) {
      warningShown.current = false;
      setWarningRemaining(null);
      return;
    }
    lastActivity.current = Date.now();
    const onActivity = () => {
      if (!warningShown.current) lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const idleMs = Date.now() - lastActivity.current;
      const warnAt = timeoutSeconds * 1000;
      const expireAt = warnAt + warningSeconds * 1000;
      if (idleMs >= expireAt) {
        warningShown.current = false;
        setWarningRemaining(null);
        expireRef.current();
      } else if (idleMs >= warnAt) {
        warningShown.current = true;
        setWarningRemaining(Math.ceil((expireAt - idleMs) / 1000));
      }
    }, TICK_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [enabled, timeoutSeconds, warningSeconds]);

  return { warningRemaining, extend };
}
