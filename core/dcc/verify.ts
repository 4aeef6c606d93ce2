// Verifier (docs/dcc-notes.md §0, §4, §7): decode, find candidate DSCs by kid (exactly 8 bytes; protected
// header wins) and try every one of them (kid collisions happen), then iat/exp against "now",
// DSC validity at "now", DSC extended key usage against the certificate type, and the schema.
// The report lists every check so a clerk or test can see which step failed; `ok` needs all.
import { fail, ok, type Result } from '../result';
import { decodeHc1, type DecodedHc1, type Hc1DecodeErrorCode } from './decode';
import type { CoseSign1 } from './cose';
import { verifyCoseSignature } from './cose-verify';
import { certificateType, validateAgainstSchema } from './schema-validate';
import type { VerificationChecks } from './types';
import { isDscValidAt, keyUsageAllows, parseDsc, type DscInfo } from './x509';

/** The first check a certificate failed: a decoding step, the signature, the times, the DSC or the schema. */
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

/** What the verifier read from a certificate, and the outcome of every check. */
export interface VerificationFacts {
  readonly checks: VerificationChecks;
  readonly payload?: unknown;
  /** base64 of the kid found in the message. */
  readonly kid?: string;
  readonly iss?: string;
  readonly iat?: number;
  readonly exp?: number;
}

/** A certificate that failed a check: the first failing check, and everything read up to it. */
export interface VerificationFailure extends VerificationFacts {
  readonly code: VerifyErrorCode;
}

/** Ok when every check passed; either way the facts list every check (the `verify` CLI prints them). */
export type VerificationReport = Result<VerificationFacts, VerificationFailure>;

/** The DSCs a verifier trusts. */
export interface TrustList {
  /** DSCs as DER (what trust lists carry). */
  readonly dscs: readonly Uint8Array[];
}

/**
 * Finds the DSC that signed a message: every DSC whose kid equals the message's is tried (kids
 * collide), the first whose signature check passes wins.
 * @param cose - the parsed message
 * @param dscs - the trusted DSCs
 * @returns the signing DSC
 * @throws never: a kid that is absent or not 8 bytes fails as `KID_MISSING`, one no DSC has as
 *   `KID_UNKNOWN`, a signature no candidate verifies as `SIGNATURE_INVALID`
 */
export function findSigningDsc(
  cose: CoseSign1,
  dscs: readonly DscInfo[],
): Result<DscInfo, 'KID_MISSING' | 'KID_UNKNOWN' | 'SIGNATURE_INVALID'> {
  const kid = cose.kid;
  if (!kid || kid.length !== 8) return fail('KID_MISSING');
  const candidates = dscs.filter((d) => Buffer.from(d.kid).equals(Buffer.from(kid)));
  if (candidates.length === 0) return fail('KID_UNKNOWN');
  const dsc = candidates.find((d) => verifyCoseSignature(cose, d));
  return dsc ? ok(dsc) : fail('SIGNATURE_INVALID');
}

/**
 * The CWT time check: iat ≤ now ≤ exp, both claims required (docs/dcc-notes.md §3).
 * @param claims - the certificate's `iat` and `exp`, seconds since the epoch
 * @param now - the verification time
 * @returns ok, or `NOT_YET_VALID` (no iat, or before it) or `EXPIRED` (no exp, or after it)
 */
export function checkExpiration(
  claims: { iat?: number; exp?: number },
  now: Date,
): Result<null, 'NOT_YET_VALID' | 'EXPIRED'> {
  const t = now.getTime() / 1000;
  if (claims.iat === undefined || t < claims.iat) return fail('NOT_YET_VALID');
  if (claims.exp === undefined || t > claims.exp) return fail('EXPIRED');
  return ok(null);
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

/**
 * Every check on an already decoded certificate (shared by `verifyHc1` and the vector tests).
 * @param decoded - the output of `decodeHc1` or `decodeCose`
 * @param dscs - the trusted DSCs
 * @param now - the verification time
 * @returns ok when the signature, times, DSC validity, DSC key usage and schema all pass; the
 *   first that fails otherwise. Never throws.
 */
export function verifyDecoded(decoded: DecodedHc1, dscs: readonly DscInfo[], now: Date): VerificationReport {
  const { cose, claims, payload } = decoded;
  const signing = findSigningDsc(cose, dscs);
  const expiration = checkExpiration(claims, now);
  const type = certificateType(payload);
  const dsc = signing.ok ? signing.value : undefined;
  const checks: VerificationChecks = {
    prefix: true,
    base45: true,
    compression: true,
    cbor: true,
    signature: signing.ok,
    expiration: expiration.ok,
    dscValidity: dsc !== undefined && isDscValidAt(dsc, now),
    keyUsage: dsc !== undefined && type !== undefined && keyUsageAllows(dsc.extendedKeyUsages, type),
    schema: validateAgainstSchema(payload).ok,
  };
  const code: VerifyErrorCode | undefined = !signing.ok
    ? signing.error
    : !expiration.ok
      ? expiration.error
      : !checks.dscValidity
        ? 'DSC_NOT_VALID'
        : !checks.keyUsage
          ? 'KEY_USAGE'
          : !checks.schema
            ? 'SCHEMA_INVALID'
            : undefined;
  const facts: VerificationFacts = {
    checks,
    payload,
    kid: cose.kid ? Buffer.from(cose.kid).toString('base64') : undefined,
    iss: claims.iss,
    iat: claims.iat,
    exp: claims.exp,
  };
  return code === undefined ? ok(facts) : fail({ ...facts, code });
}

/**
 * Full verification of an HC1 string, as a checking app does it.
 * @param hc1 - untrusted QR content
 * @param trust - the DSCs to accept (DER; unparseable ones are skipped)
 * @param opts - `now`: the verification time
 * @returns ok when every check passed; else the first failing check. Either way every check's
 *   outcome. Never throws (hostile input ends as a failed check).
 */
export async function verifyHc1(hc1: string, trust: TrustList, opts: { now: Date }): Promise<VerificationReport> {
  const decoded = decodeHc1(hc1);
  if (!decoded.ok) {
    const code = decoded.error.code;
    const checks =
      code === 'HC1_CBOR' || code === 'HC1_COSE' || code === 'HC1_CWT'
        ? { ...NONE, prefix: true, base45: true, compression: true }
        : transportChecks(code);
    return fail({ checks, code });
  }
  const dscs = trust.dscs.map((d) => parseDsc(d)).flatMap((r) => (r.ok ? [r.value] : []));
  return verifyDecoded(decoded.value, dscs, opts.now);
}
