// `npm run sim:signer -- [--port N] [--dir DIR] [--fault MODE] [--token TOKEN]`: the issuer's
// hash-signing service stand-in (signing-simulator.ts) on 127.0.0.1 for demos and manual tests.
// It generates a TLS CA, server and client certificates and its own test DSC, writes what a
// kiosk needs into DIR (CA, DSC, client certificate, client key 0600, token file 0600) and
// prints the kiosk's `signer` section. Its DSC is a test certificate no verifier app trusts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, stringFlag, UsageError } from '../../cli/args';
import { generateSimulatorPki } from './signing-sim-pki';
import { SIGNING_FAULT_MODES, startSigningSimulator, type SigningFaultMode } from './signing-simulator';

const USAGE = `usage: npm run sim:signer -- [--port N] [--dir DIR] [--fault ${SIGNING_FAULT_MODES.join('|')}] [--token TOKEN]`;

/**
 * Runs the signing-service simulator from the command line until interrupted.
 * @param argv - the command-line arguments
 * @returns the process exit code
 */
export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { port: 'string', dir: 'string', fault: 'string', token: 'string' });
  const portRaw = stringFlag(args, 'port') ?? '8788';
  if (!/^\d+$/u.test(portRaw) || Number(portRaw) > 65535) throw new UsageError('--port must be 0..65535');
  const fault = stringFlag(args, 'fault') ?? 'none';
  if (!(SIGNING_FAULT_MODES as readonly string[]).includes(fault))
    throw new UsageError(`--fault must be one of ${SIGNING_FAULT_MODES.join(', ')}`);
  const dir = resolve(stringFlag(args, 'dir') ?? 'signing-sim');
  const token = stringFlag(args, 'token');
  const pki = await generateSimulatorPki();
  const sim = await startSigningSimulator({
    pki,
    port: Number(portRaw),
    fault: fault as SigningFaultMode,
    ...(token ? { bearerToken: token } : {}),
  });
  mkdirSync(dir, { recursive: true });
  const file = (name: string, text: string, mode = 0o644) => {
    const path = join(dir, name);
    writeFileSync(path, text, { mode });
    return path;
  };
  const signer = {
    kind: 'remote',
    baseUrl: sim.url,
    dscPath: file('service-dsc.pem', pki.dscPem),
    caPath: file('service-ca.pem', pki.caPem),
    clientCertPath: file('kiosk-client.pem', pki.clientCertPem),
    clientKeyPath: file('kiosk-client-key.pem', pki.clientKeyPem, 0o600),
    ...(token ? { tokenFile: file('service-token', `${token}\n`, 0o600) } : {}),
  };
  process.stdout.write(`${JSON.stringify({ signer }, null, 2)}\n`);
  process.stderr.write(`signing simulator on ${sim.url} (fault: ${fault}); TEST DSC – NOT VALID\n`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return await new Promise<number>(() => {}); // runs until a signal
}

const invokedDirectly = process.argv[1]?.endsWith('signing-simulator-cli.ts') ?? false;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(
        e instanceof UsageError ? `${e.message}\n${USAGE}\n` : 'signing simulator failed to start\n',
      );
      process.exit(2);
    },
  );
}
