// The DiKoMa client over real HTTP against the simulator (docs/dikoma-openapi.yaml): the happy
// path, and every failure mode mapped to its RecordFailureCode. Hanging modes use a short
// timeoutMs; if the deadline did not cover them the test would hang into its own test timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixture } from '../../core/records/demo-records';
import { createDikomaSource } from '../../core/records/dikoma-client';
import type { HttpClientConfig } from '../../core/records/http-client';
import { lookupLabel, type RecordQuery } from '../../core/records/record-source';
import { startSimulator, type RunningSimulator } from '../../core/records/simulator';
import { closedPort, sendJson, startRawServer } from './helpers/servers';

const now = new Date('2021-06-15T10:00:00Z');
const erika: RecordQuery = { genesenenId: 'RZJQMTFB84WV', familyName: 'Mustermann', dateOfBirth: '1964-08-12' };
const HANG_TEST_TIMEOUT = 60_000;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ fixture: demoFixture(now) });
});
afterAll(() => sim.close());

function source(overrides: Partial<HttpClientConfig> = {}) {
  const events: { event: string; fields: Record<string, string | number | boolean> }[] = [];
  const src = createDikomaSource({
    source: 'dikoma',
    baseUrl: sim.url,
    timeoutMs: 5000,
    retries: 2,
    backoffMs: 10,
    log: (event, fields) => events.push({ event, fields }),
    ...overrides,
  });
  const attempts = () => events.filter((e) => e.event === 'record-source.http').length;
  return { src, events, attempts };
}

describe('DiKoMa client against the simulator', () => {
  it('finds a recorded recovery and returns the record as recorded', async () => {
    const { src } = source();
    expect(await src.lookup({ ...erika, familyName: 'MUSTERMANN' })).toEqual({
      ok: true,
      value: {
        kind: 'match',
        record: {
          givenName: 'Erika',
          familyName: 'Mustermann',
          dateOfBirth: '1964-08-12',
          firstPositiveTest: '2021-05-06',
        },
      },
    });
  });

  it('matches transliterated names and partial dates of birth', async () => {
    const { src } = source();
    const olga = await src.lookup({ genesenenId: 'DH7XFDD4HXD7', familyName: 'Petrenko', dateOfBirth: '1982-05-05' });
    expect(olga.ok && olga.value.kind === 'match' && olga.value.record.familyName).toBe('Петренко');
    const karl = await src.lookup({ genesenenId: 'B05D04KSW7JA', familyName: 'Jahrgangsmann', dateOfBirth: '1950' });
    expect(karl.ok && karl.value.kind === 'match' && karl.value.record.dateOfBirth).toBe('1950');
  });

  it('answers no-match identically whichever field is wrong, on the wire and in the result', async () => {
    const { src, events } = source();
    const wrong: RecordQuery[] = [
      { ...erika, familyName: 'Musterfrau' },
      { ...erika, dateOfBirth: '1964-08-13' },
      { ...erika, genesenenId: 'TN4NW47JXHSX' },
      { ...erika, genesenenId: '0123456789AB' },
    ];
    for (const q of wrong) expect(await src.lookup(q)).toEqual({ ok: true, value: { kind: 'no-match' } });
    const lookups = events
      .filter((e) => e.event === 'record-source.lookup')
      .map((e) => ({ ...e.fields, durationMs: 0 }));
    expect(new Set(lookups.map((l) => JSON.stringify(l))).size).toBe(1);
    const bodies = await Promise.all(
      wrong.map(async (q) =>
        (await fetch(`${sim.url}/v1/recovery-lookups`, { method: 'POST', body: JSON.stringify(q) })).text(),
      ),
    );
    expect(new Set(bodies)).toEqual(new Set(['{"result":"no-match"}']));
  });

  it('health probe', async () => {
    expect(await source().src.health()).toEqual({ ok: true, value: null });
  });
});

