// `keys demo --dir DIR`: a demo CSCA, DSC and key (docs/dcc-notes.md §7) and the DSC's kid.
// Operator tooling for real keys (docs/configuration.md, "Operator tooling"):
//   keys generate --out DIR | --pkcs11 --module SO --token-label T --key-label L --pin-file F
//       a new P-256 DSC key, as DIR/dsc-key.pem (0600) or inside the token (never extractable);
//   keys csr --subject "/C=DE/O=…/CN=…" (--key KEY.pem [--passphrase-file F] | --pkcs11 …) [--out FILE]
//       a PKCS#10 request with the recovery EKU for the national PKI (signed by the key itself);
//   keys check --config FILE
//       signs and verifies one test structure with the configured signer; prints kind, kid, DSC
//       validity, days left and EKU. Exit 0 only when the signer could sign for recovery now.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config/load-config';
import { parseCoseSign1, signCoseSign1 } from '../../dcc/cose';
import { verifyCoseSignature } from '../../dcc/cose-verify';
import { generateDemoTrustChain } from '../../dcc/demo-trust';
import { buildDscRequest, fileKeySigner, writeNewKeyFile } from '../../dcc/signer/dsc-request';
import { generateTokenKey, openTokenKey, type TokenKeyRequest } from '../../dcc/signer/pkcs11-keygen';
import { describeSecretProblem, readSecretText } from '../../dcc/signer/secret-file';
import { loadSigner, readySigner, signerStatus } from '../../issuance/signer-state';
import { parseArgs, requireFlag, stringFlag, UsageError, type ParsedArgs } from '../args';

const out = (s: string) => process.stdout.write(`${s}\n`);
const fail = (s: string) => (process.stderr.write(`${s}\n`), 1);

function secret(path: string, what: string): string {
  const r = readSecretText(path);
  if (!r.ok) throw new UsageError(`${what} ${path}: ${describeSecretProblem(r.error)}`);
  return r.value;
}

function tokenRequest(args: ParsedArgs): TokenKeyRequest {
  return {
    module: requireFlag(args, 'module'),
    tokenLabel: requireFlag(args, 'token-label'),
    keyLabel: requireFlag(args, 'key-label'),
    pin: secret(requireFlag(args, 'pin-file'), '--pin-file'),
  };
}

async function generate(args: ParsedArgs): Promise<number> {
  if (args.flags.pkcs11 === true) {
    const r = await generateTokenKey(tokenRequest(args));
    if (!r.ok) return fail(`not generated: ${r.error.code} ${JSON.stringify(r.error.details ?? {})}`);
    out(r.value.publicKey.export({ format: 'pem', type: 'spki' }).toString().trimEnd());
    process.stderr.write('key generated inside the token (sensitive, not extractable); next: keys csr --pkcs11 …\n');
    return 0;
  }
  const path = join(requireFlag(args, 'out'), 'dsc-key.pem');
  if (existsSync(path)) return fail(`${path} exists: a DSC key is never overwritten`);
  writeNewKeyFile(path);
  process.stderr.write(`wrote ${path} (0600); next: keys csr --key ${path} --subject "/C=DE/O=…/CN=…"\n`);
  return 0;
}

async function csr(args: ParsedArgs): Promise<number> {
  const subject = requireFlag(args, 'subject');
  let pem: string;
  if (args.flags.pkcs11 === true) {
    const key = await openTokenKey(tokenRequest(args));
    if (!key.ok) return fail(`no request: ${key.error.code}`);
    try {
      pem = await buildDscRequest(subject, key.value.publicKey, (tbs) => key.value.sign(tbs));
    } finally {
      key.value.close();
    }
  } else {
    const keyPath = requireFlag(args, 'key');
    const passphraseFile = stringFlag(args, 'passphrase-file');
    const signer = fileKeySigner(
      readFileSync(keyPath, 'utf8'),
      passphraseFile ? secret(passphraseFile, '--passphrase-file') : undefined,
    );
    pem = await buildDscRequest(subject, signer.publicKey, signer.sign);
  }
  const target = stringFlag(args, 'out');
  if (target) writeFileSync(target, pem);
  else process.stdout.write(pem);
  return 0;
}

async function check(args: ParsedArgs): Promise<number> {
  const config = loadConfig(requireFlag(args, 'config'));
  if (!config.ok) return fail(`configuration invalid: ${JSON.stringify(config.error.details)}`);
  const loaded = await loadSigner(config.value.signer, stringFlag(args, 'data-dir') ?? '.', {
    kioskId: config.value.kioskId,
  });
  try {
    const now = new Date();
    const status = signerStatus(loaded, now);
    const ready = readySigner(loaded, now);
    const facts = loaded.ok
      ? { notBefore: loaded.value.dsc.notBefore.toISOString(), eku: loaded.value.dsc.extendedKeyUsages }
      : {};
    out(JSON.stringify({ ...status, ...facts }, null, 2));
    if (!ready.ok) return fail(`signer not ready: ${ready.error.code}`);
    // A test structure (empty claims map), not a certificate: nothing a verifier would accept.
    const cose = await signCoseSign1(new Uint8Array([0xa0]), ready.value.signer);
    const parsed = parseCoseSign1(cose);
    if (!parsed.ok || !verifyCoseSignature(parsed.value, ready.value.dsc))
      return fail('test signature does not verify against the DSC');
    out('test signature: ok (verifies against the DSC)');
    return 0;
  } catch (e) {
    return fail(`test signature failed: ${(e as { code?: string }).code ?? 'SIGNER_UNAVAILABLE'}`);
  } finally {
    loaded.close();
  }
}

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, {
    dir: 'string',
    out: 'string',
    pkcs11: 'boolean',
    module: 'string',
    'token-label': 'string',
    'key-label': 'string',
    'pin-file': 'string',
    subject: 'string',
    key: 'string',
    'passphrase-file': 'string',
    config: 'string',
    'data-dir': 'string',
  });
  const sub = args.positional[0];
  if (args.positional.length !== 1) throw new UsageError('expected one subcommand: demo, generate, csr or check');
  if (sub === 'generate') return generate(args);
  if (sub === 'csr') return csr(args);
  if (sub === 'check') return check(args);
  if (sub !== 'demo') throw new UsageError('expected one subcommand: demo, generate, csr or check');
  const chain = await generateDemoTrustChain(requireFlag(args, 'dir'));
  out(chain.kid);
  process.stderr.write(`wrote ${chain.cscaPath}, ${chain.dscPath}, ${chain.keyPath} (DEMO – NOT VALID)\n`);
  return 0;
}
