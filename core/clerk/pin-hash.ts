// Clerk PIN hashing (docs/configuration.md, "Clerk PIN"): the config file stores `scrypt:<salt>:<hash>` (both
// base64), never the PIN. scrypt (N=2^14, r=8, p=1, 32-byte key) makes an offline guess of a
// short PIN from a stolen config costly; verification compares in constant time.
// Hash a new PIN with `npx tsx core/clerk/hash-pin-cli.ts` (docs/configuration.md).
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const PARAMS = { N: 1 << 14, r: 8, p: 1 } as const;

/** A clerk PIN: 4 to 12 digits. */
export const CLERK_PIN_PATTERN = /^\d{4,12}$/;
export const PIN_HASH_PATTERN = /^scrypt:[A-Za-z0-9+/]{16,}={0,2}:[A-Za-z0-9+/]{43}=$/;

/** Demo mode only (no config file): the PIN is public, shown on the clerk screen and in the docs. */
export const DEMO_CLERK_PIN = '246810';
export const DEMO_CLERK_PIN_HASH = 'scrypt:ZGVtby1raW9zay1waW4tc2FsdA==:+JbHH0JvFuBQRHAGvNAT+sZzd4qiE97SFeVt6jF91Po=';

const scrypt = (pin: string, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCb(pin.normalize('NFKC'), salt, KEY_LENGTH, PARAMS, (e, key) => (e ? reject(e) : resolve(key))),
  );

export async function hashPin(pin: string, salt: Buffer = randomBytes(SALT_BYTES)): Promise<string> {
  const key = await scrypt(pin, salt);
  return `scrypt:${salt.toString('base64')}:${key.toString('base64')}`;
}

/** false for a wrong PIN and for a malformed stored hash. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  if (!PIN_HASH_PATTERN.test(stored)) return false;
  const [, saltB64, hashB64] = stored.split(':');
  const expected = Buffer.from(hashB64!, 'base64');
  const actual = await scrypt(pin, Buffer.from(saltB64!, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
