// Strict Base45 (RFC 9285) as used by the HC1 transport (docs/dcc-notes.md §5). Own implementation because
// decoding must reject what lenient decoders accept: characters outside the 45-character
// alphabet (vector B1), a final group of one character, triplets > 65535 and pairs > 255.
// The space is an alphabet character: the text is never trimmed.
import { fail, ok, type Result } from '../result';

/** The 45 characters of base45, in value order (the QR code's alphanumeric mode). */
export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE45_ALPHABET.length; i++) VALUE[BASE45_ALPHABET.charCodeAt(i)] = i;

/**
 * Encodes bytes as base45 text (RFC 9285): two bytes become three characters, a last odd byte two.
 * @param bytes - any bytes (here: the zlib-compressed COSE_Sign1)
 * @returns base45 text; empty for no bytes
 */
export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += BASE45_ALPHABET[c]! + BASE45_ALPHABET[d]! + BASE45_ALPHABET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    out += BASE45_ALPHABET[n % 45]! + BASE45_ALPHABET[Math.floor(n / 45)]!;
  }
  return out;
}

/** Why `base45Decode` refused its input. */
export type Base45Error = 'BAD_CHARACTER' | 'BAD_LENGTH' | 'OVERFLOW';

/**
 * Decodes base45 text (RFC 9285).
 * @param text - base45 characters, without the `HC1:` prefix
 * @returns the bytes, or why the text is not base45
 * @throws never: a character outside the alphabet, a length of 3n+1 and a chunk above 0xffff
 *   (or a final pair above 0xff) fail as `BAD_CHARACTER`, `BAD_LENGTH` and `OVERFLOW`
 */
export function base45Decode(text: string): Result<Uint8Array, Base45Error> {
  if (text.length % 3 === 1) return fail('BAD_LENGTH');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    const cv = c < 128 ? VALUE[c]! : -1;
    const dv = d < 128 ? VALUE[d]! : -1;
    if (cv < 0 || dv < 0) return fail('BAD_CHARACTER');
    if (i + 2 < text.length) {
      const e = text.charCodeAt(i + 2);
      const ev = e < 128 ? VALUE[e]! : -1;
      if (ev < 0) return fail('BAD_CHARACTER');
      const n = cv + dv * 45 + ev * 2025;
      if (n > 0xffff) return fail('OVERFLOW');
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = cv + dv * 45;
      if (n > 0xff) return fail('OVERFLOW');
      out[o++] = n;
    }
  }
  return ok(out);
}
