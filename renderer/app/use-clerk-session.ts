// The clerk session as the clerk bar shows it (docs/configuration.md, "Clerk session"): how many
// seconds are left, counted down locally from core's answer. Any keypress or tap while a clerk is
// signed in tells core the clerk is still working (clerkTouch, at most every TOUCH_EVERY_MS), and
// core answers the new remaining time. When it runs out — or core no longer knows the token — the
// session is `expired`: KioskFlow asks for the PIN again and keeps the entries.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { KioskBridge } from '../../core/api/kiosk-api';

/** At most one clerkTouch per this many milliseconds, however fast the clerk types. */
const TOUCH_EVERY_MS = 15_000;
/** The clerk bar warns in the session's last minute. */
export const CLERK_WARNING_SECONDS = 60;

export interface ClerkSessionView {
  /** When the session ends (Date.now() scale), or null while unknown (no clerk, or no answer yet). */
  readonly endsAt: number | null;
  readonly expired: boolean;
}

/** What the UI knows of one token's session; a renewed token starts from nothing. */
interface Known {
  readonly token: string;
  readonly endsAt: number | null;
  readonly expired: boolean;
}

export function useClerkSession(bridge: KioskBridge, token: string | null): ClerkSessionView {
  const [known, setKnown] = useState<Known | null>(null);
  // Only facts about the live token count (a timer or answer about the old one must not end the new).
  const mine = token !== null && known?.token === token ? known : null;
  const endsAt = mine?.endsAt ?? null;
  const expired = mine?.expired ?? false;
  const lastTouch = useRef(0);
  const current = useRef(token);
  current.current = token;
  const expiredRef = useRef(expired);
  expiredRef.current = expired;

  const touch = useCallback(
    async (force: boolean) => {
      if (!token || (!force && (expiredRef.current || Date.now() - lastTouch.current < TOUCH_EVERY_MS))) return;
      lastTouch.current = Date.now();
      const r = await bridge.clerkTouch({ token });
      if (current.current !== token) return;
      if (r.ok) setKnown({ token, endsAt: Date.now() + r.value.expiresInSeconds * 1000, expired: false });
      else if (r.error.code === 'CLERK_NOT_AUTHORISED')
        setKnown((k) => ({ token, endsAt: k?.token === token ? k.endsAt : null, expired: true }));
    },
    [bridge, token],
  );

  // A new token (unlock, or the PIN asked again): its time asked at once.
  useEffect(() => {
    lastTouch.current = 0;
    if (token) void touch(true);
  }, [token, touch]);

  useEffect(() => {
    if (!token) return;
    const onActivity = () => void touch(false);
    window.addEventListener('keydown', onActivity, true);
    window.addEventListener('pointerdown', onActivity, true);
    return () => {
      window.removeEventListener('keydown', onActivity, true);
      window.removeEventListener('pointerdown', onActivity, true);
    };
  }, [token, touch]);

  useEffect(() => {
    if (!token || endsAt === null) return;
    const end = () => setKnown((k) => (k?.token === token ? { ...k, expired: true } : k));
    const timer = window.setTimeout(end, Math.max(0, endsAt - Date.now()));
    return () => window.clearTimeout(timer);
  }, [token, endsAt]);
  return { endsAt, expired };
}

/** Whole seconds until `endsAt`, ticking once a second (only the clerk bar re-renders). */
export function useSecondsLeft(endsAt: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (endsAt === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [endsAt]);
  return endsAt === null ? null : Math.max(0, Math.ceil((endsAt - now) / 1000));
}
