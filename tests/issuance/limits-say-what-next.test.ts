// Limits that help instead of trap (docs/configuration.md, "Attempt limits"): from the third wrong
// entry for an ID, NOT_FOUND says how many tries are left, and with none left until when; a limit
// refusal names its scope ('id' or 'kiosk') and its end; a kiosk-wide lock shows on the welcome
// screen's serviceState and on the clerk status. None of these details carries anything personal.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import type { AppError } from '../../core/result';
import { makeDirs, openKiosk, person, requestFor, writeFixtureConfig } from './kiosk-helpers';

// A whole second, as the limits' `until` is (rounded up to the second).
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000).toISOString();
let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups) await c();
  cleanups = [];
});

async function kioskWith(attemptLimits: Record<string, unknown>, people: ReturnType<typeof person>[]) {
  const dirs = makeDirs();
  const configPath = writeFixtureConfig(dirs.configDir, people, { attemptLimits });
  const kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
  cleanups.push(async () => {
    await kiosk.close();
    dirs.cleanup();
  });
  return kiosk;
}

const errorOf = (r: { ok: boolean; error?: AppError }) => (r.ok ? null : r.error!);

describe('wrong entries for one ID', () => {
  it('say the tries left from the third on, then until when the ID is locked, then TOO_MANY_ATTEMPTS with scope id', async () => {
    const max = person(NOW, 'Mustermann', 'Max', '1980-02-03', 60);
    const kiosk = await kioskWith(
      { perId: { max: 5, windowSeconds: 3600 }, perKiosk: { max: 50, windowSeconds: 3600 } },
      [max],
    );
    const wrong = { ...requestFor(max), familyName: 'Falsch' };
    const errors: (AppError | null)[] = [];
    for (let i = 0; i < 6; i++) errors.push(errorOf(await kiosk.api.issue(wrong)));
    expect(errors).toEqual([
      { code: 'NOT_FOUND' },
      { code: 'NOT_FOUND' },
      { code: 'NOT_FOUND', details: { triesLeft: 2 } },
      { code: 'NOT_FOUND', details: { triesLeft: 1 } },
      { code: 'NOT_FOUND', details: { triesLeft: 0, until: at(3600) } },
      { code: 'TOO_MANY_ATTEMPTS', details: { scope: 'id', until: at(3600), retryAfterSeconds: 3600 } },
    ]);
    // Nothing of the person or the ID in any of them.
    const text = JSON.stringify(errors);
    for (const personal of [max.genesenenId, max.familyName, 'Falsch', max.dateOfBirth, 'kiosk-test'])
      expect(text).not.toContain(personal);
    // A clerk's reissue is not limited: its NOT_FOUND counts no tries down.
    const clerk = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
    if (!clerk.ok) throw new Error(clerk.error.code);
    const reissue = await kiosk.api.clerkReissue({ ...wrong, token: clerk.value.token, reason: 'Ausdruck verloren' });
    expect(errorOf(reissue)).toEqual({ code: 'NOT_FOUND' });
  });

  it('with a limit of three, the last try is announced after the second wrong entry', async () => {
    const erika = person(NOW, 'Musterfrau', 'Erika', '1964-08-12', 60);
    const kiosk = await kioskWith({ perId: { max: 3, windowSeconds: 3600 } }, [erika]);
    const wrong = { ...requestFor(erika), dateOfBirth: '1964-08-13' };
    const errors: (AppError | null)[] = [];
    for (let i = 0; i < 2; i++) errors.push(errorOf(await kiosk.api.issue(wrong)));
    expect(errors).toEqual([{ code: 'NOT_FOUND' }, { code: 'NOT_FOUND', details: { triesLeft: 1 } }]);
  });
});

describe('wrong entries at one kiosk', () => {
  it('lock the kiosk with scope kiosk, shown on the welcome service state and the clerk status', async () => {
    const guesses = Array.from({ length: 4 }, (_, i) => person(NOW, `Rate${'x'.repeat(i)}`, 'R', '1990-01-01', 60));
    const kiosk = await kioskWith({ perKiosk: { max: 3, windowSeconds: 600 } }, []);
    expect(await kiosk.api.serviceState({})).toEqual({ ok: true, value: { level: 'ok', printing: 'none' } });
    const errors: (AppError | null)[] = [];
    for (const g of guesses) errors.push(errorOf(await kiosk.api.issue(requestFor(g))));
    expect(errors.at(-1)).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      details: { scope: 'kiosk', until: at(600), retryAfterSeconds: 600 },
    });
    expect(await kiosk.api.serviceState({})).toEqual({
      ok: true,
      value: { level: 'out', printing: 'none', lockedUntil: at(600) },
    });
    const clerk = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
    if (!clerk.ok) throw new Error(clerk.error.code);
    const status = await kiosk.api.clerkStatus({ token: clerk.value.token });
    expect(status.ok && status.value.kioskLock).toEqual({ until: at(600) });
  });

  it('with a growing delay: "please wait until" to the second, on the welcome state and the clerk status, lifting by itself', async () => {
    const dirs = makeDirs();
    const configPath = writeFixtureConfig(dirs.configDir, [], {
      attemptLimits: { perKiosk: { max: 2, windowSeconds: 600, delay: { firstSeconds: 30, maxSeconds: 300 } } },
    });
    const clock = { at: NOW.getTime() };
    const kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => new Date(clock.at) });
    cleanups.push(async () => {
      await kiosk.close();
      dirs.cleanup();
    });
    const guess = (i: number) => requestFor(person(NOW, `Warte${'x'.repeat(i)}`, 'W', '1990-01-01', 60));
    expect(errorOf(await kiosk.api.issue(guess(0)))).toEqual({ code: 'NOT_FOUND' });
    expect(errorOf(await kiosk.api.issue(guess(1)))).toEqual({ code: 'NOT_FOUND' });
    const wait = { scope: 'kiosk', until: at(30), retryAfterSeconds: 30, delay: true };
    expect(errorOf(await kiosk.api.issue(guess(2)))).toEqual({ code: 'TOO_MANY_ATTEMPTS', details: wait });
    expect(await kiosk.api.serviceState({})).toEqual({
      ok: true,
      value: { level: 'out', printing: 'none', lockedUntil: at(30), lockIsDelay: true },
    });
    const clerk = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
    if (!clerk.ok) throw new Error(clerk.error.code);
    const status = await kiosk.api.clerkStatus({ token: clerk.value.token });
    expect(status.ok && status.value.kioskLock).toEqual({ until: at(30), delay: true });
    await kiosk.api.clerkLock({ token: clerk.value.token });
    // After 30 s the kiosk takes entries again; the next wrong one doubles the wait.
    clock.at = NOW.getTime() + 30_000;
    expect(await kiosk.api.serviceState({})).toEqual({ ok: true, value: { level: 'ok', printing: 'none' } });
    expect(errorOf(await kiosk.api.issue(guess(3)))).toEqual({ code: 'NOT_FOUND' });
    expect(errorOf(await kiosk.api.issue(guess(4)))).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      details: { ...wait, until: at(90), retryAfterSeconds: 60 },
    });
  });
});
