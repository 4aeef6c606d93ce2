// The one map of IPC channels between the preload (electron/preload/preload.ts) and the main
// process (electron/main/ipc-handlers.ts): channel `kiosk:<method>` → argument and result type of
// that KioskApi method. Channels, argument and result types all derive from core/api's method list
// (kiosk-methods.ts) and types (kiosk-api-contract.ts, kiosk-api.ts): no method is named here.
//
// From core only the method list (a module without imports) and types: the sandboxed preload bundles
// this file, and it must not pull zod (or anything else) into the renderer process.
import { isKioskMethod, type KioskMethod } from '../core/api/kiosk-methods';
import type { KioskInput } from '../core/api/kiosk-api-contract';
import type { KioskResult } from '../core/api/kiosk-api';

export const CHANNEL_PREFIX = 'kiosk:';
export type KioskChannel = `${typeof CHANNEL_PREFIX}${KioskMethod}`;

/** Channel name → what crosses it. The renderer sends `args`, the main process answers `result`. */
export type KioskChannelMap = {
  readonly [M in KioskMethod as `${typeof CHANNEL_PREFIX}${M}`]: {
    readonly method: M;
    readonly args: KioskInput<M>;
    readonly result: KioskResult<M>;
  };
};

export const channelFor = <M extends KioskMethod>(method: M): `${typeof CHANNEL_PREFIX}${M}` =>
  `${CHANNEL_PREFIX}${method}`;

/** The method behind a channel name, or null for anything that is not one of ours. */
export function methodForChannel(channel: string): KioskMethod | null {
  if (!channel.startsWith(CHANNEL_PREFIX)) return null;
  const name = channel.slice(CHANNEL_PREFIX.length);
  return isKioskMethod(name) ? name : null;
}
