// What a citizen may know of the kiosk's health, before typing anything: whether issuing works at
// all, and whether printing does. Derived from the same health probes as the clerk status
// (record source, signer, registry, printers) but without codes, names or counts, so the method
// that returns it needs no clerk PIN. "limited": certificates can be issued but not printed;
// "out": no certificate can be issued now. `lockedUntil`: the kiosk-wide attempt limit refuses every
// citizen until then (level "out"; the welcome screen says the device is locked, ask staff, or for
// a growing delay's short wait, lockIsDelay, to wait until then).
import type { ServiceStatus } from './kiosk-api';

export type ServiceLevel = 'ok' | 'limited' | 'out';
export type PrintingState = 'ready' | 'unavailable' | 'none';

export interface CitizenServiceState {
  readonly level: ServiceLevel;
  /** 'none' when no printer is configured (the kiosk never offered printing). */
  readonly printing: PrintingState;
  /** ISO 8601: the kiosk's attempt limit (docs/configuration.md, "Attempt limits") lifts then. */
  readonly lockedUntil?: string;
  /** The limit is a growing delay's short wait: "please wait until", not "ask staff". */
  readonly lockIsDelay?: true;
}

export function citizenServiceState(status: ServiceStatus): CitizenServiceState {
  const issuing = [status.recordSource.state, status.signer.state, status.registry.state].every((s) => s !== 'down');
  const printing: PrintingState =
    status.printers.length === 0 ? 'none' : status.printers.some((p) => p.state === 'ok') ? 'ready' : 'unavailable';
  const locked = status.kioskLock !== undefined;
  const level: ServiceLevel = !issuing || locked ? 'out' : printing === 'unavailable' ? 'limited' : 'ok';
  if (!status.kioskLock) return { level, printing };
  const lockedUntil = status.kioskLock.until;
  return status.kioskLock.delay
    ? { level, printing, lockedUntil, lockIsDelay: true }
    : { level, printing, lockedUntil };
}
