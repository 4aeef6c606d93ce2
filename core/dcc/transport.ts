// Transport layer of the HC1 pipeline (docs/dcc-notes.md §5): zlib (RFC 1950, level 9) → base45 → "HC1:".
// Decoding runs on untrusted QR content, so input size and inflated size are capped (a zip bomb
// must fail fast) and every failure is a typed reason, never an exception.
import { deflateSync, inflateSync } from 'node:zlib';
import { base45Decode, base45Encode, type Base45Error } from './base45';

export const HC1_PREFIX = 'HC1:';
/** Larger QR content than this is refused before any decoding (a recovery HC1 is ~500 chars). */
export const MAX_HC1_LENGTH = 10 * 1024;
/** Inflated COSE larger than this is refused (real DCCs are < 2 KB). */
export const MAX_INFLATED_BYTES = 64 * 1024;

export function compress(cose: Uint8Array): Uint8Array {
  return new Uint8Array(deflateSync(cose, { level: 9 }));
}

export function toHc1(cose: Uint8Array): string {
  return HC1_PREFIX + base45Encode(compress(cose));
}

export type TransportError = 'TOO_LARGE' | 'PREFIX' | Base45Error | 'COMPRESSION';

/** Strips the `HC1:` context identifier (exact, upper case). Other prefixes (HC2:, HL0:) fail. */
export function unprefix(hc1: string): { ok: true; value: string } | { ok: false; reason: 'PREFIX' } {
  return hc1.startsWith(HC1_PREFIX)
    ? { ok: true, value: hc1.slice(HC1_PREFIX.length) }
    : { ok: false, reason: 'PREFIX' };
}

/** zlib-inflates with an output cap. Raw deflate, gzip and uncompressed data fail (vector Z2). */
export function inflate(
  compressed: Uint8Array,
  maxOutput: number = MAX_INFLATED_BYTES,
): { ok: true; value: Uint8Array } | { ok: false; reason: 'COMPRESSION' | 'TOO_LARGE' } {
  try {
    return { ok: true, value: new Uint8Array(inflateSync(compressed, { maxOutputLength: maxOutput })) };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return { ok: false, reason: code === 'ERR_BUFFER_TOO_LARGE' ? 'TOO_LARGE' : 'COMPRESSION' };
  }
}

/** HC1 string → COSE bytes (prefix, base45, inflate), with the step that failed. */
export function fromHc1(hc1: string): { ok: true; value: Uint8Array } | { ok: false; reason: TransportError } {
  if (typeof hc1 !== 'string' || hc1.length > MAX_HC1_LENGTH) return { ok: false, reason: 'TOO_LARGE' };
  const text = unprefix(hc1);
  if (!text.ok) return text;
  const compressed = base45Decode(text.value);
  if (!compressed.ok) return compressed;
  return inflate(compressed.value);
}
