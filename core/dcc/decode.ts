// Verifier side, decoding half (docs/dcc-notes.md §0, verifier direction): HC1 string → prefix →
// base45 → inflate → COSE_Sign1 → CWT claims → DCC payload. Runs on untrusted QR content: input
// over 10 KB is refused up front, inflation is capped, and every failure is a typed step code —
// this function never throws. Signature and time checks are in verify.ts.
import type { AppError, Result } from '../result';
import { parseCoseSign1, type CoseSign1 } from './cose';
import { parseCwtClaims, type CwtClaims } from './cwt';
import { fromHc1 } from './transport';

/** Which decoding step failed (names follow the testdata EXPECTEDRESULTS steps). */
export type Hc1DecodeErrorCode =
  'HC1_TOO_LARGE' | 'HC1_PREFIX' | 'HC1_BASE45' | 'HC1_COMPRESSION' | 'HC1_CBOR' | 'HC1_COSE' | 'HC1_CWT';

export interface DecodedHc1 {
  /** The inflated COSE_Sign1 bytes. */
  readonly coseBytes: Uint8Array;
  readonly cose: CoseSign1;
  readonly claims: CwtClaims;
  /** The DCC payload (= claims.payload), plain JSON values. */
  readonly payload: unknown;
}

const fail = (code: Hc1DecodeErrorCode): { ok: false; error: AppError<Hc1DecodeErrorCode> } => ({
  ok: false,
  error: { code },
});

/** COSE bytes → structure + claims (used for vectors that start at the COSE step). */
export function decodeCose(coseBytes: Uint8Array): Result<DecodedHc1, AppError<Hc1DecodeErrorCode>> {
  const cose = parseCoseSign1(coseBytes);
  if (!cose.ok) return fail(cose.reason === 'CBOR' ? 'HC1_CBOR' : 'HC1_COSE');
  const claims = parseCwtClaims(cose.value.payload);
  if (!claims.ok) return fail(claims.reason === 'CBOR' ? 'HC1_CBOR' : 'HC1_CWT');
  return { ok: true, value: { coseBytes, cose: cose.value, claims: claims.value, payload: claims.value.payload } };
}

export function decodeHc1(hc1: string): Result<DecodedHc1, AppError<Hc1DecodeErrorCode>> {
  try {
    const cose = fromHc1(hc1);
    if (!cose.ok) {
      switch (cose.reason) {
        case 'TOO_LARGE':
          return fail('HC1_TOO_LARGE');
        case 'PREFIX':
          return fail('HC1_PREFIX');
        case 'COMPRESSION':
          return fail('HC1_COMPRESSION');
        default:
          return fail('HC1_BASE45');
      }
    }
    return decodeCose(cose.value);
  } catch {
    // Defence in depth: a decoder bug (e.g. stack exhaustion on hostile CBOR) is still a typed error.
    return fail('HC1_CBOR');
  }
}
