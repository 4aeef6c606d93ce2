// Opens one configured signer with a real key (docs/configuration.md, "signer"): `pem` (a key
// file that only the kiosk user can read, optionally encrypted), `pkcs11` (key inside a token)
// or `remote` (the issuer's hash-signing service, docs/remote-signing.md). Secrets — PIN,
// passphrase, mTLS key, bearer token — are read once from files that group and others cannot
// read (core/dcc/signer/secret-file.ts). Every failure is a Result with its own SIGNER_* code
// and a non-secret reason for the clerk status; nothing here throws.
import { readFileSync } from 'node:fs';
import type { KeySignerConfig } from '../config/config-schema';
import { createNodeSigner } from '../dcc/signer/node-signer';
import { openPkcs11Signer } from '../dcc/signer/pkcs11-signer';
import { createRemoteSigner } from '../dcc/signer/remote-signer';
import { describeSecretProblem, readSecretFile, readSecretText, secretFileProblem } from '../dcc/signer/secret-file';
import type { Signer } from '../dcc/types';
import { parseDsc, type DscInfo } from '../dcc/x509';
import { err, ok, type Result } from '../result';

export interface OpenedSigner {
  readonly signer: Signer;
  readonly dsc: DscInfo;
  close(): void;
}

export interface SignerContext {
  /** Default X-Location-Id source for the remote signer. */
  readonly kioskId: string;
}

const isPem = (bytes: Uint8Array): boolean =>
  Buffer.from(bytes.subarray(0, 64)).toString('latin1').includes('-----BEGIN');

function readDsc(path: string): Result<{ input: string | Uint8Array; dsc: DscInfo }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch {
    return err('SIGNER_UNAVAILABLE', { reason: 'certificate-unreadable' });
  }
  const input = isPem(bytes) ? Buffer.from(bytes).toString('utf8') : bytes;
  const dsc = parseDsc(input);
  return dsc.ok ? ok({ input, dsc: dsc.value }) : err('SIGNER_UNAVAILABLE', { reason: 'certificate-unreadable' });
}

function secretText(path: string, what: string): Result<string> {
  const r = readSecretText(path);
  if (r.ok) return r;
  if (r.error === 'missing') return err('SIGNER_UNAVAILABLE', { reason: `${what}-unreadable` });
  return err('SIGNER_SECRET_FILE_UNSAFE', { reason: `${what}: ${describeSecretProblem(r.error)}` });
}

const noop = () => undefined;

export async function openKeySigner(c: KeySignerConfig, ctx: SignerContext): Promise<Result<OpenedSigner>> {
  switch (c.kind) {
    case 'pem': {
      const problem = secretFileProblem(c.keyPath);
      if (problem === 'missing') return err('SIGNER_UNAVAILABLE', { reason: 'key-unreadable' });
      if (problem) return err('SIGNER_KEY_FILE_UNSAFE', { reason: `key file: ${describeSecretProblem(problem)}` });
      const passphrase = c.passphraseFile === undefined ? undefined : secretText(c.passphraseFile, 'passphrase file');
      if (passphrase && !passphrase.ok) return passphrase;
      const dsc = readDsc(c.certPath);
      if (!dsc.ok) return dsc;
      let keyPem: string;
      try {
        keyPem = readFileSync(c.keyPath, 'utf8');
      } catch {
        return err('SIGNER_UNAVAILABLE', { reason: 'key-unreadable' });
      }
      const signer = createNodeSigner({
        privateKeyPem: keyPem,
        dsc: dsc.value.input,
        ...(passphrase ? { passphrase: passphrase.value } : {}),
      });
      if (!signer.ok) {
        if (signer.error.code === 'SIGNER_PIN_WRONG') return signer;
        const encrypted = signer.error.details?.reason === 'key_encrypted_no_passphrase';
        return err('SIGNER_UNAVAILABLE', {
          reason: encrypted ? 'key is encrypted: set passphraseFile' : 'key-does-not-match-certificate',
        });
      }
      return ok({ signer: signer.value, dsc: dsc.value.dsc, close: noop });
    }
    case 'pkcs11': {
      const pin = secretText(c.pinFile, 'PIN file');
      if (!pin.ok) return pin;
      const dsc = readDsc(c.dscPath);
      if (!dsc.ok) return dsc;
      const signer = await openPkcs11Signer({
        module: c.module,
        tokenLabel: c.tokenLabel,
        keyLabel: c.keyLabel,
        pin: pin.value,
        dsc: dsc.value.input,
      });
      if (!signer.ok) return signer;
      return ok({ signer: signer.value, dsc: dsc.value.dsc, close: () => signer.value.close() });
    }
    case 'remote': {
      const dsc = readDsc(c.dscPath);
      if (!dsc.ok) return dsc;
      const key = readSecretFile(c.clientKeyPath);
      if (!key.ok) {
        return key.error === 'missing'
          ? err('SIGNER_UNAVAILABLE', { reason: 'client-key-unreadable' })
          : err('SIGNER_SECRET_FILE_UNSAFE', { reason: `client key: ${describeSecretProblem(key.error)}` });
      }
      const token = c.tokenFile === undefined ? undefined : secretText(c.tokenFile, 'token file');
      if (token && !token.ok) return token;
      let cert: Buffer;
      let ca: Buffer | undefined;
      try {
        cert = readFileSync(c.clientCertPath);
        ca = c.caPath ? readFileSync(c.caPath) : undefined;
      } catch {
        return err('SIGNER_UNAVAILABLE', { reason: 'tls-files-unreadable' });
      }
      const signer = createRemoteSigner({
        baseUrl: c.baseUrl,
        dsc: dsc.value.dsc,
        tls: { cert, key: key.value, ...(ca ? { ca } : {}) },
        ...(token ? { bearerToken: token.value } : {}),
        locationId: c.locationId ?? ctx.kioskId,
        timeoutMs: c.timeoutMs,
        retries: c.retries,
      });
      return ok({ signer, dsc: dsc.value.dsc, close: noop });
    }
  }
}
