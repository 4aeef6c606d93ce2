// The kiosk's service state for the welcome screen (core's serviceState: issuing and printing,
// from the same health probes as the clerk status): asked when the screen appears and every
// half minute while it shows, so a known outage is told before anyone types.
import { useEffect, useState } from 'react';
import type { CitizenServiceState } from '../../core/api/citizen-service-state';
import type { KioskBridge } from '../../core/api/kiosk-api';

const REFRESH_MS = 30_000;

export function useServiceState(bridge: KioskBridge): CitizenServiceState | null {
  const [state, setState] = useState<CitizenServiceState | null>(null);
  useEffect(() => {
    let active = true;
    const ask = async () => {
      const r = await bridge.serviceState({});
      if (active && r.ok) setState(r.value);
    };
    void ask();
    const timer = window.setInterval(() => void ask(), REFRESH_MS);
    return () => {
      active = false;
      window.clearInterval(timer);
    };
  }, [bridge]);
  // A lock's end is known: ask again right after it, so Start returns on time (a growing delay's
  // wait is seconds, shorter than the refresh).
  const lockedUntil = state?.lockedUntil;
  useEffect(() => {
    if (!lockedUntil) return undefined;
    const wait = Date.parse(lockedUntil) - Date.now() + 500;
    if (!(wait > 0 && wait < REFRESH_MS)) return undefined;
    const timer = window.setTimeout(() => {
      void bridge.serviceState({}).then((r) => {
        if (r.ok) setState(r.value);
      });
    }, wait);
    return () => window.clearTimeout(timer);
  }, [bridge, lockedUntil]);
  return state;
}
