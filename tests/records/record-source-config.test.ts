// Record-source configuration: what a config file may say (https only, except loopback), and
// that each kind yields a working source — the simulator in process, over HTTP, or broken
// fixture files reported as a typed failure instead of a crash.
import { lookupLabel } from '../../core/records/record-source';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixture } from '../../core/records/demo-records';
import { createRecordSource, recordSourceConfigSchema } from '../../core/records/record-source-config';
import { startSimulator, type RunningSimulator } from '../../core/records/simulator';

const now = new Date('2021-06-15T10:00:00Z');
const erika = { genesenenId: 'RZJQMTFB84WV', familyName: 'Mustermann', dateOfBirth: '1964-08-12' };

describe('recordSourceConfigSchema', () => {
  it.each([
    [{ kind: 'simulator' }],
    [{ kind: 'simulator', fixture: 'records.json', latencyMs: 200, faults: { mode: 'http500', rate: 0.5 } }],
    [{ kind: 'dikoma', baseUrl: 'https://dikoma.stadt-koeln.example/api' }],
    [{ kind: 'dikoma', baseUrl: 'http://127.0.0.1:8787' }],
    [
      {
        kind: 'dikoma',
        baseUrl: 'https://dikoma.example',
        bearerToken: 't',
        clientCertPath: 'c.pem',
        clientKeyPath: 'k.pem',
        caPath: 'ca.pem',
      },
    ],
    [{ kind: 'sormas', baseUrl: 'https://sormas.example/sormas-rest', auth: { basic: { user: 'u', password: 'p' } } }],
    [
      {
        kind: 'sormas',
        baseUrl: 'https://sormas.example/sormas-rest',
        auth: { bearerToken: 't' },
        idField: 'externalToken',
      },
    ],
  ])('accepts %j', (config) => {
    expect(recordSourceConfigSchema.safeParse(config).success).toBe(true);
  });

  it('fills the defaults: 8 s for the whole lookup, 2 retries', () => {
    const c = recordSourceConfigSchema.parse({ kind: 'dikoma', baseUrl: 'https://dikoma.example' });
    expect(c).toMatchObject({ timeoutMs: 8000, retries: 2 });
  });

  it.each([
    ['plain http to a remote host', { kind: 'dikoma', baseUrl: 'http://dikoma.example' }],
    ['plain http to localhost by name', { kind: 'dikoma', baseUrl: 'http://localhost:8787' }],
    ['credentials in the URL', { kind: 'dikoma', baseUrl: 'https://user:pw@dikoma.example' }],
    ['not a URL', { kind: 'dikoma', baseUrl: 'dikoma' }],
    ['ftp', { kind: 'dikoma', baseUrl: 'ftp://dikoma.example' }],
    ['unknown kind', { kind: 'oracle' }],
    ['unknown field', { kind: 'simulator', extra: true }],
    ['sormas without auth', { kind: 'sormas', baseUrl: 'https://sormas.example' }],
    ['unknown fault', { kind: 'simulator', faults: { mode: 'explode' } }],
    ['retries out of range', { kind: 'dikoma', baseUrl: 'https://dikoma.example', retries: 50 }],
    [
      'unknown time zone',
      { kind: 'sormas', baseUrl: 'https://s.example', auth: { bearerToken: 't' }, timeZone: 'Europe/Koeln' },
    ],
  ])('rejects %s', (_label, config) => {
    expect(recordSourceConfigSchema.safeParse(config).success).toBe(false);
  });
});

describe('createRecordSource', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ fixture: demoFixture(now) });
  });
  afterAll(() => sim.close());

  it('simulator in process: demo people dated relative to deps.now', async () => {
    const src = createRecordSource({ kind: 'simulator' }, { now: () => now });
    expect(src.kind).toBe('simulator');
    const r = await src.lookup(erika);
    expect(r.ok && r.value.kind === 'match' && r.value.record.firstPositiveTest).toBe('2021-05-06');
    expect(await src.health()).toEqual({ ok: true, value: null });
  });

  it('simulator over HTTP when a simulator URL is given', async () => {
    const src = createRecordSource({ kind: 'simulator' }, { now: () => now, simulatorUrl: sim.url });
    sim.setFaults({ mode: 'refuse401' });
    try {
      expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' }); // proves it went over HTTP
    } finally {
      sim.setFaults({ mode: 'none' });
    }
    expect(lookupLabel(await src.lookup(erika))).toBe('match');
  });

  it('simulator with a fixture file, and with deps.fixture', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-src-'));
    const path = join(dir, 'records.json');
    writeFileSync(path, JSON.stringify({ records: [{ ...erika, givenName: 'E.', firstPositiveTest: '2021-04-01' }] }));
    const fromFile = await createRecordSource({ kind: 'simulator', fixture: path }, { now: () => now }).lookup(erika);
    expect(fromFile.ok && fromFile.value.kind === 'match' && fromFile.value.record.givenName).toBe('E.');
    const fromDeps = await createRecordSource(
      { kind: 'simulator' },
      { now: () => now, fixture: { records: [] } },
    ).lookup(erika);
    expect(fromDeps).toEqual({ ok: true, value: { kind: 'no-match' } });
  });

  it('an unloadable fixture file is a typed failure on lookup and health', async () => {
    const src = createRecordSource({ kind: 'simulator', fixture: '/nonexistent/records.json' }, { now: () => now });
    expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_BAD_RESPONSE' });
    expect(await src.health()).toEqual({ ok: false, error: 'SOURCE_BAD_RESPONSE' });
  });

  it('in-process simulator applies the configured faults like the HTTP one', async () => {
    const config = recordSourceConfigSchema.parse({ kind: 'simulator', faults: { mode: 'refuse401', count: 1 } });
    const src = createRecordSource(config, { now: () => now });
    expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
    expect(lookupLabel(await src.lookup(erika))).toBe('match');
    const hanging = createRecordSource({ kind: 'simulator', faults: { mode: 'timeout' } }, { now: () => now });
    expect(await hanging.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_TIMEOUT' });
  });

  it('in-process simulator latency ends with SOURCE_TIMEOUT when the caller aborts', async () => {
    const src = createRecordSource({ kind: 'simulator', latencyMs: 60_000 }, { now: () => now });
    const controller = new AbortController();
    const pending = src.lookup(erika, controller.signal);
    controller.abort();
    expect(await pending).toEqual({ ok: false, error: 'SOURCE_TIMEOUT' });
  });

  it('dikoma kind talks to the configured URL', async () => {
    const config = recordSourceConfigSchema.parse({ kind: 'dikoma', baseUrl: sim.url });
    const src = createRecordSource(config, { now: () => now });
    expect(src.kind).toBe('dikoma');
    expect(lookupLabel(await src.lookup(erika))).toBe('match');
  });
});
