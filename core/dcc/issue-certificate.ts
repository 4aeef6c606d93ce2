// Issuing side of the pipeline (docs/dcc-notes.md §0): payload → CWT claims → COSE_Sign1 → zlib → base45 →
// "HC1:". Every entry point validates the payload against the schema first, so an invalid payload
// never reaches the signer, and the DSC must allow the signing (the CWT times inside its validity, its
// EKU, its key type: signer/may-sign.ts, docs/dcc-notes.md §3/§7).
import { err, ok, type Result } from '../result';
import { signCoseSign1 } from './cose';
import { encodeCwtClaims } from './cwt';
import { maySign } from './signer/may-sign';
import { SignerFailure } from './signer/signer-failure';
import { buildRecoveryPayload } from './payload';
import { certificateType, validateAgainstSchema, validateRecoveryPayload } from './schema-validate';
import { toHc1 } from './transport';
import type { CwtTimes, EncodedCertificate, RecoveryInput, RecoveryPayload, Signer } from './types';
import { isKnownCountryCode } from './valuesets';
import { parseDsc } from './x509';

/** Like EncodedCertificate, for any DCC type (the `encode` CLI). */
export interface SignedDcc extends Omit<EncodedCertificate, 'payload'> {
  readonly payload: unknown;
}

async function signValidated(payload: unknown, signer: Signer, times: CwtTimes): Promise<Result<SignedDcc>> {
  if (!isKnownCountryCode(times.issuingCountry)) return err('CONFIG_INVALID', { reason: 'issuing_country' });
  const dsc = parseDsc(signer.dscDer);
  if (!dsc.ok) return err('SIGNER_UNAVAILABLE', { reason: 'certificate_unreadable' });
  const type = certificateType(payload);
  if (!type) return err('SIGNER_CERT_WRONG_USAGE');
  const allowed = maySign(dsc.value, {
    issuedAt: new Date(times.issuedAt * 1000),
    expiresAt: new Date(times.expiresAt * 1000),
    type,
    algorithm: signer.algorithm,
  });
  if (!allowed.ok) return allowed;
  const claims = encodeCwtClaims(payload, { iss: times.issuingCountry, iat: times.issuedAt, exp: times.expiresAt });
  if (!claims.ok) return err('INVALID_INPUT', { reason: 'cwt_times' });
  let cose: Uint8Array;
  try {
    cose = await signCoseSign1(claims.value, signer);
  } catch (e) {
    // Hardware and remote signers say why (core/dcc/signer/signer-failure.ts).
    if (e instanceof SignerFailure) return err(e.code, e.reason ? { reason: e.reason } : undefined);
    return err('SIGNER_UNAVAILABLE', { reason: 'sign_failed' });
  }
  return ok({
    hc1: toHc1(cose),
    payload,
    kid: Buffer.from(signer.kid).toString('base64'),
    dscDer: signer.dscDer,
    cose,
  });
}

/** Signs a schema-1.3.0-valid recovery payload. Never calls the signer for an invalid payload. */
export async function encodeRecoveryCertificate(
  payload: RecoveryPayload,
  signer: Signer,
  times: CwtTimes,
): Promise<Result<EncodedCertificate>> {
  const valid = validateRecoveryPayload(payload);
  if (!valid.ok) return valid;
  const signed = await signValidated(valid.value, signer, times);
  return signed.ok ? ok({ ...signed.value, payload: valid.value }) : signed;
}

/** RecoveryInput → payload (names transliterated, schema-checked) → signed HC1. */
export async function issueRecoveryCertificate(
  input: RecoveryInput,
  signer: Signer,
  times: CwtTimes,
): Promise<Result<EncodedCertificate>> {
  // buildRecoveryPayload returns only schema-valid payloads: validating again would double the
  // schema cost on every issuance.
  const payload = buildRecoveryPayload(input);
  if (!payload.ok) return payload;
  const signed = await signValidated(payload.value, signer, times);
  return signed.ok ? ok({ ...signed.value, payload: payload.value }) : signed;
}

/** Signs any DCC payload (vaccination, test, recovery) that is valid against the current schema. */
export async function signDccPayload(payload: unknown, signer: Signer, times: CwtTimes): Promise<Result<SignedDcc>> {
  const valid = validateAgainstSchema(payload, 'latest');
  if (!valid.ok) return valid;
  return signValidated(valid.value, signer, times);
}
