// The secret file each signer kind reads (docs/configuration.md, "signer"; docs/monitoring.md,
// "Installation check"): the PEM or demo key file, the PKCS#11 PIN file, the remote signer's mTLS
// client key. Its own doctor line says what is wrong with the file — missing, readable by other
// users, empty — and, for a PIN, whether the token refused it, so the installer is sent to the
// file rather than to the token.
import { join } from 'node:path';
import type { SignerConfig } from '../../config/config-schema';
import { DEMO_FILES } from '../../dcc/demo-trust';
import { readSecretText } from '../../dcc/signer/secret-file';
import type { LoadedSigner } from '../../issuance/signer-state';
import { fail, pass, privateFileProblem, type CheckResult } from './doctor-check';

interface SecretFile {
  readonly check: string;
  readonly path: string;
}

export function signerSecretFile(sc: SignerConfig, dataDir: string): SecretFile {
  switch (sc.kind) {
    case 'pem':
      return { check: 'signing key file', path: sc.keyPath };
    case 'pkcs11':
      return { check: 'signer pin file', path: sc.pinFile };
    case 'remote':
      return { check: 'signer client key file', path: sc.clientKeyPath };
    case 'demo':
      return { check: 'signing key file', path: join(dataDir, 'demo-keys', DEMO_FILES.key) };
  }
}

/** A wrong or locked PIN, in words (the token's answer, docs/configuration.md "pkcs11" errors). */
export function pinRefusal(loaded: LoadedSigner): string | undefined {
  if (loaded.kind !== 'pkcs11' || loaded.ok || loaded.error.code !== 'SIGNER_PIN_WRONG') return undefined;
  return loaded.error.reason === 'pin-locked'
    ? 'the token refused the PIN and is locked (too many wrong PINs): unlock it with the SO PIN'
    : 'the token refused the PIN (wrong PIN in this file)';
}

export async function checkSignerSecretFile(
  sc: SignerConfig,
  dataDir: string,
  loaded: LoadedSigner,
): Promise<CheckResult> {
  const { check, path } = signerSecretFile(sc, dataDir);
  const problem = await privateFileProblem(path);
  if (problem) return fail(check, `${path}: ${problem}`);
  if (sc.kind === 'pkcs11') {
    const pin = readSecretText(path);
    if (!pin.ok && pin.error === 'empty') return fail(check, `${path}: empty`);
    const refused = pinRefusal(loaded);
    if (refused) return fail(check, `${path}: ${refused}`);
    // Only a login proves the PIN; the token is reached through the signer line.
    if (loaded.ok) return pass(check, `${path}: 0600, kiosk user; the token accepted the PIN`);
  }
  return pass(check, `${path}: 0600, kiosk user`);
}
