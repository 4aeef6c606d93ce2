// Pure-JS ES256 signer with @noble/curves (docs/dcc-notes.md §4): RFC 6979 deterministic nonces, so the
// same payload and key give the same HC1 bytes (golden tests), raw 64-byte r‖s output. noble 2.x
// hashes the message itself (`prehash: true`, SHA-256 for p256), so it receives the Sig_structure.
import { p256 } from '@noble/curves/nist.js';
import { err, ok, type Result } from '../../result';
import type { Signer } from '../types';
import { matchKeyToDsc } from './key-match';
import type { SignerKeyMaterial } from './node-signer';

/**
 * An ES256 signer on @noble/curves (pure JavaScript), for comparison with node:crypto.
 * @param material - the PEM private key and its DSC
 * @returns the signer
 * @throws never: a key that is not P-256, unreadable or not the DSC's fails as SIGNER_UNAVAILABLE
 */
export function createNobleSigner(material: SignerKeyMaterial): Result<Signer> {
  const matched = matchKeyToDsc(material.privateKeyPem, material.dsc);
  if (!matched.ok) return matched;
  const { privateKey, dsc, algorithm } = matched.value;
  if (algorithm !== 'ES256') return err('SIGNER_UNAVAILABLE', { reason: 'unsupported_key_type' });
  const jwk = privateKey.export({ format: 'jwk' });
  if (typeof jwk.d !== 'string') return err('SIGNER_UNAVAILABLE', { reason: 'key_unreadable' });
  const secretKey = new Uint8Array(Buffer.from(jwk.d, 'base64url'));
  return ok({
    algorithm: 'ES256',
    kid: dsc.kid,
    dscDer: dsc.der,
    async sign(sigStructure: Uint8Array): Promise<Uint8Array> {
      return p256.sign(sigStructure, secretKey, { prehash: true, format: 'compact' });
    },
  });
}
