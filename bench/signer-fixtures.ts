// Hardware and remote signers for the benchmarks (docs/performance.md): a SoftHSM2 token with a
// DSC key generated inside it (tests/support/softhsm.ts) and the TLS signing-service simulator on
// loopback (tests/support/signing-service.ts), both opened through the kiosk's own signer loader
// so the figures include exactly what the kiosk does per signature.
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPkcs11Signer } from '../core/dcc/signer/pkcs11-signer';
import type { Signer } from '../core/dcc/types';
import { parseDsc, type DscInfo } from '../core/dcc/x509';
import { openKeySigner } from '../core/issuance/signer-loaders';
import { createSoftHsmToken } from '../tests/support/softhsm';
import { startSigningService } from '../tests/support/signing-service';
import { benchTempDir, onBenchExit } from './fixtures';

export async function benchPkcs11Signer(): Promise<{ signer: Signer; close(): void }> {
  const token = await createSoftHsmToken();
  const signer = await openPkcs11Signer({ ...token, dsc: readFileSync(token.dscPath, 'utf8') });
  if (!signer.ok) throw new Error(`bench: SoftHSM2 signer: ${signer.error.code}`);
  const forget = onBenchExit(() => token.cleanup());
  return {
    signer: signer.value,
    close: () => {
      signer.value.close();
      token.cleanup();
      forget();
    },
  };
}

export async function benchRemoteSigner(): Promise<{ signer: Signer; dsc: DscInfo; close(): Promise<void> }> {
  const dir = mkdtempSync(join(benchTempDir(), 'remote-'));
  const service = await startSigningService(dir, { timeoutMs: 10_000, retries: 0 });
  const opened = await openKeySigner(service.signerConfig as never, { kioskId: 'kiosk-bench' });
  if (!opened.ok) throw new Error(`bench: remote signer: ${opened.error.code}`);
  const dsc = parseDsc(service.pki.dscPem);
  if (!dsc.ok) throw new Error('bench: simulator DSC');
  return { signer: opened.value.signer, dsc: dsc.value, close: () => service.sim.close() };
}
