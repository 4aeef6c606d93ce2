// UVCI (`ci`) generation and Luhn mod N check character (docs/dcc-notes.md §6). The kiosk emits the standard
// shape `URN:UVCI:01:DE:<ISSUER>/<OPAQUE>#<C>`; the opaque part comes from a CSPRNG so that an
// identifier is never reused. Verifiers do not check the character; we emit it anyway (QA rule).
import { randomBytes as cryptoRandomBytes } from 'node:crypto';

/** Luhn mod N code points: A=0 … Z=25, 0=26 … 9=35, '/'=36, ':'=37 (`#` is not in the set). */
const CODE_POINTS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:';
const N = CODE_POINTS.length;

/** The longest UVCI the DCC schema allows (`ci`). */
export const UVCI_MAX_LENGTH = 80;
/** Random base36 characters in the opaque part of a new UVCI. */
export const UVCI_OPAQUE_LENGTH = 24;
const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function luhnSum(input: string, firstFactor: 1 | 2): number | undefined {
  let factor = firstFactor;
  let sum = 0;
  for (let i = input.length - 1; i >= 0; i--) {
    const cp = CODE_POINTS.indexOf(input[i]!);
    if (cp === -1) return undefined;
    const addend = factor * cp;
    sum += Math.floor(addend / N) + (addend % N);
    factor = factor === 2 ? 1 : 2;
  }
  return sum;
}

/**
 * Check character for a UVCI body (the whole identifier including `URN:UVCI:`, without `#`).
 * Lower case is folded to upper case; throws RangeError for characters outside the code-point set
 * (a programming error: bodies are built from validated parts).
 */
export function uvciCheckCharacter(body: string): string {
  const sum = luhnSum(body.toUpperCase(), 2);
  if (sum === undefined) throw new RangeError('UVCI body contains a character outside A-Z 0-9 / :');
  return CODE_POINTS[(N - (sum % N)) % N]!;
}

/** true iff `uvci` is `<body>#<c>` and the Luhn mod N walk over body+c sums to 0 mod 38. */
export function isUvciChecksumValid(uvci: string): boolean {
  const upper = uvci.toUpperCase();
  const hash = upper.lastIndexOf('#');
  if (hash === -1 || hash !== upper.length - 2 || upper.indexOf('#') !== hash) return false;
  const sum = luhnSum(upper.slice(0, hash) + upper.slice(hash + 1), 1);
  return sum !== undefined && sum % N === 0;
}

/** Structure check: `URN:UVCI:01:DE:` + 1–3 `/`-separated `[A-Z0-9]+` segments, optional `#C`, ≤ 80. */
export function isWellFormedUvci(uvci: string): boolean {
  return (
    uvci.length <= UVCI_MAX_LENGTH && /^URN:UVCI:01:[A-Z]{2}:[A-Z0-9]+(?:\/[A-Z0-9]+){0,2}(?:#[A-Z0-9/:])?$/.test(uvci)
  );
}

/** Unbiased base36 characters from a CSPRNG (rejection sampling: bytes ≥ 252 are redrawn). */
function opaquePart(length: number, random: (n: number) => Uint8Array): string {
  let out = '';
  while (out.length < length) {
    for (const b of random(length)) {
      if (b < 252 && out.length < length) out += BASE36[b % 36];
    }
  }
  return out;
}

/**
 * A new UVCI `URN:UVCI:01:DE:<PREFIX>/<24 base36 chars>#<check>`. The prefix names the issuing
 * kiosk/office, `[A-Z0-9]+`. Throws RangeError for an invalid or too long prefix (configuration
 * is validated at start-up, so this is a programming error). `randomBytes` is injectable for tests.
 */
export function newUvci(
  issuerPrefix: string,
  randomBytes: (n: number) => Uint8Array = (n) => new Uint8Array(cryptoRandomBytes(n)),
): string {
  if (!/^[A-Z0-9]+$/.test(issuerPrefix)) throw new RangeError('UVCI issuer prefix must match [A-Z0-9]+');
  const body = `URN:UVCI:01:DE:${issuerPrefix}/${opaquePart(UVCI_OPAQUE_LENGTH, randomBytes)}`;
  if (body.length + 2 > UVCI_MAX_LENGTH) throw new RangeError('UVCI issuer prefix too long');
  return `${body}#${uvciCheckCharacter(body)}`;
}
