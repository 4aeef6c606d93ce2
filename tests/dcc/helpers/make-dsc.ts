// Builds throw-away DSCs for tests that need properties the demo chain does not have: RSA keys
// (PS256), other EKUs (test/vaccination only), other validity windows. Self-signed is enough:
// the engine trusts DSCs by list membership, not by chain (docs/dcc-notes.md §7).
import { webcrypto, type webcrypto as WebCrypto } from 'node:crypto';
import { x509 } from '../../../core/dcc/x509-lib';

export interface TestDsc {
  readonly der: Uint8Array;
  readonly pem: string;
  readonly keyPem: string;
}

export async function makeDsc(opts: {
  key?: 'P-256' | 'P-384' | 'RSA-2048';
  eku?: readonly string[];
  notBefore?: Date;
  notAfter?: Date;
}): Promise<TestDsc> {
  const key = opts.key ?? 'P-256';
  const alg =
    key === 'RSA-2048'
      ? { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }
      : { name: 'ECDSA', namedCurve: key };
  const signing =
    key === 'RSA-2048' ? { name: 'RSA-PSS', hash: 'SHA-256', saltLength: 32 } : { name: 'ECDSA', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'C=DE, O=Test, CN=Test DSC NOT VALID',
    keys,
    notBefore: opts.notBefore ?? new Date('2025-01-01T00:00:00Z'),
    notAfter: opts.notAfter ?? new Date('2030-01-01T00:00:00Z'),
    signingAlgorithm: signing,
    extensions: opts.eku ? [new x509.ExtendedKeyUsageExtension([...opts.eku])] : [],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, '$1\n').trimEnd()}\n-----END PRIVATE KEY-----\n`;
  return { der: new Uint8Array(cert.rawData), pem: cert.toString('pem'), keyPem };
}
