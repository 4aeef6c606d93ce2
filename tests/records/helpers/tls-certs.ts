// Test PKI for the TLS cases of the record-source client: a private CA, a server certificate for
// 127.0.0.1, one for another host name, a self-signed one, and a client certificate for mTLS.
// Generated fresh per run with @peculiar/x509 (via the engine's loader), so no binary is needed.
import { webcrypto } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { x509 } from '../../../core/dcc/x509-lib';

const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface Pem {
  readonly cert: string;
  readonly key: string;
}

async function keyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  return `-----BEGIN PRIVATE KEY-----\n${der
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END PRIVATE KEY-----\n`;
}

const validity = () => ({ notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 86_400_000) });

async function issue(
  name: string,
  issuer: { name: string; key: webcrypto.CryptoKey } | 'self',
  extensions: x509.Extension[],
): Promise<Pem & { keys: webcrypto.CryptoKeyPair }> {
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/u, '1'),
    subject: name,
    issuer: issuer === 'self' ? name : issuer.name,
    ...validity(),
    signingAlgorithm: alg,
    publicKey: keys.publicKey,
    signingKey: issuer === 'self' ? keys.privateKey : issuer.key,
    extensions,
  });
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey), keys };
}

export interface TestPki {
  readonly ca: string;
  readonly server: Pem;
  readonly wrongHost: Pem;
  readonly selfSigned: Pem;
  readonly client: Pem;
  /** The same material as files, for configs that take paths. */
  readonly files: { readonly ca: string; readonly clientCert: string; readonly clientKey: string };
}

export async function createTestPki(): Promise<TestPki> {
  const ca = await issue('CN=Test Health Office CA', 'self', [
    new x509.BasicConstraintsExtension(true, 0, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  ]);
  const caIssuer = { name: 'CN=Test Health Office CA', key: ca.keys.privateKey };
  const leaf = (san: { type: 'ip' | 'dns'; value: string }[], usage: string) => [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.ExtendedKeyUsageExtension([usage]),
    new x509.SubjectAlternativeNameExtension(san),
  ];
  const server = await issue('CN=127.0.0.1', caIssuer, leaf([{ type: 'ip', value: '127.0.0.1' }], '1.3.6.1.5.5.7.3.1'));
  const wrongHost = await issue(
    'CN=other.example',
    caIssuer,
    leaf([{ type: 'dns', value: 'other.example' }], '1.3.6.1.5.5.7.3.1'),
  );
  const selfSigned = await issue(
    'CN=127.0.0.1',
    'self',
    leaf([{ type: 'ip', value: '127.0.0.1' }], '1.3.6.1.5.5.7.3.1'),
  );
  const client = await issue(
    'CN=kiosk-0001',
    caIssuer,
    leaf([{ type: 'dns', value: 'kiosk-0001.example' }], '1.3.6.1.5.5.7.3.2'),
  );

  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pki-'));
  const files = { ca: join(dir, 'ca.pem'), clientCert: join(dir, 'client.pem'), clientKey: join(dir, 'client.key') };
  writeFileSync(files.ca, ca.cert);
  writeFileSync(files.clientCert, client.cert);
  writeFileSync(files.clientKey, client.key);
  const pem = (p: Pem) => ({ cert: p.cert, key: p.key });
  return {
    ca: ca.cert,
    server: pem(server),
    wrongHost: pem(wrongHost),
    selfSigned: pem(selfSigned),
    client: pem(client),
    files,
  };
}
