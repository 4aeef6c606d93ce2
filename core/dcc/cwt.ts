// CWT claims of an HCERT (docs/dcc-notes.md §3): {1: iss, 6: iat, 4: exp, -260: {1: DCC}} with integer keys.
// Building accepts integers only (never floats or tag 1, QA rule); parsing — of other issuers'
// certificates — accepts any finite NumericDate (RFC 8392) and reports missing claims as undefined.
import { cborToJson, decodeCborMaps, encodeCbor, jsonToCbor } from './cbor';

export const CLAIM_ISS = 1;
export const CLAIM_EXP = 4;
export const CLAIM_IAT = 6;
export const CLAIM_HCERT = -260;
export const HCERT_EU_DGC_V1 = 1;

export interface CwtClaims {
  readonly iss?: string;
  readonly iat?: number;
  readonly exp?: number;
  /** The DCC payload as plain JSON values. */
  readonly payload: unknown;
}

const isSeconds = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;

/** CBOR bytes of the claims map, or a reason when a time is not a non-negative integer. */
export function encodeCwtClaims(
  payload: unknown,
  claims: { iss: string; iat: number; exp: number },
): { ok: true; value: Uint8Array } | { ok: false; reason: 'TIMES' } {
  if (!isSeconds(claims.iat) || !isSeconds(claims.exp) || claims.exp <= claims.iat)
    return { ok: false, reason: 'TIMES' };
  const hcert = new Map<number, unknown>([[HCERT_EU_DGC_V1, jsonToCbor(payload)]]);
  const map = new Map<number, unknown>([
    [CLAIM_ISS, claims.iss],
    [CLAIM_IAT, claims.iat],
    [CLAIM_EXP, claims.exp],
    [CLAIM_HCERT, hcert],
  ]);
  return { ok: true, value: encodeCbor(map) };
}

const numericDate = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Parses the COSE payload as CWT claims. Throws nothing; returns a reason for CBOR that is not a
 * map, or an hcert claim that is not {1: map}.
 */
export function parseCwtClaims(
  bytes: Uint8Array,
): { ok: true; value: CwtClaims } | { ok: false; reason: 'CBOR' | 'CWT' } {
  let decoded: unknown;
  try {
    decoded = decodeCborMaps(bytes);
  } catch {
    return { ok: false, reason: 'CBOR' };
  }
  if (!(decoded instanceof Map)) return { ok: false, reason: 'CWT' };
  const hcert = decoded.get(CLAIM_HCERT);
  if (!(hcert instanceof Map)) return { ok: false, reason: 'CWT' };
  const dcc = hcert.get(HCERT_EU_DGC_V1);
  if (!(dcc instanceof Map)) return { ok: false, reason: 'CWT' };
  const iss = decoded.get(CLAIM_ISS);
  return {
    ok: true,
    value: {
      iss: typeof iss === 'string' ? iss : undefined,
      iat: numericDate(decoded.get(CLAIM_IAT)),
      exp: numericDate(decoded.get(CLAIM_EXP)),
      payload: cborToJson(dcc),
    },
  };
}
