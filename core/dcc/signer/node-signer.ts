// Signer backed by node:crypto (docs/dcc-notes.md §4): ES256 as raw r‖s (ieee-p1363, 64 bytes — never DER),
// PS256 as RSA-PSS/SHA-256 with a 32-byte salt. The Signer interface (core/dcc/types.ts) is what a
// PKCS#11 or remote HSM signer implements as well.
import { constants, sign } from 'node:crypto';
import { ok, type Result } from '../../result';
import type { Signer } from '../types';
import { matchKeyToDsc } from './key-match';

/** A PEM private key (optionally encrypted) and the DSC it must belong to. */
export interface SignerKeyMaterial {
  /** PKCS#8 (or SEC1/PKCS#1) PEM of the private key. */
  readonly privateKeyPem: string;
  /** The DSC belonging to the key, PEM or DER. */
  readonly dsc: string | Uint8Array;
  /** For an encrypted PKCS#8 PEM. */
  readonly passphrase?: string;
}

/**
 * A signer on node:crypto: ES256 for a P-256 key, PS256 for an RSA key.
 * @param material - the PEM private key and its DSC
 * @returns the signer
 * @throws never: a key that does not belong to the DSC, is unreadable or has an unsupported type
 *   fails with SIGNER_UNAVAILABLE; a wrong passphrase with SIGNER_PIN_WRONG
 */
export function createNodeSigner(material: SignerKeyMaterial): Result<Signer> {
  const matched = matchKeyToDsc(material.privateKeyPem, material.dsc, material.passphrase);
  if (!matched.ok) return matched;
  const { privateKey, dsc, algorithm } = matched.value;
  return ok({
    algorithm,
    kid: dsc.kid,
    dscDer: dsc.der,
    async sign(sigStructure: Uint8Array): Promise<Uint8Array> {
      const signature =
        algorithm === 'ES256'
          ? sign('sha256', sigStructure, { key: privateKey, dsaEncoding: 'ieee-p1363' })
          : sign('sha256', sigStructure, {
              key: privateKey,
              padding: constants.RSA_PKCS1_PSS_PADDING,
              saltLength: 32,
            });
      return new Uint8Array(signature);
    },
  });
}
