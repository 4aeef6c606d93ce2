// The renderer's only door to the kiosk: a typed `window.kiosk` with one function per
// KioskApi method, same names and signatures as core/api/kiosk-api.ts. Under Electron the preload
// (electron/preload) provides it over IPC; in a plain browser this module installs an HTTP
// implementation that POSTs to the loopback server in server/web-server.ts. The UI never learns
// which carrier is used, and imports only TYPES from core (no core code runs in the renderer).
import type { KioskBridge } from '../core/api/kiosk-api';
import { KIOSK_METHODS, type KioskMethod } from '../core/api/kiosk-methods';
import type { Result } from '../core/result';

declare global {
  interface Window {
    kiosk: KioskBridge;
  }
}

const failure = { ok: false, error: { code: 'INTERNAL' } } as const;

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** POST /api/<method> with the input as JSON; any transport failure becomes INTERNAL, never a throw. */
async function callOverHttp(method: KioskMethod, input: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`./api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input ?? {}),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    const body: unknown = await response.json();
    return isResult(body) ? body : failure;
  } catch {
    return failure;
  }
}

/** One function per method of core's list, each POSTing to its own path (like the preload's channels). */
export function createHttpBridge(): KioskBridge {
  const bridge = Object.fromEntries(
    KIOSK_METHODS.map((method) => [method, (input: unknown) => callOverHttp(method, input)]),
  );
  return bridge as unknown as KioskBridge;
}

/** The bridge the UI uses: the preload's when present, else the HTTP one (installed once). */
export function kioskBridge(): KioskBridge {
  if (!window.kiosk) {
    Object.defineProperty(window, 'kiosk', { value: Object.freeze(createHttpBridge()), writable: false });
  }
  return window.kiosk;
}
