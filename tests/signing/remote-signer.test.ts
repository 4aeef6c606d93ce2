// The `remote` signer against the TLS signing-service simulator, through the KioskApi
// (docs/remote-signing.md). Happy path: only a 32-byte hash leaves the kiosk, the certificate
// verifies on a path sharing no engine code. Every fault of the service gives its own code, no
// certificate and nothing registered as issued, and the same citizen is served once the service
// behaves (the reservation was released). Retries reuse the same hash and transaction id and
// happen only where the service cannot have answered differently.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../core/clerk/pin-hash';
import type { SigningFaultMode } from '../../core/dcc/signer/signing-simulator';
import { makeDirs, openKiosk, person, requestFor } from '../issuance/kiosk-helpers';
import { decodeIndependently } from '../support/independent-decode';
import { startRecordsService, type RecordsService } from '../support/records-service';
import { auditLines } from '../support/registry-inspect';
import { startSigningService, type SigningService } from '../support/signing-service';

const NOW = new Date();
const PIN = '5791';
const dirs = makeDirs();
const people = Array.from({ length: 20 }, (_, i) =>
  person(NOW, `Fernsignatur${String.fromCharCode(65 + i)}`, 'Rita', '1975-03-0' + ((i % 9) + 1), 40),
);
let used = 0;
let service: SigningService;
let records: RecordsService;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
let configPath: string;

beforeAll(async () => {
  // 8 s per request: the 'slow' fault (60 s) still times out, and a loaded machine's normal answer never does.
  service = await startSigningService(dirs.configDir, { timeoutMs: 8_000, retries: 1 });
  records = await startRecordsService(people);
  configPath = join(dirs.configDir, 'kiosk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      kioskId: 'kiosk-remote',
      recordSource: records.recordSource,
      signer: service.signerConfig,
      clerk: { pinHash: await hashPin(PIN) },
    }),
  );
  kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
});
afterAll(async () => {
  await kiosk?.close();
  await service?.sim.close();
  await records?.close();
  dirs.cleanup();
});

const issuedCount = async () => {
  const c = await kiosk.runtime.registry.issuedCount();
  if (!c.ok) throw new Error(c.error.code);
  return c.value;
};

describe('remote signer (hash-signing service)', () => {
  it('issues; the certificate verifies independently; only a base64 SHA-256 was sent, with the interface headers', async () => {
    const p = people[used++]!;
    const before = service.sim.requests.length;
    const r = await kiosk.api.issue(requestFor(p));
    if (!r.ok) throw new Error(r.error.code);
    const check = await decodeIndependently(r.value.hc1, readFileSync(service.dscPath));
    expect(check).toMatchObject({ signatureValid: true, kidMatches: true, signatureLength: 64, alg: -7 });
    const sent = service.sim.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(sent[0]!.body, 'base64')).toHaveLength(32);
    expect(sent[0]).toMatchObject({
      dccType: 'R',
      locationId: createHash('sha256').update('kiosk-remote').digest('hex'),
    });
    expect(sent[0]!.transactionId).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(sent)).not.toContain(p.familyName);
    expect(JSON.stringify(sent)).not.toContain(p.dateOfBirth);
    expect(
      auditLines(dirs.dataDir)
        .filter((l) => l.event === 'certificate.issued')
        .at(-1),
    ).toMatchObject({ signer: 'remote', recordSource: 'dikoma' });
  });

  it.each<[SigningFaultMode, string, number]>([
    ['slow', 'SIGNER_REMOTE_TIMEOUT', 1],
    ['4xx', 'SIGNER_REMOTE_REFUSED', 1],
    ['5xx', 'SIGNER_REMOTE_SERVER_ERROR', 2],
    ['reset', 'SIGNER_REMOTE_CONNECTION_LOST', 2],
    ['garbage', 'SIGNER_REMOTE_BAD_RESPONSE', 1],
    ['other-kid', 'SIGNER_REMOTE_HEADER_MISMATCH', 1],
    ['der-signature', 'SIGNER_REMOTE_SIGNATURE_FORMAT', 1],
    ['wrong-signature', 'SIGNER_REMOTE_SIGNATURE_INVALID', 1],
  ])(
    'fault %s: %s, no certificate, nothing issued (%i request(s)); served once the service behaves',
    async (mode, code, attempts) => {
      const p = people[used++]!;
      const issued = await issuedCount();
      const before = service.sim.requests.length;
      service.sim.setFault(mode, { slowMs: 20_000 });
      const r = await kiosk.api.issue(requestFor(p));
      service.sim.setFault('none');
      expect(r.ok ? 'certificate' : r.error.code).toBe(code);
      expect(await issuedCount()).toBe(issued);
      const sent = service.sim.requests.slice(before);
      expect(sent).toHaveLength(attempts);
      // A retry asks for the very same signature: same hash, same transaction.
      expect(new Set(sent.map((s) => `${s.transactionId}/${s.body}`)).size).toBe(1);
      const released = auditLines(dirs.dataDir)
        .filter((l) => l.event === 'reservation.released')
        .at(-1);
      expect(released).toMatchObject({ code, signer: 'remote', recordSource: 'dikoma' });
      const again = await kiosk.api.issue(requestFor(p));
      expect(again.ok ? 'issued' : again.error.code).toBe('issued');
      expect(await issuedCount()).toBe(issued + 1);
    },
  );

  it('a 5xx once, then success: one retry with the same hash and transaction issues', async () => {
    const p = people[used++]!;
    const before = service.sim.requests.length;
    service.sim.setFault('5xx', { count: 1 });
    const r = await kiosk.api.issue(requestFor(p));
    expect(r.ok ? 'issued' : r.error.code).toBe('issued');
    const sent = service.sim.requests.slice(before);
    expect(sent.map((s) => s.signed)).toEqual([false, true]);
    expect(sent[0]!.transactionId).toBe(sent[1]!.transactionId);
    expect(sent[0]!.body).toBe(sent[1]!.body);
  });

  it('the clerk status shows the remote signer and its DSC', async () => {
    const u = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: PIN });
    if (!u.ok) throw new Error(u.error.code);
    const s = await kiosk.api.clerkStatus({ token: u.value.token });
    await kiosk.api.clerkLock({ token: u.value.token });
    expect(s.ok && s.value.signer).toMatchObject({
      state: 'ok',
      kind: 'remote',
      demo: false,
      daysLeft: expect.any(Number),
    });
  });

  it('the data directory and the configuration hold no signing key (PEM, PKCS#8 or the raw key bytes)', () => {
    const files = (d: string): string[] =>
      readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]));
    const secret = Buffer.from(service.pki.dscSecret);
    const pkcs8Prefix = Buffer.from('308187020100301306072a8648ce3d020106082a8648ce3d030107', 'hex');
    for (const f of [...files(dirs.dataDir), configPath]) {
      const bytes = readFileSync(f);
      expect(bytes.includes('PRIVATE KEY'), f).toBe(false);
      expect(bytes.includes(pkcs8Prefix), f).toBe(false);
      expect(bytes.includes(secret), f).toBe(false);
      expect(bytes.includes(secret.toString('base64')), f).toBe(false);
    }
  });
});

