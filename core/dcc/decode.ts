// Verifier side, decoding half (docs/dcc-notes.md §0, verifier direction): HC1 string → prefix →
// base45 → inflate → COSE_Sign1 → CWT claims → DCC payload. Runs on untrusted QR content: input
// over 10 KB is refused up front, inflation is capped, and every failure is a typed step code —
// this function never throws. Signature and time checks are in verify.ts.
import { fail, ok, type AppError, type Result } from '../result';
import { parseCoseSign1, type CoseSign1 } from './cose';
import { parseCwtClaims, type CwtClaims } from './cwt';
import { fromHc1 } from './transport';

/** Which decoding step failed (names follow the EU test data's EXPECTEDRESULTS steps). */
export type Hc1DecodeErrorCode =
  'HC1_TOO_LARGE' | 'HC1_PREFIX' | 'HC1_BASE45' | 'HC1_COMPRESSION' | 'HC1_CBOR' | 'HC1_COSE' | 'HC1_CWT';

/** A decoded, not yet verified, certificate. */
export interface DecodedHc1 {
  /** The inflated COSE_Sign1 bytes. */
  readonly coseBytes: Uint8Array;
  readonly cose: CoseSign1;
  readonly claims: CwtClaims;
  /** The DCC payload (= claims.payload), plain JSON values. */
  readonly payload: unknown;
}

const refused = (code: Hc1DecodeErrorCode) => fail<AppError<Hc1DecodeErrorCode>>({ code });

/**
 * COSE bytes → structure + claims (also for test vectors that start at the COSE step).
 * @param coseBytes - inflated COSE_Sign1 bytes (untrusted)
 * @returns the parsed message and claims; the signature is not checked here (`verifyDecoded`)
 * @throws never: malformed input fails as `HC1_CBOR`, `HC1_COSE` or `HC1_CWT`
 */
export function decodeCose(coseBytes: Uint8Array): Result<DecodedHc1, AppError<Hc1DecodeErrorCode>> {
  const cose = parseCoseSign1(coseBytes);
  if (!cose.ok) return refused(cose.error === 'CBOR' ? 'HC1_CBOR' : 'HC1_COSE');
  const claims = parseCwtClaims(cose.value.payload);
  if (!claims.ok) return refused(claims.error === 'CBOR' ? 'HC1_CBOR' : 'HC1_CWT');
  return ok({ coseBytes, cose: cose.value, claims: claims.value, payload: claims.value.payload });
}

/**
 * HC1 string → COSE_Sign1 → CWT claims → DCC payload.
 * @param hc1 - untrusted QR content
 * @returns the decoded certificate, not yet verified (`verifyHc1` checks signature and times)
 * @throws never: each step's failure is its `Hc1DecodeErrorCode`; a decoder exception (e.g. stack
 *   exhaustion on hostile CBOR) is `HC1_CBOR`
 */
export function decodeHc1(hc1: string): Result<DecodedHc1, AppError<Hc1DecodeErrorCode>> {
  try {
    const cose = fromHc1(hc1);
    if (!cose.ok) {
      switch (cose.error) {
        case 'TOO_LARGE':
          return refused('HC1_TOO_LARGE');
        case 'PREFIX':
          return refused('HC1_PREFIX');
        case 'COMPRESSION':
          return refused('HC1_COMPRESSION');
        default:
          return refused('HC1_BASE45');
      }
    }
    return decodeCose(cose.value);
  } catch {
    // Defence in depth: a decoder bug (e.g. stack exhaustion on hostile CBOR) is still a typed error.
    return refused('HC1_CBOR');
  }
}
