// The Prometheus endpoint after a scripted session through KioskApi (docs/monitoring.md): an
// issuance, refusals, a printer out of paper (the fake receipt printer), the record source down
// (the simulator's fault switch). The scrape shows the expected series and values; it contains
// no name, date of birth, Genesenen-ID, ID hash or UVCI of the demo people (byte scan); it needs
// the bearer token; and the citizen-facing HTTP transport does not serve it.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { DEMO_PEOPLE } from '../../core/records/demo-records';
import { createIdHasher } from '../../core/registry/id-hash';
import { makeDirs } from '../issuance/kiosk-helpers';
import { startWebServer, type WebServer } from '../../server/web-server';
import { dateForms, nameForms } from '../support/personal-data-scan';
import { startSwitchablePrinter, type SwitchablePrinter } from '../support/switchable-printer';
import { sampleValue } from './scrape-parse';

const TOKEN = 'metrics-token-0123456789abcdef';
const dirs = makeDirs();
let printer: SwitchablePrinter;
let kiosk: Kiosk;
let citizen: WebServer;
let scrape = '';
let sourceDownCode = '';
const uvcis: string[] = [];

const demo = (family: string) => DEMO_PEOPLE.find((p) => p.familyName === family)!;
const request = (p: (typeof DEMO_PEOPLE)[number], familyName = p.familyName) => ({
  genesenenId: p.genesenenId,
  familyName,
  dateOfBirth: p.dateOfBirth,
  lang: 'de',
});

const get = (url: string, token?: string) =>
  fetch(url, token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } });

beforeAll(async () => {
  printer = await startSwitchablePrinter();
  await printer.use('online');
  const tokenFile = join(dirs.configDir, 'metrics.token');
  writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
  chmodSync(tokenFile, 0o600);
  const configPath = join(dirs.configDir, 'kiosk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      kioskId: 'kiosk-metrics',
      office: 'buergeramt-test',
      metrics: { listen: '127.0.0.1:0', tokenFile: 'metrics.token' },
      printers: [{ kind: 'escpos', name: 'Bon', uri: printer.uri, commandSet: 'epson', timeoutMs: 1500 }],
    }),
  );
  const k = await createKiosk({ dataDir: dirs.dataDir, configPath, serveMetrics: true, logSink: () => undefined });
  if (!k.ok) throw new Error(k.error.code);
  kiosk = k.value;
  const staticDir = join(dirs.configDir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  citizen = await startWebServer({ api: kiosk.api, port: 0, staticDir });

  // The scripted session.
  const issued = await kiosk.api.issue(request(demo('Mustermann')));
  if (!issued.ok) throw new Error(issued.error.code);
  uvcis.push(issued.value.uvci);
  expect((await kiosk.api.issue(request(demo('Mustermann')))).ok).toBe(false); // ALREADY_ISSUED
  expect((await kiosk.api.issue(request(demo('Frühzeitig')))).ok).toBe(false); // TOO_EARLY
  expect((await kiosk.api.issue(request(demo('Gößinger'), 'Falschname'))).ok).toBe(false); // NOT_FOUND
  await printer.use('paper-out');
  const printed = await kiosk.api.print({ certificateId: issued.value.certificateId, format: 'receipt', lang: 'de' });
  expect(printed.ok ? 'printed' : printed.error.code).toBe('PRINTER_PAPER_OUT');
  kiosk.runtime.simulator!.setFaults({ mode: 'http500' });
  const down = await kiosk.api.issue(request(demo('Ærø')));
  sourceDownCode = down.ok ? 'issued' : down.error.code;

  const res = await get(kiosk.metricsServer!.url, TOKEN);
  expect(res.status).toBe(200);
  scrape = await res.text();
}, 60_000);

afterAll(async () => {
  await citizen?.close();
  await kiosk?.close();
  await printer?.close();
  dirs.cleanup();
});

