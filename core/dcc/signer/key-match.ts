// Shared checks of the signer factories (docs/dcc-notes.md §4, §7): the private key must belong to the DSC
// (otherwise every certificate would fail verification), and the key type decides the algorithm
// (EC P-256 → ES256, RSA ≥ 2048 → PS256). Errors are SIGNER_UNAVAILABLE with a non-secret reason.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../../result';
import { parseDsc, type DscInfo } from '../x509';

/** A private key proven to belong to the DSC, and the algorithm its type implies. */
export interface MatchedKey {
  readonly privateKey: KeyObject;
  readonly dsc: DscInfo;
  readonly algorithm: 'ES256' | 'PS256';
}

const spki = (key: KeyObject): Buffer => key.export({ format: 'der', type: 'spki' });

/** An encrypted PKCS#8 key needs its passphrase; a wrong one is SIGNER_PIN_WRONG. */
export function matchKeyToDsc(
  privateKeyPem: string,
  dscInput: string | Uint8Array,
  passphrase?: string,
): Result<MatchedKey> {
  const dsc = parseDsc(dscInput);
  if (!dsc.ok) return err('SIGNER_UNAVAILABLE', { reason: 'certificate_unreadable' });
  const encrypted = privateKeyPem.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----');
  if (encrypted && passphrase === undefined)
    return err('SIGNER_UNAVAILABLE', { reason: 'key_encrypted_no_passphrase' });
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(encrypted ? { key: privateKeyPem, passphrase: passphrase ?? '' } : privateKeyPem);
  } catch {
    return encrypted
      ? err('SIGNER_PIN_WRONG', { reason: 'passphrase_wrong' })
      : err('SIGNER_UNAVAILABLE', { reason: 'key_unreadable' });
  }
  if (!spki(createPublicKey(privateKey)).equals(spki(dsc.value.publicKey))) {
    return err('SIGNER_UNAVAILABLE', { reason: 'key_does_not_match_certificate' });
  }
  const type = privateKey.asymmetricKeyType;
  const details = privateKey.asymmetricKeyDetails;
  if (type === 'ec' && details?.namedCurve === 'prime256v1')
    return ok({ privateKey, dsc: dsc.value, algorithm: 'ES256' });
  if (type === 'rsa' && (details?.modulusLength ?? 0) >= 2048)
    return ok({ privateKey, dsc: dsc.value, algorithm: 'PS256' });
  return err('SIGNER_UNAVAILABLE', { reason: 'unsupported_key_type' });
}
