// COSE_Sign1 (RFC 8152 / docs/dcc-notes.md §4): signing with protected {1: alg, 4: kid}, empty unprotected
// header, tag 18; the Sig_structure ["Signature1", protected bstr, h'', payload]; parsing of
// received messages that accepts tag 18, untagged and 61(18(...)) (vectors ES/1502, CO28) and
// takes the kid from the protected header when present there (CO18–CO23). Verifiers must hash the
// protected bytes exactly as received, so the parser keeps them.
import { Tag } from 'cbor-x';
import { fail, ok, type Result } from '../result';
import { decodeCborMaps, encodeCbor } from './cbor';
import { SignerFailure } from './signer/signer-failure';
import type { Signer } from './types';

/** CBOR tag of a COSE_Sign1 message (RFC 8152 §4.2). */
export const COSE_SIGN1_TAG = 18;
/** CBOR tag of a CWT (RFC 8392); some issuers wrap the COSE_Sign1 in it. */
export const CWT_TAG = 61;
/** COSE header label of the signature algorithm. */
export const HEADER_ALG = 1;
/** COSE header label of the key identifier (the DSC's kid, docs/dcc-notes.md §4). */
export const HEADER_KID = 4;
/** COSE algorithm id of ECDSA P-256 with SHA-256. */
export const ALG_ES256 = -7;
/** COSE algorithm id of RSASSA-PSS with SHA-256. */
export const ALG_PS256 = -37;
/** An ES256 signature in COSE is raw r‖s, 32 bytes each (RFC 8152 §8.1), never DER. */
export const ES256_SIGNATURE_BYTES = 64;

/**
 * The COSE algorithm id of a signer's algorithm.
 * @param alg - `ES256` or `PS256`, the two algorithms the DCC allows
 * @returns `ALG_ES256` (-7) or `ALG_PS256` (-37)
 */
export const algorithmId = (alg: 'ES256' | 'PS256'): number => (alg === 'ES256' ? ALG_ES256 : ALG_PS256);

/**
 * The bytes a COSE_Sign1 signature covers: `["Signature1", protected, h'', payload]` in CBOR.
 * @param protectedBytes - the protected header exactly as encoded (a verifier uses the received bytes)
 * @param payload - the CWT claims bytes
 * @returns the CBOR-encoded Sig_structure
 */
export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

/**
 * Signs CWT claims as a COSE_Sign1 message: protected `{1: alg, 4: kid}`, empty unprotected header, tag 18.
 * @param payload - the CWT claims bytes (`encodeCwtClaims`)
 * @param signer - signs the Sig_structure; its `kid` goes into the protected header
 * @returns the tagged COSE_Sign1 bytes (start `d2 84`)
 * @throws whatever `signer.sign` throws (a `SignerFailure` for a signer that cannot sign), and a
 *   `SignerFailure` (SIGNER_UNAVAILABLE, `signature_format`) for an ES256 signature that is not raw r‖s
 */
export async function signCoseSign1(payload: Uint8Array, signer: Signer): Promise<Uint8Array> {
  const protectedBytes = encodeCbor(
    new Map<number, unknown>([
      [HEADER_ALG, algorithmId(signer.algorithm)],
      [HEADER_KID, signer.kid],
    ]),
  );
  const signature = await signer.sign(sigStructure(protectedBytes, payload));
  // A signer returning DER (or anything but raw r‖s) would produce certificates no verifier accepts.
  if (signer.algorithm === 'ES256' && signature.length !== ES256_SIGNATURE_BYTES) {
    throw new SignerFailure('SIGNER_UNAVAILABLE', 'signature_format');
  }
  return encodeCbor(new Tag([protectedBytes, new Map(), payload, signature], COSE_SIGN1_TAG));
}

/** A parsed COSE_Sign1 message, with the protected header bytes kept for verification. */
export interface CoseSign1 {
  /** Tags found around the array, outermost first ([] untagged, [18], [61, 18]). */
  readonly tags: readonly number[];
  readonly protectedBytes: Uint8Array;
  readonly protectedHeader: ReadonlyMap<unknown, unknown>;
  readonly unprotectedHeader: ReadonlyMap<unknown, unknown>;
  /** COSE alg from the protected header (unprotected as fallback); undefined if absent. */
  readonly alg?: number;
  /** kid: protected wins over unprotected; undefined if in neither or not a bstr. */
  readonly kid?: Uint8Array;
  readonly kidLocation?: 'protected' | 'unprotected';
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
const copy = (b: Uint8Array): Uint8Array => new Uint8Array(b);

/**
 * Parses COSE_Sign1 bytes: tag 18, untagged, or 61(18(…)); the kid from the protected header when
 * present there, else from the unprotected one.
 * @param bytes - the inflated COSE bytes (untrusted)
 * @returns the message, its byte fields copied
 * @throws never: bytes that are not CBOR fail as `CBOR`; other tags, an array that is not
 *   `[bstr, map, bstr, bstr]` or a protected header that is not a map fail as `COSE`
 */
export function parseCoseSign1(bytes: Uint8Array): Result<CoseSign1, 'CBOR' | 'COSE'> {
  let node: unknown;
  try {
    node = decodeCborMaps(bytes);
  } catch {
    return fail('CBOR');
  }
  const tags: number[] = [];
  while (node instanceof Tag && tags.length < 2) {
    tags.push(node.tag);
    node = node.value;
  }
  const tagsOk =
    tags.length === 0 ||
    (tags.length === 1 && tags[0] === COSE_SIGN1_TAG) ||
    (tags.length === 2 && tags[0] === CWT_TAG && tags[1] === COSE_SIGN1_TAG);
  if (!tagsOk || !Array.isArray(node) || node.length !== 4) return fail('COSE');
  const [protectedBytes, unprotected, payload, signature] = node as unknown[];
  if (!isBytes(protectedBytes) || !(unprotected instanceof Map) || !isBytes(payload) || !isBytes(signature)) {
    return fail('COSE');
  }
  let protectedHeader: unknown = new Map();
  if (protectedBytes.length > 0) {
    try {
      protectedHeader = decodeCborMaps(protectedBytes);
    } catch {
      return fail('COSE');
    }
  }
  if (!(protectedHeader instanceof Map)) return fail('COSE');
  const algValue = protectedHeader.has(HEADER_ALG) ? protectedHeader.get(HEADER_ALG) : unprotected.get(HEADER_ALG);
  const pKid = protectedHeader.get(HEADER_KID);
  const uKid = unprotected.get(HEADER_KID);
  const kidLocation = protectedHeader.has(HEADER_KID)
    ? 'protected'
    : unprotected.has(HEADER_KID)
      ? 'unprotected'
      : undefined;
  const kid = kidLocation === 'protected' ? pKid : uKid;
  return ok({
    tags,
    protectedBytes: copy(protectedBytes),
    protectedHeader,
    unprotectedHeader: unprotected,
    alg: typeof algValue === 'number' ? algValue : undefined,
    kid: isBytes(kid) ? copy(kid) : undefined,
    kidLocation,
    payload: copy(payload),
    signature: copy(signature),
  });
}
