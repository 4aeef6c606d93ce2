// The issuer's hash-signing service for tests (core/dcc/signer/signing-simulator.ts, TLS with a
// generated CA, client certificate required) and the files a kiosk needs to use it: the
// service's DSC, the CA, the kiosk's client certificate and key (0600) and a bearer token file
// (0600). `signerConfig` is the kiosk's `signer` section.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSimulatorPki, type SimulatorPki } from '../../core/dcc/signer/signing-sim-pki';
import { startSigningSimulator, type SigningSimulator } from '../../core/dcc/signer/signing-simulator';

export interface SigningService {
  readonly sim: SigningSimulator;
  readonly pki: SimulatorPki;
  readonly dscPath: string;
  readonly signerConfig: Record<string, unknown> & { kind: 'remote' };
}

const TOKEN = 'kiosk-app-token-for-tests';

export async function startSigningService(
  dir: string,
  o: { timeoutMs?: number; retries?: number } = {},
): Promise<SigningService> {
  const pki = await generateSimulatorPki();
  const sim = await startSigningSimulator({ pki, bearerToken: TOKEN });
  const file = (name: string, text: string, mode = 0o644) => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode });
    return path;
  };
  const dscPath = file('service-dsc.pem', pki.dscPem);
  return {
    sim,
    pki,
    dscPath,
    signerConfig: {
      kind: 'remote',
      baseUrl: sim.url,
      dscPath,
      caPath: file('service-ca.pem', pki.caPem),
      clientCertPath: file('kiosk-client.pem', pki.clientCertPem),
      clientKeyPath: file('kiosk-client-key.pem', pki.clientKeyPem, 0o600),
      tokenFile: file('service-token', `${TOKEN}\n`, 0o600),
      timeoutMs: o.timeoutMs ?? 3000,
      retries: o.retries ?? 1,
    },
  };
}
