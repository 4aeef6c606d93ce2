// Verifier (docs/dcc-notes.md §0, §4, §7): decode, find candidate DSCs by kid (exactly 8 bytes; protected
// header wins) and try every one of them (kid collisions happen), then iat/exp against "now",
// DSC validity at "now", DSC extended key usage against the certificate type, and the schema.
// The report lists every check so a clerk or test can see which step failed; `valid` needs all.
import { decodeHc1, type DecodedHc1, type Hc1DecodeErrorCode } from './decode';
import type { CoseSign1 } from './cose';
import { verifyCoseSignature } from './cose-verify';
import { certificateType, validateAgainstSchema } from './schema-validate';
import type { VerificationChecks } from './types';
import { isDscValidAt, keyUsageAllows, parseDsc, type DscInfo } from './x509';

export type VerifyErrorCode =
  | Hc1DecodeErrorCode
  | 'KID_MISSING'
  | 'KID_UNKNOWN'
  | 'SIGNATURE_INVALID'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'DSC_NOT_VALID'
  | 'KEY_USAGE'
  | 'SCHEMA_INVALID';

export interface VerificationReport {
  readonly valid: boolean;
  readonly checks: VerificationChecks;
  readonly payload?: unknown;
  /** base64 of the kid found in the message. */
  readonly kid?: string;
  readonly iss?: string;
  readonly iat?: number;
  readonly exp?: number;
  /** The first failing check. */
  readonly error?: VerifyErrorCode;
}

export interface TrustList {
  /** DSCs as DER (what trust lists carry). */
  readonly dscs: readonly Uint8Array[];
}

/** DSCs whose kid equals the message kid, whose signature check passes; first match wins. */
export function findSigningDsc(
  cose: CoseSign1,
  dscs: readonly DscInfo[],
): { ok: true; dsc: DscInfo } | { ok: false; reason: 'KID_MISSING' | 'KID_UNKNOWN' | 'SIGNATURE_INVALID' } {
  const kid = cose.kid;
  if (!kid || kid.length !== 8) return { ok: false, reason: 'KID_MISSING' };
  const candidates = dscs.filter((d) => Buffer.from(d.kid).equals(Buffer.from(kid)));
  if (candidates.length === 0) return { ok: false, reason: 'KID_UNKNOWN' };
  const dsc = candidates.find((d) => verifyCoseSignature(cose, d));
  return dsc ? { ok: true, dsc } : { ok: false, reason: 'SIGNATURE_INVALID' };
}

/** iat ≤ now ≤ exp (both claims required; docs/dcc-notes.md §3). */
export function checkExpiration(claims: { iat?: number; exp?: number }, now: Date): 'OK' | 'NOT_YET_VALID' | 'EXPIRED' {
  const t = now.getTime() / 1000;
  if (claims.iat === undefined || t < claims.iat) return 'NOT_YET_VALID';
  if (claims.exp === undefined || t > claims.exp) return 'EXPIRED';
  return 'OK';
}

const NONE: VerificationChecks = {
  prefix: false,
  base45: false,
  compression: false,
  cbor: false,
  signature: false,
  expiration: false,
  dscValidity: false,
  keyUsage: false,
  schema: false,
};

function transportChecks(code: Hc1DecodeErrorCode): VerificationChecks {
  const order: Hc1DecodeErrorCode[] = ['HC1_PREFIX', 'HC1_BASE45', 'HC1_COMPRESSION'];
  const failedAt = code === 'HC1_TOO_LARGE' ? -1 : order.indexOf(code);
  const passed = failedAt === -1 ? (code === 'HC1_TOO_LARGE' ? 0 : 3) : failedAt;
  return { ...NONE, prefix: passed > 0, base45: passed > 1, compression: passed > 2 };
}

/** Checks on an already decoded certificate (shared by verifyHc1 and the vector tests). */
export function verifyDecoded(decoded: DecodedHc1, dscs: readonly DscInfo[], now: Date): VerificationReport {
  const { cose, claims, payload } = decoded;
  const signing = findSigningDsc(cose, dscs);
  const expiration = checkExpiration(claims, now);
  const type = certificateType(payload);
  const dsc = signing.ok ? signing.dsc : undefined;
  const checks: VerificationChecks = {
    prefix: true,
    base45: true,
    compression: true,
    cbor: true,
    signature: signing.ok,
    expiration: expiration === 'OK',
    dscValidity: dsc !== undefined && isDscValidAt(dsc, now),
    keyUsage: dsc !== undefined && type !== undefined && keyUsageAllows(dsc.extendedKeyUsages, type),
    schema: validateAgainstSchema(payload).ok,
  };
  const error: VerifyErrorCode | undefined = !signing.ok
    ? signing.reason
    : expiration !== 'OK'
      ? expiration
      : !checks.dscValidity
        ? 'DSC_NOT_VALID'
        : !checks.keyUsage
          ? 'KEY_USAGE'
          : !checks.schema
            ? 'SCHEMA_INVALID'
            : undefined;
  return {
    valid: error === undefined,
    checks,
    payload,
    kid: cose.kid ? Buffer.from(cose.kid).toString('base64') : undefined,
    iss: claims.iss,
    iat: claims.iat,
    exp: claims.exp,
    ...(error ? { error } : {}),
  };
}

/** Full verification of an HC1 string against a DSC trust list at `opts.now`. Never throws. */
export async function verifyHc1(hc1: string, trust: TrustList, opts: { now: Date }): Promise<VerificationReport> {
  const decoded = decodeHc1(hc1);
  if (!decoded.ok) {
    const code = decoded.error.code;
    const checks =
      code === 'HC1_CBOR' || code === 'HC1_COSE' || code === 'HC1_CWT'
        ? { ...NONE, prefix: true, base45: true, compression: true }
        : transportChecks(code);
    return { valid: false, checks, error: code };
  }
  const dscs = trust.dscs.map((d) => parseDsc(d)).flatMap((r) => (r.ok ? [r.value] : []));
  return verifyDecoded(decoded.value, dscs, opts.now);
}