describe('metrics endpoint after a scripted session', () => {
  it('counts the issuance and each refusal by its code', () => {
    expect(sampleValue(scrape, 'kiosk_certificates_issued_total')).toBe(1);
    expect(sampleValue(scrape, 'kiosk_certificates_reissued_total')).toBe(0);
    for (const code of ['ALREADY_ISSUED', 'TOO_EARLY', 'NOT_FOUND']) {
      expect(sampleValue(scrape, 'kiosk_issuance_refusals_total', { code })).toBe(1);
    }
  });

  it('shows the record source down: a lookup failure by code, the health probe 0', () => {
    expect(sourceDownCode).toMatch(/^SOURCE_/);
    expect(sampleValue(scrape, 'kiosk_issuance_refusals_total', { code: sourceDownCode })).toBe(1);
    expect(
      sampleValue(scrape, 'kiosk_record_source_failures_total', { source: 'simulator', code: sourceDownCode }),
    ).toBeGreaterThanOrEqual(1);
    expect(sampleValue(scrape, 'kiosk_record_source_up', { source: 'simulator' })).toBe(0);
    // Four lookups answered (match, match, match-too-early, no-match) and at least one failed.
    const count = (outcome: string) =>
      sampleValue(scrape, 'kiosk_record_source_lookup_duration_seconds_count', { source: 'simulator', outcome }) ?? 0;
    expect(count('match')).toBe(3);
    expect(count('no_match')).toBe(1);
    expect(count('failure')).toBeGreaterThanOrEqual(1);
  });

  it('shows the printer out of paper, and only that state', () => {
    expect(sampleValue(scrape, 'kiosk_printer_state', { printer: 'Bon', state: 'paper_out' })).toBe(1);
    for (const state of ['ready', 'paper_low', 'cover_open', 'offline']) {
      expect(sampleValue(scrape, 'kiosk_printer_state', { printer: 'Bon', state })).toBe(0);
    }
  });

  it('reports registry, signer, disk, audit, limits, process and build', () => {
    expect(sampleValue(scrape, 'kiosk_registry_up')).toBe(1);
    expect(sampleValue(scrape, 'kiosk_registry_probe_duration_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(scrape, 'kiosk_signer_state', { state: 'ok' })).toBe(1);
    expect(sampleValue(scrape, 'kiosk_signer_dsc_days_left')).toBeGreaterThan(30);
    expect(sampleValue(scrape, 'kiosk_data_dir_free_bytes')).toBeGreaterThan(0);
    expect(sampleValue(scrape, 'kiosk_data_dir_size_bytes')).toBeGreaterThan(0);
    expect(sampleValue(scrape, 'kiosk_audit_backlog')).toBe(0);
    expect(sampleValue(scrape, 'kiosk_audit_append_failures_total')).toBe(0);
    expect(sampleValue(scrape, 'kiosk_attempt_limit_locks', { scope: 'id' })).toBe(0);
    expect(sampleValue(scrape, 'kiosk_process_starts_total')).toBe(1);
    expect(sampleValue(scrape, 'kiosk_process_uptime_seconds')).toBeGreaterThanOrEqual(0);
    expect(
      sampleValue(scrape, 'kiosk_build_info', { kiosk_id: 'kiosk-metrics', office: 'buergeramt-test', demo: 'true' }),
    ).toBe(1);
  });

  it('contains no name, date of birth, Genesenen-ID, ID hash or UVCI (byte scan)', () => {
    const hash = createIdHasher(readFileSync(join(dirs.dataDir, 'registry.secret')));
    const asked = ['Mustermann', 'Frühzeitig', 'Gößinger', 'Ærø'];
    const people = DEMO_PEOPLE.filter((p) => asked.includes(p.familyName));
    const needles = people.flatMap((p) => [
      ...nameForms(p.familyName),
      ...nameForms(p.givenName),
      ...dateForms(p.dateOfBirth),
      p.genesenenId,
      p.genesenenId.replaceAll('-', ''),
      hash(p.genesenenId.replaceAll('-', '')),
      hash(p.genesenenId.replaceAll('-', '')).slice(0, 16),
    ]);
    needles.push(...uvcis, ...uvcis.map((u) => u.split('/')[1]!.slice(0, 12)), 'URN:UVCI', 'Falschname');
    const texts = [Buffer.from(scrape, 'utf8').toString('latin1'), scrape];
    const found = needles.filter((n) => texts.some((t) => t.includes(n)));
    expect(found).toEqual([]);
  });
});

describe('metrics endpoint access', () => {
  it('refuses a missing or wrong bearer token', async () => {
    const url = kiosk.metricsServer!.url;
    for (const token of [undefined, 'wrong-token-0123456789', `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const res = await get(url, token);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('kiosk_');
    }
  });

  it('is not reachable through the citizen HTTP transport', async () => {
    for (const [method, path] of [
      ['GET', 'metrics'],
      ['GET', 'api/metrics'],
      ['POST', 'api/metrics'],
      ['POST', 'api/scrape'],
    ] as const) {
      const res = await fetch(`${citizen.url}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${TOKEN}`,
          ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });
      // 404 (no such route or API method) or 405 (the API takes POST only): never the scrape.
      expect([404, 405]).toContain(res.status);
      expect(await res.text()).not.toContain('kiosk_');
    }
    expect(new URL(citizen.url).port).not.toBe(String(kiosk.metricsServer!.port));
  });
});
