// Signer health at start-up: a missing or mismatched key, a DSC outside its validity, or a DSC
// whose extended key usage excludes recovery certificates — the kiosk still starts, refuses to
// issue with the SIGNER_* code (before any lookup), and the clerk status shows it from the start.
import { afterEach, describe, expect, it } from 'vitest';
import { webcrypto, type webcrypto as WebCrypto } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPin } from '../../core/clerk/pin-hash';
import { DCC_EKU_OIDS } from '../../core/dcc/x509';
import { x509 } from '../../core/dcc/x509-lib';
import { startRecordsService } from '../support/records-service';
import { makeDirs, openKiosk, person, requestFor, writeFixtureConfig } from './kiosk-helpers';

const DAY = 86_400_000;
const NOW = new Date();
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
let dirs: ReturnType<typeof makeDirs> | undefined;
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  dirs?.cleanup();
  await Promise.all(closers.splice(0).map((c) => c()));
});

async function writeDsc(dir: string, opts: { notBefore: Date; notAfter: Date; eku?: string[] }) {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as WebCrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'C=DE, CN=Test DSC',
    keys,
    notBefore: opts.notBefore,
    notAfter: opts.notAfter,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    extensions: opts.eku ? [new x509.ExtendedKeyUsageExtension(opts.eku)] : [],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  writeFileSync(join(dir, 'dsc.pem'), cert.toString('pem'));
  writeFileSync(
    join(dir, 'dsc-key.pem'),
    `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/(.{64})/g, '$1\n')}\n-----END PRIVATE KEY-----\n`,
    { mode: 0o600 },
  );
}

async function kioskWith(prepare: (dir: string) => Promise<void>) {
  dirs = makeDirs();
  await prepare(dirs.configDir);
  const p = person(NOW, 'Signatur', 'Sina', '1970-01-01', 40);
  // A real signer needs a real record source (docs/configuration.md).
  const records = await startRecordsService([p]);
  closers.push(() => records.close());
  const configPath = writeFixtureConfig(dirs.configDir, [p], {
    recordSource: records.recordSource,
    signer: { kind: 'pem', keyPath: 'dsc-key.pem', certPath: 'dsc.pem' },
    clerk: { pinHash: await hashPin('1357') },
  });
  const kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
  const issued = await kiosk.api.issue(requestFor(p));
  const u = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: '1357' });
  if (!u.ok) throw new Error(u.error.code);
  const status = await kiosk.api.clerkStatus({ token: u.value.token });
  const lookups = kiosk.logLines.filter((l) => l.includes('record-source.lookup')).length;
  await kiosk.close();
  return {
    issued: issued.ok ? 'issued' : issued.error.code,
    signer: status.ok ? status.value.signer : undefined,
    lookups,
  };
}

describe('signer health', () => {
  it('a valid PEM key and DSC (EKU recovery) issues', async () => {
    const r = await kioskWith((d) =>
      writeDsc(d, {
        notBefore: new Date(NOW.getTime() - DAY),
        notAfter: new Date(NOW.getTime() + 400 * DAY),
        eku: [...DCC_EKU_OIDS.r],
      }),
    );
    expect(r.issued).toBe('issued');
    expect(r.signer).toMatchObject({ state: 'ok', demo: false, subject: 'C=DE, CN=Test DSC' });
  });

  it('a DSC ending within 30 days still issues, but the clerk sees it degraded', async () => {
    const r = await kioskWith((d) =>
      writeDsc(d, { notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 10 * DAY) }),
    );
    expect(r.issued).toBe('issued');
    expect(r.signer).toMatchObject({ state: 'degraded' });
  });

  it.each([
    [
      'missing key file',
      async (d: string): Promise<void> => void writeFileSync(join(d, 'dsc.pem'), 'x'),
      'SIGNER_UNAVAILABLE',
    ],
    [
      'key that does not belong to the DSC',
      async (d: string): Promise<void> => {
        await writeDsc(d, { notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 400 * DAY) });
        const otherKey = join(d, 'dsc-key.pem');
        const keep = readFileSync(otherKey);
        await writeDsc(d, { notBefore: new Date(NOW.getTime() - DAY), notAfter: new Date(NOW.getTime() + 400 * DAY) });
        writeFileSync(otherKey, keep);
      },
      'SIGNER_UNAVAILABLE',
    ],
    [
      'expired DSC',
      (d: string) =>
        writeDsc(d, { notBefore: new Date(NOW.getTime() - 400 * DAY), notAfter: new Date(NOW.getTime() - DAY) }),
      'SIGNER_CERT_EXPIRED',
    ],
    [
      'DSC not yet valid',
      (d: string) =>
        writeDsc(d, { notBefore: new Date(NOW.getTime() + DAY), notAfter: new Date(NOW.getTime() + 400 * DAY) }),
      'SIGNER_CERT_NOT_YET_VALID',
    ],
    [
      'DSC for vaccination certificates only',
      (d: string) =>
        writeDsc(d, {
          notBefore: new Date(NOW.getTime() - DAY),
          notAfter: new Date(NOW.getTime() + 400 * DAY),
          eku: [...DCC_EKU_OIDS.v],
        }),
      'SIGNER_CERT_WRONG_USAGE',
    ],
  ] as const)('%s: starts, refuses with %s before any lookup, clerk sees it', async (_label, prepare, code) => {
    const r = await kioskWith(prepare);
    expect(r.issued).toBe(code);
    expect(r.signer).toMatchObject({ state: 'down', code, demo: false });
    expect(r.lookups).toBe(0);
  });
});
