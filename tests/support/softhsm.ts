// A real PKCS#11 token for the tests: Debian's SoftHSM2 with its token directory in a temporary
// folder (SOFTHSM2_CONF points there), a token initialised with `softhsm2-util --init-token`,
// and an EC P-256 key generated *inside* the token by the kiosk's own key generator
// (core/dcc/signer/pkcs11-keygen.ts: not extractable, sensitive) plus a DSC for it issued by a
// test CSCA. SoftHSM2 reads SOFTHSM2_CONF when the module is initialised, and the kiosk's module
// handle is reference-counted, so create the token before any kiosk in this process opens it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTokenKey } from '../../core/dcc/signer/pkcs11-keygen';
import { writeDscForKey, type DscOptions } from './dsc';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface SoftHsmToken {
  readonly dir: string;
  readonly module: string;
  readonly tokenLabel: string;
  readonly keyLabel: string;
  readonly pin: string;
  /** 0600 file holding the PIN. */
  readonly pinFile: string;
  readonly dscPath: string;
  readonly publicKey: KeyObject;
  /** `signer` section for the kiosk configuration. */
  readonly signerConfig: {
    kind: 'pkcs11';
    module: string;
    tokenLabel: string;
    keyLabel: string;
    pinFile: string;
    dscPath: string;
  };
  cleanup(): void;
}

export async function createSoftHsmToken(
  o: { tokenLabel?: string; keyLabel?: string; dsc?: Partial<DscOptions> } = {},
): Promise<SoftHsmToken> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-softhsm-'));
  const tokens = join(dir, 'tokens');
  mkdirSync(tokens);
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
  process.env.SOFTHSM2_CONF = conf;
  const tokenLabel = o.tokenLabel ?? 'kiosk';
  const keyLabel = o.keyLabel ?? 'dsc';
  const pin = '246813';
  execFileSync('softhsm2-util', ['--init-token', '--free', '--label', tokenLabel, '--pin', pin, '--so-pin', '97531'], {
    env: process.env,
    stdio: 'ignore',
  });
  const generated = await generateTokenKey({ module: SOFTHSM_MODULE, tokenLabel, keyLabel, pin });
  if (!generated.ok) throw new Error(`key generation in SoftHSM2 failed: ${JSON.stringify(generated.error)}`);
  const pinFile = join(dir, 'pin');
  writeFileSync(pinFile, `${pin}\n`, { mode: 0o600 });
  const { certPath: dscPath } = await writeDscForKey(dir, 'hsm-dsc', generated.value.publicKey, o.dsc);
  return {
    dir,
    module: SOFTHSM_MODULE,
    tokenLabel,
    keyLabel,
    pin,
    pinFile,
    dscPath,
    publicKey: generated.value.publicKey,
    signerConfig: { kind: 'pkcs11', module: SOFTHSM_MODULE, tokenLabel, keyLabel, pinFile, dscPath },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
