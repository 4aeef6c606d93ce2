// The development `pem` signer refuses unsafe key files (docs/configuration.md, "pem"): a key
// that group or others may read, or that another user owns, is treated as copied and not used —
// its own code and a message saying what to do; secret files (passphrase) likewise. An encrypted
// PKCS#8 key works with its passphrase from a file; a wrong passphrase has its own code.
import { createPrivateKey } from 'node:crypto';
import { chmodSync, chownSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DCC_EKU_OIDS } from '../../core/dcc/x509';
import { openKeySigner } from '../../core/issuance/signer-loaders';
import { makeDirs } from '../issuance/kiosk-helpers';
import { writeDsc } from '../support/dsc';

const dirs = makeDirs();
afterAll(() => dirs.cleanup());
let n = 0;

async function keyFiles(o: { keyMode?: number; passphrase?: string; passphraseMode?: number; owner?: number } = {}) {
  const name = `k${n++}`;
  const files = await writeDsc(dirs.configDir, name, { validFromDays: -1, validToDays: 400, eku: DCC_EKU_OIDS.r });
  let passphraseFile: string | undefined;
  if (o.passphrase !== undefined) {
    const encrypted = createPrivateKey(files.keyPem).export({
      format: 'pem',
      type: 'pkcs8',
      cipher: 'aes-256-cbc',
      passphrase: 'richtig-geheim',
    });
    writeFileSync(files.keyPath, encrypted);
    passphraseFile = join(dirs.configDir, `${name}.pass`);
    writeFileSync(passphraseFile, `${o.passphrase}\n`, { mode: 0o600 });
    chmodSync(passphraseFile, o.passphraseMode ?? 0o600);
  }
  chmodSync(files.keyPath, o.keyMode ?? 0o600);
  if (o.owner !== undefined) chownSync(files.keyPath, o.owner, o.owner);
  return {
    kind: 'pem' as const,
    keyPath: files.keyPath,
    certPath: files.certPath,
    ...(passphraseFile ? { passphraseFile } : {}),
  };
}

const open = async (c: Awaited<ReturnType<typeof keyFiles>>) => {
  const r = await openKeySigner(c, { kioskId: 'kiosk-pem' });
  return r.ok ? 'ok' : { code: r.error.code, reason: String(r.error.details?.reason ?? '') };
};

describe('pem key file safety', () => {
  it('a 0600 key owned by the kiosk user is used', async () => {
    expect(await open(await keyFiles())).toBe('ok');
  });

  it.each([
    ['readable by others (0644)', 0o644],
    ['readable by the group (0640)', 0o640],
    ['writable by the group (0620)', 0o620],
  ])('a key file %s is refused with SIGNER_KEY_FILE_UNSAFE and a chmod hint', async (_l, mode) => {
    expect(await open(await keyFiles({ keyMode: mode }))).toEqual({
      code: 'SIGNER_KEY_FILE_UNSAFE',
      reason: expect.stringContaining('chmod 600'),
    });
  });

  it.skipIf(process.getuid?.() !== 0)(
    'a key file owned by another user is refused (test runs as root to chown)',
    async () => {
      expect(await open(await keyFiles({ owner: 65534 }))).toEqual({
        code: 'SIGNER_KEY_FILE_UNSAFE',
        reason: expect.stringContaining('owned by another user'),
      });
    },
  );

  it('an encrypted PKCS#8 key with the right passphrase from a 0600 file is used', async () => {
    const c = await keyFiles({ passphrase: 'richtig-geheim' });
    expect(readFileSync(c.keyPath, 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(await open(c)).toBe('ok');
  });

  it('a wrong passphrase is SIGNER_PIN_WRONG; a missing passphraseFile is SIGNER_UNAVAILABLE', async () => {
    expect(await open(await keyFiles({ passphrase: 'falsch' }))).toMatchObject({ code: 'SIGNER_PIN_WRONG' });
    const { passphraseFile: _dropped, ...noPassphrase } = await keyFiles({ passphrase: 'richtig-geheim' });
    expect(await open(noPassphrase)).toMatchObject({
      code: 'SIGNER_UNAVAILABLE',
      reason: expect.stringContaining('passphraseFile'),
    });
  });

  it('a passphrase file others can read is refused with SIGNER_SECRET_FILE_UNSAFE', async () => {
    expect(await open(await keyFiles({ passphrase: 'richtig-geheim', passphraseMode: 0o644 }))).toMatchObject({
      code: 'SIGNER_SECRET_FILE_UNSAFE',
    });
  });
});
