// Transport layer of the HC1 pipeline (docs/dcc-notes.md §5): zlib (RFC 1950, level 9) → base45 → "HC1:".
// Decoding runs on untrusted QR content, so input size and inflated size are capped (a zip bomb
// must fail fast) and every failure is a typed reason, never an exception.
import { deflateSync, inflateSync } from 'node:zlib';
import { fail, ok, type Result } from '../result';
import { base45Decode, base45Encode, type Base45Error } from './base45';

/** The context identifier of an EU DCC in a QR code (docs/dcc-notes.md §5). */
export const HC1_PREFIX = 'HC1:';
/** Larger QR content than this is refused before any decoding (a recovery HC1 is ~500 chars). */
export const MAX_HC1_LENGTH = 10 * 1024;
/** Inflated COSE larger than this is refused (real DCCs are < 2 KB). */
export const MAX_INFLATED_BYTES = 64 * 1024;

/** Output chunk of `compress`: room for any recovery certificate in one chunk. */
const COMPRESS_CHUNK_BYTES = 1024;

/**
 * zlib-compresses (RFC 1950, level 9) as the HC1 transport requires.
 * @param cose - the COSE_Sign1 bytes
 * @returns the zlib stream (header `78 da`)
 */
export function compress(cose: Uint8Array): Uint8Array {
  // A 1 KB output chunk instead of the default 16 KB: a recovery COSE compresses to ~330 bytes, and
  // allocating the big chunk was a sixth of the call (docs/performance.md). Larger output still
  // works (zlib fills further chunks); the bytes are the same either way.
  return new Uint8Array(deflateSync(cose, { level: 9, chunkSize: COMPRESS_CHUNK_BYTES }));
}

/**
 * COSE bytes → the text of the QR code: zlib, base45 and the `HC1:` prefix.
 * @param cose - the signed COSE_Sign1 bytes
 * @returns the HC1 string
 */
export function toHc1(cose: Uint8Array): string {
  return HC1_PREFIX + base45Encode(compress(cose));
}

/** The transport step that refused an HC1 string (`fromHc1`). */
export type TransportError = 'TOO_LARGE' | 'PREFIX' | Base45Error | 'COMPRESSION';

/**
 * Strips the `HC1:` context identifier.
 * @param hc1 - the QR code's text
 * @returns the base45 text after the prefix
 * @throws never: any other prefix (`HC2:`, `HL0:`, lower case `hc1:`) fails as `PREFIX`
 */
export function unprefix(hc1: string): Result<string, 'PREFIX'> {
  return hc1.startsWith(HC1_PREFIX) ? ok(hc1.slice(HC1_PREFIX.length)) : fail('PREFIX');
}

/**
 * zlib-inflates with an output cap.
 * @param compressed - a zlib stream (RFC 1950)
 * @param maxOutput - the most bytes inflation may produce; default `MAX_INFLATED_BYTES`
 * @returns the inflated bytes
 * @throws never: raw deflate, gzip and uncompressed data fail as `COMPRESSION` (vector Z2), output
 *   beyond `maxOutput` as `TOO_LARGE`
 */
export function inflate(
  compressed: Uint8Array,
  maxOutput: number = MAX_INFLATED_BYTES,
): Result<Uint8Array, 'COMPRESSION' | 'TOO_LARGE'> {
  try {
    return ok(new Uint8Array(inflateSync(compressed, { maxOutputLength: maxOutput })));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return fail(code === 'ERR_BUFFER_TOO_LARGE' ? 'TOO_LARGE' : 'COMPRESSION');
  }
}

/**
 * HC1 string → COSE bytes: prefix, base45, inflate.
 * @param hc1 - untrusted QR content
 * @returns the COSE_Sign1 bytes, or the step that refused them
 * @throws never: a non-string or text over `MAX_HC1_LENGTH` fails as `TOO_LARGE` before any decoding
 */
export function fromHc1(hc1: string): Result<Uint8Array, TransportError> {
  if (typeof hc1 !== 'string' || hc1.length > MAX_HC1_LENGTH) return fail('TOO_LARGE');
  const text = unprefix(hc1);
  if (!text.ok) return text;
  const compressed = base45Decode(text.value);
  if (!compressed.ok) return compressed;
  return inflate(compressed.value);
}
