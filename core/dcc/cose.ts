// COSE_Sign1 (RFC 8152 / docs/dcc-notes.md §4): signing with protected {1: alg, 4: kid}, empty unprotected
// header, tag 18; the Sig_structure ["Signature1", protected bstr, h'', payload]; parsing of
// received messages that accepts tag 18, untagged and 61(18(...)) (vectors ES/1502, CO28) and
// takes the kid from the protected header when present there (CO18–CO23). Verifiers must hash the
// protected bytes exactly as received, so the parser keeps them.
import { Tag } from 'cbor-x';
import { decodeCborMaps, encodeCbor } from './cbor';
import type { Signer } from './types';

export const COSE_SIGN1_TAG = 18;
export const CWT_TAG = 61;
export const HEADER_ALG = 1;
export const HEADER_KID = 4;
export const ALG_ES256 = -7;
export const ALG_PS256 = -37;

export const algorithmId = (alg: 'ES256' | 'PS256'): number => (alg === 'ES256' ? ALG_ES256 : ALG_PS256);

export function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, new Uint8Array(0), payload]);
}

/** Signs `payload` (CWT claims bytes) and returns the tagged COSE_Sign1 bytes (start `d2 84`). */
export async function signCoseSign1(payload: Uint8Array, signer: Signer): Promise<Uint8Array> {
  const protectedBytes = encodeCbor(
    new Map<number, unknown>([
      [HEADER_ALG, algorithmId(signer.algorithm)],
      [HEADER_KID, signer.kid],
    ]),
  );
  const signature = await signer.sign(sigStructure(protectedBytes, payload));
  return encodeCbor(new Tag([protectedBytes, new Map(), payload, signature], COSE_SIGN1_TAG));
}

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

/** Parses COSE_Sign1 bytes; a reason instead of an exception for anything malformed. */
export function parseCoseSign1(
  bytes: Uint8Array,
): { ok: true; value: CoseSign1 } | { ok: false; reason: 'CBOR' | 'COSE' } {
  let node: unknown;
  try {
    node = decodeCborMaps(bytes);
  } catch {
    return { ok: false, reason: 'CBOR' };
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
  if (!tagsOk || !Array.isArray(node) || node.length !== 4) return { ok: false, reason: 'COSE' };
  const [protectedBytes, unprotected, payload, signature] = node as unknown[];
  if (!isBytes(protectedBytes) || !(unprotected instanceof Map) || !isBytes(payload) || !isBytes(signature)) {
    return { ok: false, reason: 'COSE' };
  }
  let protectedHeader: unknown = new Map();
  if (protectedBytes.length > 0) {
    try {
      protectedHeader = decodeCborMaps(protectedBytes);
    } catch {
      return { ok: false, reason: 'COSE' };
    }
  }
  if (!(protectedHeader instanceof Map)) return { ok: false, reason: 'COSE' };
  const algValue = protectedHeader.has(HEADER_ALG) ? protectedHeader.get(HEADER_ALG) : unprotected.get(HEADER_ALG);
  const pKid = protectedHeader.get(HEADER_KID);
  const uKid = unprotected.get(HEADER_KID);
  const kidLocation = protectedHeader.has(HEADER_KID)
    ? 'protected'
    : unprotected.has(HEADER_KID)
      ? 'unprotected'
      : undefined;
  const kid = kidLocation === 'protected' ? pKid : uKid;
  return {
    ok: true,
    value: {
      tags,
      protectedBytes: copy(protectedBytes),
      protectedHeader,
      unprotectedHeader: unprotected,
      alg: typeof algValue === 'number' ? algValue : undefined,
      kid: isBytes(kid) ? copy(kid) : undefined,
      kidLocation,
      payload: copy(payload),
      signature: copy(signature),
    },
  };
}
