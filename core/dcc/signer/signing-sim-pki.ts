// Certificates for the signing-service simulator (signing-simulator.ts): a throw-away TLS CA, a
// server certificate for 127.0.0.1/localhost, a client certificate for the kiosk (mTLS), and the
// service's own DSC (recovery EKU, issued by a simulator CSCA) whose private key never leaves the
// simulator's memory — like the issuer's HSM. Nothing here is trusted by any verifier app.
import { webcrypto, type webcrypto as WebCrypto } from 'node:crypto';
import { DCC_EKU_OIDS } from '../x509';
import { x509 } from '../x509-lib';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 86_400_000;

/** The throwaway PKI of the signing-service simulator: CA, server and client certificates, DSC. */
export interface SimulatorPki {
  readonly caPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  readonly clientCertPem: string;
  readonly clientKeyPem: string;
  readonly dscPem: string;
  /** The DSC's private scalar (32 bytes), for the simulator's signing only. */
  readonly dscSecret: Uint8Array;
}

const keys = async () => (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;

async function pkcs8Pem(key: WebCrypto.CryptoKey): Promise<string> {
  const b64 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key))
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64.trimEnd()}\n-----END PRIVATE KEY-----\n`;
}

async function issue(
  subject: string,
  subjectKeys: WebCrypto.CryptoKeyPair,
  issuer: { cert: x509.X509Certificate; keys: WebCrypto.CryptoKeyPair },
  extensions: x509.Extension[],
  now: number,
): Promise<x509.X509Certificate> {
  return x509.X509CertificateGenerator.create({
    subject,
    issuer: issuer.cert.subject,
    publicKey: subjectKeys.publicKey,
    signingKey: issuer.keys.privateKey,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    signingAlgorithm: SIGNING,
    extensions,
  });
}

async function selfSignedCa(name: string, now: number) {
  const k = await keys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name,
    keys: k,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    ],
  });
  return { cert, keys: k };
}

/**
 * Generates the simulator's PKI (nothing is written to disk).
 * @param now - the start of the certificates' validity (ms since the epoch)
 * @returns PEMs and keys for the simulator, the kiosk's client and the DSC
 */
export async function generateSimulatorPki(now: number = Date.now()): Promise<SimulatorPki> {
  const ca = await selfSignedCa('C=DE, O=Signing Simulator TEST, CN=Signing Simulator TLS CA', now);
  const csca = await selfSignedCa('C=DE, O=Signing Simulator TEST – NOT VALID, CN=Signing Simulator CSCA', now);
  const [serverKeys, clientKeys, dscKeys] = await Promise.all([keys(), keys(), keys()]);
  const server = await issue(
    'CN=127.0.0.1',
    serverKeys,
    ca,
    [
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'dns', value: 'localhost' },
      ]),
      new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.1']),
    ],
    now,
  );
  const client = await issue(
    'C=DE, O=Genesenen-Kiosk TEST, CN=kiosk client',
    clientKeys,
    ca,
    [new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.2'])],
    now,
  );
  const dsc = await issue(
    'C=DE, O=Signing Simulator TEST – NOT VALID, CN=Signing Simulator DSC',
    dscKeys,
    csca,
    [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([...DCC_EKU_OIDS.r]),
    ],
    now,
  );
  const jwk = await webcrypto.subtle.exportKey('jwk', dscKeys.privateKey);
  return {
    caPem: ca.cert.toString('pem') + '\n',
    serverCertPem: server.toString('pem') + '\n',
    serverKeyPem: await pkcs8Pem(serverKeys.privateKey),
    clientCertPem: client.toString('pem') + '\n',
    clientKeyPem: await pkcs8Pem(clientKeys.privateKey),
    dscPem: dsc.toString('pem') + '\n',
    dscSecret: new Uint8Array(Buffer.from(jwk.d!, 'base64url')),
  };
}
