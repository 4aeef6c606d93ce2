// Document Signer Certificates and keys on disk for the signer tests (docs/reliability.md, signer at
// start-up): a fresh P-256 key and a DSC with chosen validity and extended key usage, written as
// the files a `signer: { kind: "pem" }` configuration points to. Generated per test with
// @peculiar/x509 (the engine's loader); nothing here is a trusted certificate.
import { webcrypto, type KeyObject, type webcrypto as WebCrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DCC_EKU_OIDS } from '../../core/dcc/x509';
import { x509 } from '../../core/dcc/x509-lib';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const DAY = 86_400_000;

export interface DscOptions {
  /** Days relative to now (negative = past). */
  readonly validFromDays: number;
  readonly validToDays: number;
  /** Extended key usage OIDs; absent = no EKU extension (allowed for every certificate type). */
  readonly eku?: readonly string[];
  /** DER instead of PEM for the certificate file. */
  readonly der?: boolean;
}

export interface DscFiles {
  readonly keyPath: string;
  readonly certPath: string;
  readonly keyPem: string;
}

export async function writeDsc(dir: string, name: string, o: DscOptions): Promise<DscFiles> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'C=DE, O=Test, CN=Test DSC',
    keys,
    notBefore: new Date(now + o.validFromDays * DAY),
    notAfter: new Date(now + o.validToDays * DAY),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: o.eku ? [new x509.ExtendedKeyUsageExtension([...o.eku])] : [],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`;
  const keyPath = join(dir, `${name}-key.pem`);
  const certPath = join(dir, `${name}.${o.der ? 'der' : 'pem'}`);
  writeFileSync(keyPath, keyPem, { mode: 0o600 });
  writeFileSync(certPath, o.der ? Buffer.from(cert.rawData) : cert.toString('pem'));
  return { keyPath, certPath, keyPem };
}

/**
 * A DSC for a public key whose private half lives elsewhere (a PKCS#11 token, a signing
 * service), issued by a throw-away test CSCA. Extended key usage: recovery, unless `eku` says.
 */
export async function writeDscForKey(
  dir: string,
  name: string,
  publicKey: KeyObject,
  o: Partial<DscOptions> = {},
): Promise<{ certPath: string; cscaPem: string }> {
  const cscaKeys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const now = Date.now();
  const csca = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'C=DE, O=Test, CN=Test CSCA',
    keys: cscaKeys,
    notBefore: new Date(now - 2 * DAY),
    notAfter: new Date(now + 3650 * DAY),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.BasicConstraintsExtension(true, 0, true)],
  });
  const spki = publicKey.export({ format: 'der', type: 'spki' });
  const subjectKey = await webcrypto.subtle.importKey('spki', spki, EC, true, ['verify']);
  const cert = await x509.X509CertificateGenerator.create({
    subject: `C=DE, O=Test, CN=${name}`,
    issuer: csca.subject,
    publicKey: subjectKey,
    signingKey: cscaKeys.privateKey,
    notBefore: new Date(now + (o.validFromDays ?? -1) * DAY),
    notAfter: new Date(now + (o.validToDays ?? 365) * DAY),
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: [new x509.ExtendedKeyUsageExtension([...(o.eku ?? DCC_EKU_OIDS.r)])],
  });
  const certPath = join(dir, `${name}.pem`);
  writeFileSync(certPath, cert.toString('pem'));
  return { certPath, cscaPem: csca.toString('pem') };
}
