// Generates a DSC key pair inside a PKCS#11 token (`cli keys generate --pkcs11`, and the SoftHSM2
// test harness): EC P-256, private half CKA_SENSITIVE and not CKA_EXTRACTABLE, so the token
// never lets it out — not even wrapped. Returns the public key (SPKI) for the certificate
// request (docs/configuration.md, "pkcs11"). Refuses when a key with the label already exists:
// overwriting a DSC key would orphan the DSC and every certificate it signed.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../../result';
import { acquirePkcs11Module, closeQuietly, findByLabel, findTokenSlot, openUserSession } from './pkcs11-module';

/** DER of the named-curve OID 1.2.840.10045.3.1.7 (P-256), CKA_EC_PARAMS. */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

/** Where to create a signing key on a PKCS#11 token, and its PIN (`cli keys generate --pkcs11`). */
export interface TokenKeyRequest {
  readonly module: string;
  readonly tokenLabel: string;
  readonly keyLabel: string;
  readonly pin: string;
}

/** CKA_EC_POINT is a DER OCTET STRING around the uncompressed point 04‖x‖y. */
export function publicKeyFromEcPoint(ecPoint: Buffer): KeyObject {
  const point = ecPoint[0] === 0x04 && ecPoint.length === 65 ? ecPoint : ecPoint.subarray(ecPoint.length - 65);
  if (point[0] !== 0x04) throw new Error('not an uncompressed P-256 point');
  const b64 = (b: Buffer) => b.toString('base64url');
  return createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64(point.subarray(1, 33)), y: b64(point.subarray(33, 65)) },
    format: 'jwk',
  });
}

/**
 * Creates a non-extractable P-256 key pair on the token.
 * @param r - module, token, key label and PIN
 * @returns the new public key (for the CSR)
 * @throws never: a label already in use is CONFIG_INVALID, token failures SIGNER_*
 */
export async function generateTokenKey(r: TokenKeyRequest): Promise<Result<{ publicKey: KeyObject }>> {
  const mod = await acquirePkcs11Module(r.module);
  if (!mod.ok) return mod;
  const m = mod.value;
  const { lib, k } = m;
  try {
    const slot = findTokenSlot(m, r.tokenLabel);
    if (!slot.ok) return slot;
    const session = openUserSession(m, slot.value, r.pin, true);
    if (!session.ok) return session;
    try {
      if (findByLabel(m, session.value, k.CKO_PRIVATE_KEY, r.keyLabel).length > 0) {
        return err('CONFIG_INVALID', { reason: 'key-label-exists' });
      }
      const pair = lib.C_GenerateKeyPair(
        session.value,
        { mechanism: k.CKM_EC_KEY_PAIR_GEN },
        [
          { type: k.CKA_CLASS, value: k.CKO_PUBLIC_KEY },
          { type: k.CKA_TOKEN, value: true },
          { type: k.CKA_LABEL, value: r.keyLabel },
          { type: k.CKA_EC_PARAMS, value: P256_PARAMS },
          { type: k.CKA_VERIFY, value: true },
        ],
        [
          { type: k.CKA_CLASS, value: k.CKO_PRIVATE_KEY },
          { type: k.CKA_TOKEN, value: true },
          { type: k.CKA_LABEL, value: r.keyLabel },
          { type: k.CKA_SIGN, value: true },
          { type: k.CKA_PRIVATE, value: true },
          { type: k.CKA_SENSITIVE, value: true },
          { type: k.CKA_EXTRACTABLE, value: false },
        ],
      );
      const [point] = lib.C_GetAttributeValue(session.value, pair.publicKey, [{ type: k.CKA_EC_POINT }]);
      if (!point?.value) return err('SIGNER_UNAVAILABLE', { reason: 'no-public-point' });
      return ok({ publicKey: publicKeyFromEcPoint(point.value) });
    } finally {
      closeQuietly(m, session.value);
    }
  } catch {
    return err('SIGNER_UNAVAILABLE', { reason: 'key-generation-failed' });
  } finally {
    m.release();
  }
}

/** The token key's public half and a signer over SHA-256 (for `cli keys csr --pkcs11`). */
export async function openTokenKey(
  r: TokenKeyRequest,
): Promise<Result<{ publicKey: KeyObject; sign(data: Uint8Array): Promise<Uint8Array>; close(): void }>> {
  const mod = await acquirePkcs11Module(r.module);
  if (!mod.ok) return mod;
  const m = mod.value;
  const { lib, k } = m;
  const slot = findTokenSlot(m, r.tokenLabel);
  if (!slot.ok) return (m.release(), slot);
  const session = openUserSession(m, slot.value, r.pin);
  if (!session.ok) return (m.release(), session);
  const close = () => (closeQuietly(m, session.value), m.release());
  try {
    const [priv] = findByLabel(m, session.value, k.CKO_PRIVATE_KEY, r.keyLabel);
    const [pub] = findByLabel(m, session.value, k.CKO_PUBLIC_KEY, r.keyLabel);
    if (priv === undefined || pub === undefined) return (close(), err('SIGNER_KEY_NOT_FOUND'));
    const [point] = lib.C_GetAttributeValue(session.value, pub, [{ type: k.CKA_EC_POINT }]);
    if (!point?.value) return (close(), err('SIGNER_KEY_NOT_FOUND', { reason: 'no-public-point' }));
    return ok({
      publicKey: publicKeyFromEcPoint(point.value),
      async sign(data) {
        lib.C_SignInit(session.value, { mechanism: k.CKM_ECDSA }, priv);
        const digest = createHash('sha256').update(data).digest();
        return new Uint8Array(lib.C_Sign(session.value, digest, Buffer.alloc(132)));
      },
      close,
    });
  } catch {
    close();
    return err('SIGNER_UNAVAILABLE', { reason: 'token-key-unreadable' });
  }
}
