// A failing health-office system, seen by the citizen (docs/reliability.md): every way the DiKoMa server or
// the network can fail reaches KioskApi.issue as its own typed code — the one the UI turns into a
// message — within the configured timeout (timeoutMs 1500, 1 retry; each test's own time limit
// is the hang guard, no timing is asserted), issues nothing and leaves the registry untouched.
// tests/records covers the client alone; tests/issuance/source-failures.test.ts the simulator's
// fault modes; this is the real DiKoMa configuration end to end against a misbehaving server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { makeDirs } from '../issuance/kiosk-helpers';
import { closedPort } from '../records/helpers/servers';
import { createTestPki, type TestPki } from '../records/helpers/tls-certs';
import { startFakeDikoma, type Behaviour, type FakeDikoma } from '../support/fake-dikoma';
import { bulkPeople } from '../support/people';
import { inspectRegistry, registryPathOf } from '../support/registry-inspect';

const TIMEOUT_MS = 1500;
const GUARD_MS = 2 * TIMEOUT_MS + 5000;
const [anna] = bulkPeople(1, new Date(), 'Quellenfehler');
const dirs = makeDirs();
let pki: TestPki;
let fake: FakeDikoma;
let kiosk: Kiosk;
const durations: Record<string, number> = {};
const closers: (() => Promise<void>)[] = [];

async function kioskFor(name: string, source: Record<string, unknown>): Promise<Kiosk> {
  const configPath = join(dirs.configDir, `${name}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      kioskId: 'kiosk-faults',
      recordSource: { kind: 'dikoma', timeoutMs: TIMEOUT_MS, retries: 1, ...source },
    }),
  );
  const k = await createKiosk({ dataDir: dirs.dataDir, configPath, logSink: () => undefined });
  if (!k.ok) throw new Error(`kiosk did not start: ${k.error.code}`);
  closers.push(() => k.value.close());
  return k.value;
}

async function attempt(k: Kiosk, label: string): Promise<string> {
  const started = performance.now();
  const r = await k.api.issue({ ...anna!, lang: 'de' });
  durations[label] = Math.round(performance.now() - started);
  return r.ok ? 'issued' : r.error.code;
}

const registryRows = () => inspectRegistry(registryPathOf(dirs.dataDir)).rows;

beforeAll(async () => {
  pki = await createTestPki();
  fake = await startFakeDikoma(anna!);
  kiosk = await kioskFor('http', { baseUrl: fake.url });
});
afterAll(async () => {
  for (const close of closers) await close();
  await fake?.close();
  dirs.cleanup();
  console.info('source faults, ms until the citizen had an answer:', JSON.stringify(durations));
});

describe('misbehaving DiKoMa server → the citizen gets its code, no certificate', () => {
  it.each<[string, string, Behaviour]>([
    ['no answer', 'SOURCE_TIMEOUT', 'hang'],
    ['body trickling in', 'SOURCE_TIMEOUT', 'trickle'],
    ['connection reset mid-body', 'SOURCE_UNREACHABLE', 'reset-mid-body'],
    ['HTTP 400', 'SOURCE_BAD_RESPONSE', { status: 400 }],
    ['HTTP 404', 'SOURCE_BAD_RESPONSE', { status: 404 }],
    ['HTTP 429', 'SOURCE_BAD_RESPONSE', { status: 429 }],
    ['HTTP 401', 'SOURCE_REFUSED', { status: 401 }],
    ['HTTP 403', 'SOURCE_REFUSED', { status: 403 }],
    ['HTTP 500 (retried)', 'SOURCE_BAD_RESPONSE', { status: 500 }],
    ['HTTP 503 (retried)', 'SOURCE_BAD_RESPONSE', { status: 503 }],
    ['truncated JSON', 'SOURCE_BAD_RESPONSE', 'malformed'],
    ['JSON not matching the contract', 'SOURCE_BAD_RESPONSE', 'wrong-schema'],
    [
      'an HTML error page',
      'SOURCE_BAD_RESPONSE',
      { raw: Buffer.from('<html><body>Wartung</body></html>'), contentType: 'text/html' },
    ],
    ['binary garbage', 'SOURCE_BAD_RESPONSE', { raw: Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22]) }],
    ['10 MB declared', 'SOURCE_BAD_RESPONSE', 'oversized-declared'],
    ['640 KB chunked', 'SOURCE_BAD_RESPONSE', 'oversized-chunked'],
    ["someone else's record", 'NOT_FOUND', 'someone-else'],
  ])('%s → %s', { timeout: GUARD_MS }, async (label, code, behaviour) => {
    fake.behaviour = behaviour;
    expect(await attempt(kiosk, label)).toBe(code);
    expect(registryRows()).toEqual([]);
  });

  it('connection refused → SOURCE_UNREACHABLE', { timeout: GUARD_MS }, async () => {
    const k = await kioskFor('refused', { baseUrl: `http://127.0.0.1:${await closedPort()}` });
    expect(await attempt(k, 'connection refused')).toBe('SOURCE_UNREACHABLE');
    expect(registryRows()).toEqual([]);
  });
});

describe('TLS that does not check out → SOURCE_REFUSED, nothing sent in clear', () => {
  it.each([
    ['certificate for another host', 'wrongHost', true],
    ['self-signed certificate', 'selfSigned', true],
    ['certificate from a CA the kiosk does not trust', 'server', false],
  ] as const)('%s', { timeout: GUARD_MS }, async (label, cert, withCa) => {
    const server = await startFakeDikoma(anna!, pki[cert]);
    closers.push(() => server.close());
    const k = await kioskFor(cert, { baseUrl: server.url, ...(withCa ? { caPath: pki.files.ca } : {}) });
    expect(await attempt(k, label)).toBe('SOURCE_REFUSED');
    expect(registryRows()).toEqual([]);
  });

  it(
    'the same server with the right certificate and CA issues (the setup itself works)',
    { timeout: GUARD_MS },
    async () => {
      const server = await startFakeDikoma(anna!, pki.server);
      closers.push(() => server.close());
      const k = await kioskFor('tls-ok', { baseUrl: server.url, caPath: pki.files.ca });
      expect(await attempt(k, 'tls ok')).toBe('issued');
      expect(registryRows().map((r) => r.status)).toEqual(['issued']);
    },
  );
});