describe('remote signer: who may ask', () => {
  const signWith = async (changes: Record<string, unknown>) => {
    const { openKeySigner } = await import('../../core/issuance/signer-loaders');
    const { signCoseSign1 } = await import('../../core/dcc/cose');
    const opened = await openKeySigner({ ...service.signerConfig, ...changes } as never, { kioskId: 'kiosk-remote' });
    if (!opened.ok) return opened.error.code;
    try {
      await signCoseSign1(new Uint8Array([0xa0]), opened.value.signer);
      return 'signed';
    } catch (e) {
      return (e as { code?: string }).code;
    }
  };
  const file = (name: string, text: string, mode = 0o600) => {
    const path = join(dirs.configDir, name);
    writeFileSync(path, text, { mode });
    return path;
  };

  it('the configured client certificate and token: signed', async () => {
    expect(await signWith({})).toBe('signed');
  });

  it('a wrong bearer token: SIGNER_REMOTE_AUTH_FAILED', async () => {
    expect(await signWith({ tokenFile: file('wrong-token', 'not-the-token') })).toBe('SIGNER_REMOTE_AUTH_FAILED');
  });

  it('a client certificate the service does not know: SIGNER_REMOTE_AUTH_FAILED', async () => {
    const { generateSimulatorPki } = await import('../../core/dcc/signer/signing-sim-pki');
    const stranger = await generateSimulatorPki();
    expect(
      await signWith({
        clientCertPath: file('stranger.pem', stranger.clientCertPem, 0o644),
        clientKeyPath: file('stranger-key.pem', stranger.clientKeyPem),
      }),
    ).toBe('SIGNER_REMOTE_AUTH_FAILED');
  });

  it('a service certificate from another CA: SIGNER_REMOTE_AUTH_FAILED (never signs with an impostor)', async () => {
    const { generateSimulatorPki } = await import('../../core/dcc/signer/signing-sim-pki');
    const other = await generateSimulatorPki();
    expect(await signWith({ caPath: file('other-ca.pem', other.caPem, 0o644) })).toBe('SIGNER_REMOTE_AUTH_FAILED');
  });

  it('nobody listening: SIGNER_REMOTE_UNREACHABLE', async () => {
    expect(await signWith({ baseUrl: 'https://127.0.0.1:9' })).toBe('SIGNER_REMOTE_UNREACHABLE');
  });

  it('a client key or token file others can read: SIGNER_SECRET_FILE_UNSAFE at start-up', async () => {
    expect(await signWith({ clientKeyPath: file('open-key.pem', service.pki.clientKeyPem, 0o644) })).toBe(
      'SIGNER_SECRET_FILE_UNSAFE',
    );
    expect(await signWith({ tokenFile: file('open-token', 'x', 0o604) })).toBe('SIGNER_SECRET_FILE_UNSAFE');
  });
});
