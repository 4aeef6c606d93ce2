// The one map of IPC channels between the preload (electron/preload/preload.ts) and the main
// process (electron/main/ipc-handlers.ts): channel `kiosk:<method>` → argument and result type of
// that KioskApi method. Types are derived from core/api (kiosk-api-contract.ts, kiosk-api.ts), and
// the runtime list of methods is checked against the contract at compile time, so a method added
// to KioskApi without a channel (or a channel without a method) does not type-check.
//
// Only `import type` from core: the sandboxed preload bundles this file, and it must not pull zod
// (or anything else) into the renderer process.
import type { KioskInput, KioskMethod } from '../core/api/kiosk-api-contract';
import type { KioskResult } from '../core/api/kiosk-api';

/** Every KioskApi method, in the contract's order. */
export const IPC_METHODS = [
  'getInfo',
  'validateId',
  'issue',
  'print',
  'endSession',
  'sessionState',
  'serviceState',
  'clerkUnlock',
  'clerkStatus',
  'clerkTouch',
  'clerkReissue',
  'clerkLock',
] as const satisfies readonly KioskMethod[];

type Listed = (typeof IPC_METHODS)[number];
/** Compile-time proof that IPC_METHODS names every method of the contract (and nothing else). */
type Exhaustive = [Exclude<KioskMethod, Listed>] extends [never]
  ? [Exclude<Listed, KioskMethod>] extends [never]
    ? true
    : never
  : never;
export const ipcMethodsAreExhaustive: Exhaustive = true;

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
  return (IPC_METHODS as readonly string[]).includes(name) ? (name as KioskMethod) : null;
}

/** What `window.kiosk` is: one function per method, input object in, Result value out. */
export type KioskBridge = {
  readonly [M in KioskMethod]: (input: KioskInput<M>) => Promise<KioskResult<M>>;
};
