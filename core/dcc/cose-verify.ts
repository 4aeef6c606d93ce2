// COSE_Sign1 signature check against one DSC (docs/dcc-notes.md §4): the Sig_structure is rebuilt from the
// protected bytes exactly as received; ES256 = raw 64-byte r‖s on P-256 (a DER signature is
// rejected, not converted), PS256 = RSA-PSS/SHA-256 with 32-byte salt. Any other alg, or an alg
// that does not fit the DSC key, is a failed check — never an exception.
import { constants, verify } from 'node:crypto';
import { ALG_ES256, ALG_PS256, ES256_SIGNATURE_BYTES, sigStructure, type CoseSign1 } from './cose';
import type { DscInfo } from './x509';

/**
 * Checks a COSE_Sign1 signature against one DSC's public key; the kid is not consulted
 * (`findSigningDsc` picks the candidates).
 * @param cose - the parsed message, with its protected header bytes as received
 * @param dsc - the candidate signer's certificate
 * @returns true only for a valid ES256 (raw r‖s, P-256 key) or PS256 (RSA key) signature
 * @throws never: another algorithm, a key that does not fit it, or a DER-encoded ES256 signature is false
 */
export function verifyCoseSignature(cose: CoseSign1, dsc: DscInfo): boolean {
  const data = sigStructure(cose.protectedBytes, cose.payload);
  try {
    if (cose.alg === ALG_ES256) {
      if (dsc.keyType !== 'ec' || dsc.namedCurve !== 'prime256v1' || cose.signature.length !== ES256_SIGNATURE_BYTES)
        return false;
      return verify('sha256', data, { key: dsc.publicKey, dsaEncoding: 'ieee-p1363' }, cose.signature);
    }
    if (cose.alg === ALG_PS256) {
      if (dsc.keyType !== 'rsa') return false;
      return verify(
        'sha256',
        data,
        { key: dsc.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        cose.signature,
      );
    }
    return false;
  } catch {
    return false;
  }
}
