// COSE_Sign1 signature check against one DSC (docs/dcc-notes.md §4): the Sig_structure is rebuilt from the
// protected bytes exactly as received; ES256 = raw 64-byte r‖s on P-256 (a DER signature is
// rejected, not converted), PS256 = RSA-PSS/SHA-256 with 32-byte salt. Any other alg, or an alg
// that does not fit the DSC key, is a failed check — never an exception.
import { constants, verify } from 'node:crypto';
import { ALG_ES256, ALG_PS256, parseCoseSign1, sigStructure, type CoseSign1 } from './cose';
import { parseDsc, type DscInfo } from './x509';

export function verifyCoseSignature(cose: CoseSign1, dsc: DscInfo): boolean {
  const data = sigStructure(cose.protectedBytes, cose.payload);
  try {
    if (cose.alg === ALG_ES256) {
      if (dsc.keyType !== 'ec' || dsc.namedCurve !== 'prime256v1' || cose.signature.length !== 64) return false;
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

/** Convenience for vectors: COSE bytes + DSC (DER/PEM) → signature valid? (kid not consulted) */
export function verifyCoseBytes(coseBytes: Uint8Array, dscInput: string | Uint8Array): boolean {
  const cose = parseCoseSign1(coseBytes);
  const dsc = parseDsc(dscInput);
  return cose.ok && dsc.ok && verifyCoseSignature(cose.value, dsc.value);
}
