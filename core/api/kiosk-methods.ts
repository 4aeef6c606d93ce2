// The one list of KioskApi methods. Everything that names a method derives from it: the contract's
// schemas (kiosk-api-contract.ts must have exactly these keys), the IPC channels and the preload
// (electron/ipc-channels.ts), the HTTP bridge (server/web-server.ts and renderer/kiosk-bridge.ts)
// and the test tables. Adding a method is this line, its schema in the contract, its signature in
// kiosk-api.ts and its handler in create-kiosk-api.ts; the compiler asks for each of them.
//
// No imports on purpose: the sandboxed preload and the renderer bundle this list as a value
// (eslint.config.js lets the renderer import it; docs/architecture.md).

/** Every KioskApi method, in the order the API documents them. */
export const KIOSK_METHODS = [
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
  'clerkLiftKioskLock',
  'clerkLock',
] as const;

export type KioskMethod = (typeof KIOSK_METHODS)[number];

/** Whether an untrusted name (an IPC channel's suffix, an HTTP path) is one of the methods. */
export const isKioskMethod = (name: unknown): name is KioskMethod =>
  typeof name === 'string' && (KIOSK_METHODS as readonly string[]).includes(name);
