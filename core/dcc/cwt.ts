// CWT claims of an HCERT (docs/dcc-notes.md §3): {1: iss, 6: iat, 4: exp, -260: {1: DCC}} with integer keys.
// Building accepts integers only (never floats or tag 1, QA rule); parsing — of other issuers'
// certificates — accepts any finite NumericDate (RFC 8392) and reports missing claims as undefined.
import { fail, ok, type Result } from '../result';
import { cborToJson, decodeCborMaps, encodeCbor, jsonToCbor } from './cbor';

/** CWT claim key of the issuing country (RFC 8392 `iss`). */
export const CLAIM_ISS = 1;
/** CWT claim key of the expiry, seconds since the epoch (`exp`). */
export const CLAIM_EXP = 4;
/** CWT claim key of the issuing time, seconds since the epoch (`iat`). */
export const CLAIM_IAT = 6;
/** CWT claim key of the health certificate container (`hcert`). */
export const CLAIM_HCERT = -260;
/** Key of the EU DCC v1 payload inside `hcert`. */
export const HCERT_EU_DGC_V1 = 1;

/** The CWT claims a verifier reads; absent or non-numeric times are `undefined`. */
export interface CwtClaims {
  readonly iss?: string;
  readonly iat?: number;
  readonly exp?: number;
  /** The DCC payload as plain JSON values. */
  readonly payload: unknown;
}

const isSeconds = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/**
 * Encodes the claims map `{1: iss, 6: iat, 4: exp, -260: {1: payload}}` with integer keys.
 * @param payload - the DCC payload as plain JSON values
 * @param claims - the issuing country and the times in whole seconds since the epoch
 * @returns the CBOR bytes of the claims map
 * @throws never: a time that is not a non-negative safe integer, or `exp ≤ iat`, fails as `TIMES`
 */
export function encodeCwtClaims(
  payload: unknown,
  claims: { iss: string; iat: number; exp: number },
): Result<Uint8Array, 'TIMES'> {
  if (!isSeconds(claims.iat) || !isSeconds(claims.exp) || claims.exp <= claims.iat) return fail('TIMES');
  const hcert = new Map<number, unknown>([[HCERT_EU_DGC_V1, jsonToCbor(payload)]]);
  const map = new Map<number, unknown>([
    [CLAIM_ISS, claims.iss],
    [CLAIM_IAT, claims.iat],
    [CLAIM_EXP, claims.exp],
    [CLAIM_HCERT, hcert],
  ]);
  return ok(encodeCbor(map));
}

const numericDate = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Parses a COSE payload as CWT claims, accepting any finite NumericDate (RFC 8392).
 * @param bytes - the COSE_Sign1 payload (untrusted)
 * @returns the claims, with the DCC payload as plain JSON values
 * @throws never: bytes that are not CBOR fail as `CBOR`; a claims value that is not a map, or an
 *   `hcert` claim that is not `{1: map}`, fails as `CWT`
 */
export function parseCwtClaims(bytes: Uint8Array): Result<CwtClaims, 'CBOR' | 'CWT'> {
  let decoded: unknown;
  try {
    decoded = decodeCborMaps(bytes);
  } catch {
    return fail('CBOR');
  }
  if (!(decoded instanceof Map)) return fail('CWT');
  const hcert = decoded.get(CLAIM_HCERT);
  if (!(hcert instanceof Map)) return fail('CWT');
  const dcc = hcert.get(HCERT_EU_DGC_V1);
  if (!(dcc instanceof Map)) return fail('CWT');
  const iss = decoded.get(CLAIM_ISS);
  return ok({
    iss: typeof iss === 'string' ? iss : undefined,
    iat: numericDate(decoded.get(CLAIM_IAT)),
    exp: numericDate(decoded.get(CLAIM_EXP)),
    payload: cborToJson(dcc),
  });
}
