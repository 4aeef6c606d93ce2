// The short-time warning comes before issuing (docs/business-rules.md, "The short-time warning"):
// when fewer than rules.minAcceptedDays of acceptance remain, `issue` hands nothing out — the
// reservation is released as on RULES_REJECTED, nothing committed or held — and answers
// SHORT_ACCEPTANCE with until when the certificate would be accepted. The same details again with
// `acceptShortAcceptance` issue it exactly once, and the question costs no try against the
// attempt limits. A clerk's reissue needs no consent. Nothing personal reaches log or audit.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskApiContract } from '../../core/api/kiosk-api-contract';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { addDays } from '../../core/issuance/validity-rules';
import { dataPaths } from '../../core/paths';
import { makeDirs, openKiosk, person, requestFor, writeFixtureConfig, type TestPerson } from './kiosk-helpers';

const NOW = new Date();
const DAY_MS = 86_400_000;
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

/** A kiosk with the default 2021 rules (accepted until du = fr + 180) and these people. */
async function kioskWith(people: readonly TestPerson[], extra: Record<string, unknown> = {}) {
  const dirs = makeDirs();
  const configPath = writeFixtureConfig(dirs.configDir, people, extra);
  const kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
  cleanups.push(async () => {
    await kiosk.close();
    dirs.cleanup();
  });
  const auditLines = () => {
    const dir = dataPaths(dirs.dataDir).auditDir;
    return readdirSync(dir)
      .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n'))
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  return Object.assign(kiosk, { auditLines });
}

/** Day 176 after the positive test: du = fr + 180 is four days ahead, 3 whole days left. */
const shortPerson = (name = 'Knappzeit') => person(NOW, name, 'Kira', '1979-04-05', 176);
const du = (p: TestPerson) => addDays(p.firstPositiveTest, 180);
const anyway = (p: TestPerson) => ({ ...requestFor(p), acceptShortAcceptance: true });

describe('fewer than minAcceptedDays of acceptance left', () => {
  it('asks before issuing: SHORT_ACCEPTANCE with accepted-until and days left, nothing issued or held', async () => {
    const p = shortPerson();
    const kiosk = await kioskWith([p]);
    const daysLeft = Math.floor((Date.parse(`${du(p)}T00:00:00Z`) - NOW.getTime()) / DAY_MS);
    const expected = {
      ok: false,
      error: {
        code: 'SHORT_ACCEPTANCE',
        details: { country: 'DE', acceptedUntil: du(p), lastAcceptedAt: `${du(p)}T00:00:00.000Z`, daysLeft },
      },
    };
    expect(daysLeft).toBeLessThan(7);
    expect(await kiosk.api.issue(requestFor(p))).toEqual(expected);
    // The reservation was released: asking again asks again (not ISSUANCE_IN_PROGRESS).
    expect(await kiosk.api.issue({ ...requestFor(p), acceptShortAcceptance: false })).toEqual(expected);
    expect(await kiosk.runtime.registry.issuedCount()).toEqual({ ok: true, value: 0 });
    expect(await kiosk.api.sessionState({})).toEqual({
      ok: true,
      value: { heldCertificates: 0, clerkUnlocked: false },
    });

    const released = kiosk.auditLines().filter((l) => l.code === 'SHORT_ACCEPTANCE');
    expect(released).toHaveLength(2);
    for (const line of released) expect(line).toMatchObject({ event: 'reservation.released', outcome: 'refused' });
    expect(kiosk.auditLines().some((l) => l.event === 'certificate.issued')).toBe(false);
    expect(kiosk.logLines.filter((l) => l.includes('issuance.short-acceptance-asked'))).toHaveLength(2);
    expect(kiosk.logLines.some((l) => l.includes('issuance.failed'))).toBe(false);
    // The accepted-until date (with today it tells the day of the positive test) stays out of both.
    const written = JSON.stringify(kiosk.auditLines()) + kiosk.logLines.join('\n');
    for (const personal of [du(p), p.firstPositiveTest, p.genesenenId, p.familyName, p.dateOfBirth])
      expect(written).not.toContain(personal);
  });

  it('"issue anyway" issues exactly once, with the warning on the certificate', async () => {
    const p = shortPerson();
    const kiosk = await kioskWith([p]);
    expect(await kiosk.api.issue(requestFor(p))).toMatchObject({ ok: false, error: { code: 'SHORT_ACCEPTANCE' } });
    const res = await kiosk.api.issue(anyway(p));
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.value.acceptance).toMatchObject({ acceptedUntil: du(p), warning: true });
    expect(await kiosk.api.issue(anyway(p))).toMatchObject({ ok: false, error: { code: 'ALREADY_ISSUED' } });
    expect(await kiosk.runtime.registry.issuedCount()).toEqual({ ok: true, value: 1 });
    expect(kiosk.auditLines().filter((l) => l.event === 'certificate.issued')).toHaveLength(1);
  });

  it('two "issue anyway" at once: one certificate', async () => {
    const p = shortPerson();
    const kiosk = await kioskWith([p]);
    const both = await Promise.all([kiosk.api.issue(anyway(p)), kiosk.api.issue(anyway(p))]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await kiosk.runtime.registry.issuedCount()).toEqual({ ok: true, value: 1 });
  });

  it('the question and "issue anyway" cost no try against the ID or the kiosk limit', async () => {
    const p = shortPerson();
    const other = person(NOW, 'Anderswo', 'Otto', '1970-01-01', 60);
    // One wrong entry already: with a limit of two, one more counted attempt would lock both.
    const kiosk = await kioskWith([p, other], {
      attemptLimits: { perId: { max: 2, windowSeconds: 3600 }, perKiosk: { max: 2, windowSeconds: 3600 } },
    });
    expect(await kiosk.api.issue({ ...requestFor(p), familyName: 'Falsch' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await kiosk.api.issue(requestFor(p))).toMatchObject({ ok: false, error: { code: 'SHORT_ACCEPTANCE' } });
    expect(await kiosk.api.issue(requestFor(p))).toMatchObject({ ok: false, error: { code: 'SHORT_ACCEPTANCE' } });
    const res = await kiosk.api.issue(anyway(p));
    expect(res.ok ? 'issued' : res.error).toBe('issued');
    // The kiosk still has its second try: a wrong entry for another ID is NOT_FOUND, not a lock.
    const wrong = await kiosk.api.issue({ ...requestFor(other), familyName: 'Falsch' });
    expect(wrong.ok ? 'issued' : wrong.error.code).toBe('NOT_FOUND');
  });

  it('with ample time left nobody is asked', async () => {
    const p = person(NOW, 'Vielzeit', 'Vito', '1975-06-07', 60);
    const kiosk = await kioskWith([p]);
    const res = await kiosk.api.issue(requestFor(p));
    expect(res.ok && res.value.acceptance.warning).toBe(false);
  });

  it('a clerk reissue needs no consent: the clerk sees the warning with the result', async () => {
    const p = shortPerson();
    const kiosk = await kioskWith([p]);
    expect((await kiosk.api.issue(anyway(p))).ok).toBe(true);
    const clerk = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
    if (!clerk.ok) throw new Error(clerk.error.code);
    const res = await kiosk.api.clerkReissue({ ...requestFor(p), token: clerk.value.token, reason: 'Handy verloren' });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.value).toMatchObject({ reissue: true, acceptance: { warning: true, acceptedUntil: du(p) } });
  });
});

describe('the consent in the contract', () => {
  const base = { genesenenId: 'X', familyName: 'Y', dateOfBirth: '1980', lang: 'de' };
  it('issue takes an optional boolean acceptShortAcceptance, nothing else', () => {
    expect(kioskApiContract.issue.safeParse(base).success).toBe(true);
    expect(kioskApiContract.issue.safeParse({ ...base, acceptShortAcceptance: true }).success).toBe(true);
    expect(kioskApiContract.issue.safeParse({ ...base, acceptShortAcceptance: 'yes' }).success).toBe(false);
  });
  it('a clerk reissue has no such flag', () => {
    const reissue = { ...base, token: 't', reason: 'r' };
    expect(kioskApiContract.clerkReissue.safeParse(reissue).success).toBe(true);
    expect(kioskApiContract.clerkReissue.safeParse({ ...reissue, acceptShortAcceptance: true }).success).toBe(false);
  });
});
