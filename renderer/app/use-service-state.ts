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
  return state;
}
