// The one answer to "may this DSC sign now?" (docs/dcc-notes.md §3, §4, §7), asked of an already
// parsed DSC: by the kiosk before every issuance and for the clerk status (core/issuance/signer-state.ts),
// by the doctor (through the same readySigner) and by the signing pipeline itself right before the
// signer is called (core/dcc/issue-certificate.ts). Nothing here reads a file or a clock.
import { err, ok, type AppError, type Result } from '../../result';
import type { Signer } from '../types';
import { keyUsageAllows, type DccType, type DscInfo } from '../x509';

/** Why a DSC may not sign; details carry the DSC's dates (never anything personal). */
export type SignerRefusal = AppError<
  'SIGNER_CERT_NOT_YET_VALID' | 'SIGNER_CERT_EXPIRED' | 'SIGNER_CERT_WRONG_USAGE' | 'SIGNER_UNAVAILABLE'
>;

/** What the DSC is asked to sign for. */
export interface SigningRequest {
  /** The CWT `iat`: the moment of signing. */
  readonly issuedAt: Date;
  /** The CWT `exp`, which must not outlive the DSC; absent when asking "could it sign now?". */
  readonly expiresAt?: Date;
  /** The certificate type the DSC's extended key usage must allow. */
  readonly type: DccType;
  /** The signer's algorithm, which the DSC's key must fit (ES256: EC P-256, PS256: RSA). */
  readonly algorithm: Signer['algorithm'];
}

const keyFits = (dsc: DscInfo, algorithm: Signer['algorithm']): boolean =>
  algorithm === 'ES256' ? dsc.keyType === 'ec' && dsc.namedCurve === 'prime256v1' : dsc.keyType === 'rsa';

/**
 * Whether `dsc` may sign `request`: inside its validity (notBefore ≤ iat, iat and exp ≤ notAfter), its
 * extended key usage allows the type (a DSC without DCC usages allows every type), and its key fits
 * the algorithm. Checked in that order; the first failure is the answer.
 *
 * @returns ok, or SIGNER_CERT_NOT_YET_VALID (`notBefore`), SIGNER_CERT_EXPIRED (`notAfter`),
 *   SIGNER_CERT_WRONG_USAGE, SIGNER_UNAVAILABLE (`reason: 'dsc_key_type'`)
 */
export function maySign(dsc: DscInfo, request: SigningRequest): Result<void, SignerRefusal> {
  const { issuedAt, expiresAt } = request;
  if (issuedAt.getTime() < dsc.notBefore.getTime())
    return err('SIGNER_CERT_NOT_YET_VALID', { notBefore: dsc.notBefore.toISOString() });
  if (issuedAt.getTime() > dsc.notAfter.getTime() || (expiresAt && expiresAt.getTime() > dsc.notAfter.getTime()))
    return err('SIGNER_CERT_EXPIRED', { notAfter: dsc.notAfter.toISOString() });
  if (!keyUsageAllows(dsc.extendedKeyUsages, request.type)) return err('SIGNER_CERT_WRONG_USAGE');
  if (!keyFits(dsc, request.algorithm)) return err('SIGNER_UNAVAILABLE', { reason: 'dsc_key_type' });
  return ok(undefined);
}
