// Operator tooling (`cli keys`, docs/configuration.md): a new DSC key in a 0600 file or inside a
// SoftHSM2 token, a PKCS#10 request carrying the recovery EKU that verifies with that key, and
// `keys check` signing and verifying a test structure with a configured pkcs11 signer.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../core/cli/commands/keys';
import { x509 } from '../../core/dcc/x509-lib';
import { makeDirs } from '../issuance/kiosk-helpers';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm';

const dirs = makeDirs();
let token: SoftHsmToken;
beforeAll(async () => {
  token = await createSoftHsmToken();
});
afterAll(() => {
  token?.cleanup();
  dirs.cleanup();
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await run(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const RECOVERY_EKU = '1.3.6.1.4.1.1847.2021.1.3';
const subject = '/C=DE/O=Stadt Musterhausen/CN=Kiosk DSC 1';

describe('cli keys', () => {
  it('generate --out writes a 0600 key and never overwrites it; csr --key gives a verifying request with the recovery EKU', async () => {
    expect((await cli(['generate', '--out', dirs.configDir])).code).toBe(0);
    const key = join(dirs.configDir, 'dsc-key.pem');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect((await cli(['generate', '--out', dirs.configDir])).code).toBe(1);
    const r = await cli(['csr', '--key', key, '--subject', subject]);
    expect(r.code).toBe(0);
    const csr = new x509.Pkcs10CertificateRequest(r.out);
    expect(await csr.verify()).toBe(true);
    expect(csr.subject).toBe('C=DE, O=Stadt Musterhausen, CN=Kiosk DSC 1');
    const eku = csr.extensions.find((e) => e.type === '2.5.29.37');
    expect(eku && new x509.ExtendedKeyUsageExtension(eku.rawData).usages).toContain(RECOVERY_EKU);
  });

  it('generate --pkcs11 makes the key in the token; csr --pkcs11 is signed by the token for that key', async () => {
    const flags = [
      '--module',
      token.module,
      '--token-label',
      token.tokenLabel,
      '--key-label',
      'dsc-2027',
      '--pin-file',
      token.pinFile,
    ];
    const g = await cli(['generate', '--pkcs11', ...flags]);
    expect(g.code, g.err).toBe(0);
    const r = await cli(['csr', '--pkcs11', ...flags, '--subject', subject]);
    expect(r.code, r.err).toBe(0);
    const csr = new x509.Pkcs10CertificateRequest(r.out);
    expect(await csr.verify()).toBe(true);
    expect(csr.publicKey.toString('pem').replace(/\s/g, '')).toBe(g.out.replace(/\s/g, ''));
    expect((await cli(['generate', '--pkcs11', ...flags])).code).toBe(1);
  });

  it('check --config signs and verifies a test structure with the pkcs11 signer and prints kid, validity and EKU', async () => {
    const config = join(dirs.configDir, 'kiosk.json');
    writeFileSync(
      config,
      JSON.stringify({
        signer: token.signerConfig,
        recordSource: { kind: 'dikoma', baseUrl: 'https://dikoma.example.de' },
        clerk: { pinHash: 'scrypt:c2FsdHNhbHRzYWx0c2FsdA==:+JbHH0JvFuBQRHAGvNAT+sZzd4qiE97SFeVt6jF91Po=' },
      }),
    );
    const r = await cli(['check', '--config', config]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('test signature: ok');
    const status = JSON.parse(r.out.slice(0, r.out.lastIndexOf('}') + 1));
    expect(status).toMatchObject({
      state: 'ok',
      kind: 'pkcs11',
      kid: expect.any(String),
      daysLeft: expect.any(Number),
      eku: expect.arrayContaining([RECOVERY_EKU]),
    });
    writeFileSync(token.pinFile, '000000\n', { mode: 0o600 });
    const wrong = await cli(['check', '--config', config]);
    writeFileSync(token.pinFile, `${token.pin}\n`, { mode: 0o600 });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('SIGNER_PIN_WRONG');
  });
});
