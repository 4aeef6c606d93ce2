// Demo trust chain (docs/dcc-notes.md §7): real verifier apps only trust DSCs onboarded by the national PKI,
// so demo mode signs with a self-made CSCA → DSC chain that is clearly marked "DEMO – NOT VALID".
// CSCA: self-signed EC P-256, C=DE, CA + SKI. DSC: EC P-256, AKI = CSCA SKI, own SKI, EKU = the
// recovery OID in both spellings (docs/dcc-notes.md §7 table), digitalSignature only. The CSCA key is
// discarded after signing the DSC; the DSC key is written as PKCS#8 PEM with mode 0600.
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes, webcrypto, type webcrypto as WebCrypto } from 'node:crypto';
import { createNodeSigner } from './signer/node-signer';
import type { Signer } from './types';
import { DCC_EKU_OIDS, parseDsc } from './x509';
import { x509 } from './x509-lib';

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
/** File names of the demo PKI inside its directory: CSCA, DSC and the DSC's private key. */
export const DEMO_FILES = { csca: 'csca.pem', dsc: 'dsc.pem', key: 'dsc-key.pem' } as const;

/** A generated demo PKI: the kid, the PEMs and where they were written. */
export interface DemoTrustChain {
  /** base64 of the 8-byte kid. */
  readonly kid: string;
  readonly cscaPem: string;
  readonly dscPem: string;
  readonly keyPath: string;
  readonly dscPath: string;
  readonly cscaPath: string;
}

function pkcs8Pem(der: ArrayBuffer): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

/** Writes csca.pem, dsc.pem and dsc-key.pem (0600) to `dir` and returns the DSC's kid. */
export async function generateDemoTrustChain(dir: string, opts: { now?: Date } = {}): Promise<DemoTrustChain> {
  const now = opts.now ?? new Date();
  const subtle = webcrypto.subtle;
  const cscaKeys = (await subtle.generateKey(EC, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const dscKeys = (await subtle.generateKey(EC, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const cscaName = 'C=DE, O=Genesenen-Kiosk DEMO – NOT VALID, CN=Genesenen-Kiosk DEMO CSCA – NOT VALID';
  const csca = await x509.X509CertificateGenerator.createSelfSigned({
    name: cscaName,
    keys: cscaKeys,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 5 * 365 * DAY_MS),
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(cscaKeys.publicKey),
    ],
  });
  const dsc = await x509.X509CertificateGenerator.create({
    subject: 'C=DE, O=Genesenen-Kiosk DEMO – NOT VALID, CN=Genesenen-Kiosk DSC DEMO NOT VALID',
    issuer: csca.subject,
    publicKey: dscKeys.publicKey,
    signingKey: cscaKeys.privateKey,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 2 * 365 * DAY_MS),
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([...DCC_EKU_OIDS.r]),
      await x509.AuthorityKeyIdentifierExtension.create(cscaKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(dscKeys.publicKey),
    ],
  });
  const keyPem = pkcs8Pem(await subtle.exportKey('pkcs8', dscKeys.privateKey));
  await mkdir(dir, { recursive: true });
  const keyPath = join(dir, DEMO_FILES.key);
  const dscPath = join(dir, DEMO_FILES.dsc);
  const cscaPath = join(dir, DEMO_FILES.csca);
  await writeFile(keyPath, keyPem, { mode: 0o600 });
  await chmod(keyPath, 0o600);
  const cscaPem = csca.toString('pem') + '\n';
  const dscPem = dsc.toString('pem') + '\n';
  await writeFile(cscaPath, cscaPem);
  await writeFile(dscPath, dscPem);
  const info = parseDsc(dscPem);
  if (!info.ok) throw new Error('generated DSC does not parse');
  return { kid: Buffer.from(info.value.kid).toString('base64'), cscaPem, dscPem, keyPath, dscPath, cscaPath };
}

/** The demo signer and its DSC, as the kiosk loads them in demo mode. */
export interface DemoTrust {
  readonly signer: Signer;
  readonly dscDer: Uint8Array;
  /** base64 of the 8-byte kid. */
  readonly kid: string;
  readonly notAfter: Date;
}

/**
 * Generates the chain in a private directory and renames it into place. Kiosks that start together
 * on one data directory each generate one; the first rename wins and the others read the winner's,
 * so no kiosk pairs one kiosk's key with another's DSC (tests/dcc/x509-signers.test.ts).
 */
async function createDemoTrustOnce(dir: string): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  const tmp = `${dir}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await generateDemoTrustChain(tmp);
    await rename(tmp, dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTEMPTY') throw e;
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/**
 * The demo signer under `<dataDir>/demo-keys/`: created on first use, reused afterwards (so
 * certificates issued earlier stay verifiable with the same DSC). Throws only on I/O failure or
 * unreadable files (the caller maps that to SIGNER_UNAVAILABLE).
 */
export async function loadOrCreateDemoTrust(dataDir: string): Promise<DemoTrust> {
  const dir = join(dataDir, 'demo-keys');
  const keyPath = join(dir, DEMO_FILES.key);
  const dscPath = join(dir, DEMO_FILES.dsc);
  if (!existsSync(keyPath) || !existsSync(dscPath)) await createDemoTrustOnce(dir);
  const [keyPem, dscPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(dscPath, 'utf8')]);
  const signer = createNodeSigner({ privateKeyPem: keyPem, dsc: dscPem });
  const info = parseDsc(dscPem);
  if (!signer.ok || !info.ok) throw Object.assign(new Error('demo signer unusable'), { code: 'SIGNER_UNAVAILABLE' });
  return {
    signer: signer.value,
    dscDer: info.value.der,
    kid: Buffer.from(info.value.kid).toString('base64'),
    notAfter: info.value.notAfter,
  };
}
