// Key material for a new DSC (`cli keys generate`, `cli keys csr`; docs/configuration.md
// "Operator tooling"): a P-256 key in a 0600 PKCS#8 file or inside a PKCS#11 token, and a
// PKCS#10 certificate request for the national PKI carrying the recovery EKU OIDs (both
// spellings) and key usage digitalSignature. For a token key the request is signed by the token
// (CKM_ECDSA over SHA-256) — the key is never exported, not even for the request.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, webcrypto, type KeyObject } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { DCC_EKU_OIDS } from '../x509';
import { x509 } from '../x509-lib';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** Writes a new P-256 key as PKCS#8 PEM, mode 0600; refuses to overwrite a key. */
export function writeNewKeyFile(path: string): KeyObject {
  if (existsSync(path)) throw Object.assign(new Error('key file exists'), { code: 'EEXIST' });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  return privateKey;
}

/** "/C=DE/O=Stadt Köln/CN=Kiosk DSC 1" → x509 JSON name (a "/" inside a value: "\/"). */
export function parseSubject(subject: string): x509.JsonName {
  if (!subject.startsWith('/')) throw new Error('subject must look like /C=DE/O=…/CN=…');
  const parts = subject
    .slice(1)
    .split(/(?<!\\)\//)
    .map((p) => p.replaceAll('\\/', '/'));
  return parts.map((p) => {
    const eq = p.indexOf('=');
    if (eq < 1 || eq === p.length - 1) throw new Error(`subject part "${p}" is not TYPE=value`);
    return { [p.slice(0, eq)]: [p.slice(eq + 1)] };
  });
}

/** Signs the request's to-be-signed bytes: raw r‖s over SHA-256 (file key or token). */
export type RequestSigner = (tbs: Uint8Array) => Promise<Uint8Array>;

/**
 * Builds a PKCS#10 certificate signing request for a DSC (`cli keys csr`).
 * @param subject - `/C=DE/O=…/CN=…`
 * @param publicKey - the P-256 public key the DSC will certify
 * @param sign - signs the request with the matching private key (file or token)
 * @returns the request as PEM
 * @throws on a malformed subject (a usage error for the CLI)
 */
export async function buildDscRequest(subject: string, publicKey: KeyObject, sign: RequestSigner): Promise<string> {
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const publicCryptoKey = await webcrypto.subtle.importKey('spki', spki, EC, true, ['verify']);
  // @peculiar/x509 asks its crypto for the SPKI and the signature; the signature comes from `sign`.
  const crypto = {
    getRandomValues: webcrypto.getRandomValues.bind(webcrypto),
    subtle: {
      exportKey: (format: 'spki', key: webcrypto.CryptoKey) => webcrypto.subtle.exportKey(format, key),
      sign: async (_alg: unknown, _key: unknown, data: ArrayBuffer | Uint8Array) => {
        const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
        const raw = await sign(bytes);
        return raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength);
      },
    },
  } as unknown as Parameters<typeof x509.Pkcs10CertificateRequestGenerator.create>[1];
  const csr = await x509.Pkcs10CertificateRequestGenerator.create(
    {
      name: parseSubject(subject),
      keys: {
        publicKey: publicCryptoKey,
        privateKey: { algorithm: EC, type: 'private' } as unknown as webcrypto.CryptoKey,
      },
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
      extensions: [
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([...DCC_EKU_OIDS.r]),
      ],
    },
    crypto,
  );
  if (!(await csr.verify())) throw new Error('certificate request does not verify (key and signer differ)');
  return csr.toString('pem') + '\n';
}

/** RequestSigner for a PEM key file. */
export function fileKeySigner(keyPem: string, passphrase?: string): { publicKey: KeyObject; sign: RequestSigner } {
  const key = createPrivateKey(passphrase === undefined ? keyPem : { key: keyPem, passphrase });
  return {
    publicKey: createPublicKey(key),
    sign: async (tbs) => new Uint8Array(sign('sha256', tbs, { key, dsaEncoding: 'ieee-p1363' })),
  };
}