describe('failure modes', () => {
  it('connection refused on a closed port → SOURCE_UNREACHABLE after the configured retries', async () => {
    const { src, attempts } = source({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_UNREACHABLE' });
    expect(attempts()).toBe(3);
    expect(await src.health()).toEqual({ ok: false, error: 'SOURCE_UNREACHABLE' });
  });

  it('server never answers → SOURCE_TIMEOUT', { timeout: HANG_TEST_TIMEOUT }, async () => {
    sim.setFaults({ mode: 'timeout' });
    try {
      const { src } = source({ timeoutMs: 400 });
      expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_TIMEOUT' });
    } finally {
      sim.setFaults({ mode: 'none' });
    }
  });

  it(
    'body trickles in byte by byte → SOURCE_TIMEOUT (deadline covers the body)',
    { timeout: HANG_TEST_TIMEOUT },
    async () => {
      sim.setFaults({ mode: 'trickle' });
      try {
        const { src } = source({ timeoutMs: 600 });
        expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_TIMEOUT' });
      } finally {
        sim.setFaults({ mode: 'none' });
      }
    },
  );

  it('a hung attempt is retried when attemptTimeoutMs leaves room', { timeout: HANG_TEST_TIMEOUT }, async () => {
    sim.setFaults({ mode: 'timeout', count: 1 });
    // The hung attempt waits out its 3 s; the retry has as long again, enough on a loaded machine.
    const { src, attempts } = source({ timeoutMs: 20_000, attemptTimeoutMs: 3_000 });
    expect(lookupLabel(await src.lookup(erika))).toBe('match');
    expect(attempts()).toBe(2);
  });

  it('500 once, then success → match on the retry', async () => {
    sim.setFaults({ mode: 'http500', count: 1 });
    const { src, events } = source();
    expect(lookupLabel(await src.lookup(erika))).toBe('match');
    expect(events.filter((e) => e.event === 'record-source.http').map((e) => e.fields.outcome)).toEqual([
      'retry',
      'ok',
    ]);
  });

  it('500 always → SOURCE_BAD_RESPONSE after retries', async () => {
    sim.setFaults({ mode: 'http500' });
    try {
      const { src, attempts } = source();
      expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_BAD_RESPONSE' });
      expect(attempts()).toBe(3);
    } finally {
      sim.setFaults({ mode: 'none' });
    }
  });

  it.each([
    ['malformed', 'SOURCE_BAD_RESPONSE'],
    ['oversized', 'SOURCE_BAD_RESPONSE'],
    ['refuse401', 'SOURCE_REFUSED'],
  ] as const)('%s → %s, never retried', async (mode, code) => {
    sim.setFaults({ mode });
    try {
      const { src, attempts } = source();
      expect(await src.lookup(erika)).toEqual({ ok: false, error: code });
      expect(attempts()).toBe(1);
    } finally {
      sim.setFaults({ mode: 'none' });
    }
  });

  it('fault rate 0 never injects', async () => {
    sim.setFaults({ mode: 'http500', rate: 0 });
    try {
      expect(lookupLabel(await source().src.lookup(erika))).toBe('match');
    } finally {
      sim.setFaults({ mode: 'none' });
    }
  });

  it('bearer token is sent; a wrong one is refused', async () => {
    const guarded = await startSimulator({ fixture: demoFixture(now), bearerToken: 'kiosk-secret' });
    try {
      expect(
        lookupLabel(await source({ baseUrl: guarded.url, auth: { bearerToken: 'kiosk-secret' } }).src.lookup(erika)),
      ).toBe('match');
      expect(await source({ baseUrl: guarded.url, auth: { bearerToken: 'wrong' } }).src.lookup(erika)).toEqual({
        ok: false,
        error: 'SOURCE_REFUSED',
      });
    } finally {
      await guarded.close();
    }
  });

  it.each([
    [403, { error: 'forbidden' }, 'SOURCE_REFUSED'],
    [404, { error: 'not-found' }, 'SOURCE_BAD_RESPONSE'],
    [400, { error: 'bad-request' }, 'SOURCE_BAD_RESPONSE'],
    [200, { result: 'maybe' }, 'SOURCE_BAD_RESPONSE'],
    [200, { result: 'match', person: { familyName: 'Mustermann' } }, 'SOURCE_BAD_RESPONSE'],
    [
      200,
      {
        result: 'match',
        person: { givenName: 'E', familyName: 'Mustermann', dateOfBirth: '1964-08-12' },
        firstPositivePcrDate: '06.05.2021',
      },
      'SOURCE_BAD_RESPONSE',
    ],
  ])('HTTP %i %j → %s, never retried', async (status, body, code) => {
    const raw = await startRawServer((_req, _body, res) => sendJson(res, status, body));
    try {
      const { src } = source({ baseUrl: raw.url });
      expect(await src.lookup(erika)).toEqual({ ok: false, error: code });
      expect(raw.requests).toHaveLength(1);
    } finally {
      await raw.close();
    }
  });

  it('connection dropped in the middle of the body → SOURCE_UNREACHABLE after retries', async () => {
    const dropping = await startRawServer((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"result":');
      setImmediate(() => res.socket?.destroy());
    });
    try {
      const { src, attempts } = source({ baseUrl: dropping.url });
      expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_UNREACHABLE' });
      expect(attempts()).toBe(3);
    } finally {
      await dropping.close();
    }
  });

  it('a server "match" for a different person is not trusted → no-match', async () => {
    const lenient = await startRawServer((_req, _body, res) =>
      sendJson(res, 200, {
        result: 'match',
        person: { givenName: 'Max', familyName: 'Müller-Lüdenscheidt', dateOfBirth: '1964-08-12' },
        firstPositivePcrDate: '2021-05-06',
      }),
    );
    try {
      const { src, events } = source({ baseUrl: lenient.url });
      expect(await src.lookup(erika)).toEqual({ ok: true, value: { kind: 'no-match' } });
      expect(events.some((e) => e.event === 'record-source.match-rejected')).toBe(true);
    } finally {
      await lenient.close();
    }
  });

  it('sends the contract request body (normalised ID, name and date as typed)', async () => {
    const raw = await startRawServer((_req, _body, res) => sendJson(res, 200, { result: 'no-match' }));
    try {
      await source({ baseUrl: raw.url }).src.lookup(erika);
      expect(raw.requests[0]!.method).toBe('POST');
      expect(raw.requests[0]!.url).toBe('/v1/recovery-lookups');
      expect(raw.requests[0]!.headers['content-type']).toBe('application/json');
      expect(JSON.parse(raw.requests[0]!.body)).toEqual(erika);
    } finally {
      await raw.close();
    }
  });
});
