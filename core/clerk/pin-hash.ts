// Clerk PIN hashing (docs/configuration.md, "Clerk accounts"): the config file stores `scrypt:<salt>:<hash>` (both
// base64), never the PIN. scrypt (N=2^14, r=8, p=1, 32-byte key) with a per-account salt makes an
// offline guess of a short PIN from a stolen config costly. With a pepper (`clerk.pepperFile`, kept
// outside the data directory) scrypt runs over HMAC-SHA256(pepper, PIN): a copied config alone is not
// enough to guess PINs at all. Verification compares in constant time (timingSafeEqual).
// New entries: `npm run cli -- clerk add --id ID` (docs/configuration.md).
import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';

const KEY_LENGTH = 32;
const SALT_BYTES = 16;
const PARAMS = { N: 1 << 14, r: 8, p: 1 } as const;

/** A legacy single-PIN (`clerk.pinHash`): 4 to 12 digits. */
export const CLERK_PIN_PATTERN = /^\d{4,12}$/;
/** A clerk account's PIN: 6 to 12 digits. */
export const ACCOUNT_PIN_PATTERN = /^\d{6,12}$/;
export const PIN_HASH_PATTERN = /^scrypt:[A-Za-z0-9+/]{16,}={0,2}:[A-Za-z0-9+/]{43}=$/;

/** Demo mode only (no config file): the PIN is public, shown on the clerk screen and in the docs. */
export const DEMO_CLERK_PIN = '246810';
export const DEMO_CLERK_PIN_HASH = 'scrypt:ZGVtby1raW9zay1waW4tc2FsdA==:+JbHH0JvFuBQRHAGvNAT+sZzd4qiE97SFeVt6jF91Po=';

const scrypt = (secret: string | Buffer, salt: Buffer): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scryptCb(secret, salt, KEY_LENGTH, PARAMS, (e, key) => (e ? reject(e) : resolve(key))),
  );

/** What scrypt hashes: the PIN, or with a pepper the HMAC of the PIN under it. */
const secretOf = (pin: string, pepper?: Buffer): string | Buffer => {
  const normal = pin.normalize('NFKC');
  return pepper ? createHmac('sha256', pepper).update(normal).digest() : normal;
};

export async function hashPin(pin: string, salt: Buffer = randomBytes(SALT_BYTES), pepper?: Buffer): Promise<string> {
  const key = await scrypt(secretOf(pin, pepper), salt);
  return `scrypt:${salt.toString('base64')}:${key.toString('base64')}`;
}

/** false for a wrong PIN, a wrong (or missing) pepper and a malformed stored hash. */
export async function verifyPin(pin: string, stored: string, pepper?: Buffer): Promise<boolean> {
  if (!PIN_HASH_PATTERN.test(stored)) return false;
  const [, saltB64, hashB64] = stored.split(':');
  const expected = Buffer.from(hashB64!, 'base64');
  const actual = await scrypt(secretOf(pin, pepper), Buffer.from(saltB64!, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
