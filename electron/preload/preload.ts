// Preload of the kiosk window (Electron security checklist items 3, 4, 20: context isolation,
// sandbox, expose no Electron API to web content). It exposes `window.kiosk` — one named function
// per KioskApi method, generated from the channel list — and nothing else: never `ipcRenderer`,
// never a generic `invoke(channel, …)` the page could aim at other channels. Each function passes
// exactly one argument (the input object) and always resolves to a Result value, also when the
// IPC call itself fails, so the renderer never has to handle a rejection.
//
// Bundled as CommonJS (electron/vite.preload.config.ts): a sandboxed preload can `require` only
// 'electron' and a few built-ins, so everything else is inlined at build time.
import { contextBridge, ipcRenderer } from 'electron';
import type { KioskBridge } from '../../core/api/kiosk-api';
import { KIOSK_METHODS } from '../../core/api/kiosk-methods';
import { channelFor } from '../ipc-channels';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

const TRANSPORT_FAILED = Object.freeze({ ok: false, error: Object.freeze({ code: 'INTERNAL' }) });

/** One frozen function per method; each forwards its single argument to its own channel. */
export function buildKioskBridge(invoke: Invoke): KioskBridge {
  const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of KIOSK_METHODS) {
    const channel = channelFor(method);
    bridge[method] = (input: unknown) => invoke(channel, input ?? {}).catch(() => TRANSPORT_FAILED);
  }
  return Object.freeze(bridge) as unknown as KioskBridge;
}

contextBridge.exposeInMainWorld(
  'kiosk',
  buildKioskBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
