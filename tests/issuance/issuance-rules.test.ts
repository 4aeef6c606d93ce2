// The issuance rules end to end (createKiosk + api.issue against the simulator over HTTP):
// day 27 refused / 28 issued / 179 issued / 180 refused (on the du day verifiers already reject),
// a leap-day birthday, partial dates of birth, and attempt limits that survive a restart of the kiosk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyHc1 } from '../../core/dcc/verify';
import { addDays, utcDay } from '../../core/issuance/validity-rules';
import { makeDirs, openKiosk, person, requestFor, writeFixtureConfig } from './kiosk-helpers';

// A whole second, as the limits' `until` is (rounded up to the second).
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const TODAY = utcDay(NOW);
const people = {
  day27: person(NOW, 'Siebenundzwanzig', 'Tilda', '1971-01-02', 27),
  day28: person(NOW, 'Achtundzwanzig', 'Arne', '1972-03-04', 28),
  day179: person(NOW, 'Hundertneunundsiebzig', 'Hanne', '1973-05-06', 179),
  day180: person(NOW, 'Hundertachtzig', 'Hinnerk', '1974-07-08', 180),
  leap: person(NOW, 'Schalttag', 'Lea', '2000-02-29', 60),
  year: person(NOW, 'Jahrgang', 'Jens', '1980', 60),
  month: person(NOW, 'Monatsweise', 'Maren', '1980-05', 60),
  limited: person(NOW, 'Vielversuch', 'Vera', '1985-06-07', 60),
};
let dirs: ReturnType<typeof makeDirs>;
let configPath: string;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;

beforeAll(async () => {
  dirs = makeDirs();
  configPath = writeFixtureConfig(dirs.configDir, Object.values(people), {
    attemptLimits: { perId: { max: 3, windowSeconds: 86400 }, perKiosk: { max: 50, windowSeconds: 3600 } },
  });
  kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
});
afterAll(async () => {
  await kiosk?.close();
  dirs.cleanup();
});

const dscDer = () => (kiosk.runtime.signer.ok ? kiosk.runtime.signer.value.dsc.der : new Uint8Array());

describe('issuance window (UTC calendar days after the first positive test)', () => {
  it('day 27: TOO_EARLY with the first possible day', async () => {
    expect(await kiosk.api.issue(requestFor(people.day27))).toEqual({
      ok: false,
      error: { code: 'TOO_EARLY', details: { availableFrom: addDays(TODAY, 1) } },
    });
  });
  it('day 28: issued, valid from today', async () => {
    const res = await kiosk.api.issue(requestFor(people.day28));
    expect(res.ok && res.value.validFrom).toBe(TODAY);
  });
  it('day 179: issued (after "issue anyway"), valid until tomorrow, accepted until then', async () => {
    const res = await kiosk.api.issue({ ...requestFor(people.day179), acceptShortAcceptance: true });
    expect(res.ok && res.value.validUntil).toBe(addDays(TODAY, 1));
    expect(res.ok && res.value.acceptance).toMatchObject({
      acceptedUntil: addDays(TODAY, 1),
      differsFromValidUntil: false,
      warning: true,
    });
  });
  it('day 180 (the du day itself, which RR-EU-0001 already rejects): TOO_LATE with the last possible day', async () => {
    expect(await kiosk.api.issue(requestFor(people.day180))).toEqual({
      ok: false,
      error: { code: 'TOO_LATE', details: { expiredOn: addDays(TODAY, -1) } },
    });
  });
});

describe('dates of birth', () => {
  it.each([
    ['leap-day birthday 2000-02-29', 'leap', '2000-02-29'],
    ['birth year only', 'year', '1980'],
    ['year and month only', 'month', '1980-05'],
  ] as const)('%s is issued and kept as recorded', async (_label, key, dob) => {
    const res = await kiosk.api.issue(requestFor(people[key]));
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.value.dateOfBirth).toBe(dob);
    const report = await verifyHc1(res.value.hc1, { dscs: [dscDer()] }, { now: NOW });
    expect(report).toMatchObject({ ok: true, value: { payload: { dob } } });
  });
});

describe('attempt limits', () => {
  it('refuse an ID after repeated wrong entries, also after a restart, even with the right data', async () => {
    const wrong = { ...requestFor(people.limited), familyName: 'Falsch' };
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await kiosk.api.issue(wrong);
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    await kiosk.close();
    kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
    const limited = await kiosk.api.issue(requestFor(people.limited));
    const until = new Date(NOW.getTime() + 86400_000).toISOString();
    expect(limited).toEqual({
      ok: false,
      error: { code: 'TOO_MANY_ATTEMPTS', details: { retryAfterSeconds: 86400, scope: 'id', until } },
    });
    // Other IDs are not affected by this ID's limit.
    const other = await kiosk.api.issue(requestFor(people.day27));
    expect(other.ok ? 'ok' : other.error.code).toBe('TOO_EARLY');
  });

  it('limit a kiosk that sees many wrong entries across IDs', async () => {
    const t = makeDirs();
    const guesses = Array.from({ length: 4 }, (_, i) => person(NOW, `Rate${'x'.repeat(i)}`, 'R', '1990-01-01', 60));
    const cfg = writeFixtureConfig(t.configDir, [], { attemptLimits: { perKiosk: { max: 3, windowSeconds: 3600 } } });
    const k = await openKiosk({ dataDir: t.dataDir, configPath: cfg, now: () => NOW });
    const codes: string[] = [];
    for (const g of guesses) {
      const r = await k.api.issue(requestFor(g));
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'TOO_MANY_ATTEMPTS']);
    await k.close();
    t.cleanup();
  });
});
