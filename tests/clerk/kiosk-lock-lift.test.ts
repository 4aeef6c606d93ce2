// "Sperre aufheben" (docs/configuration.md, "Attempt limits"): after too many wrong entries the whole
// kiosk refuses every citizen until the window ends; a signed-in clerk can end that lock at once.
// The lift is audited with the clerk's id, needs a live clerk session, and leaves the per-ID limit
// alone (that one protects a person's data, not the device).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../core/records/demo-records';
import { CLERK, entered, openLimitedKiosk } from './limited-kiosk';

let kiosk: Awaited<ReturnType<typeof openLimitedKiosk>>;
const [erika, other] = DEMO_PEOPLE as [(typeof DEMO_PEOPLE)[number], (typeof DEMO_PEOPLE)[number]];

beforeAll(async () => {
  kiosk = await openLimitedKiosk({ perId: 2, perKiosk: 3 });
});
afterAll(() => kiosk?.close());

describe('a clerk lifts the kiosk-wide lock', () => {
  it('locked by wrong entries, lifted by a signed-in clerk, audited with the clerk id; the per-ID lock stays', async () => {
    // Two wrong entries for erika (her ID locked), one for the other person: the kiosk is locked too.
    for (const p of [erika, erika, other]) await kiosk.api.issue(entered(p, 'Falsch'));
    const locked = await kiosk.api.issue(entered(other));
    expect(locked.ok ? 'issued' : [locked.error.code, locked.error.details?.scope]).toEqual([
      'TOO_MANY_ATTEMPTS',
      'kiosk',
    ]);
    const stranger = await kiosk.api.clerkLiftKioskLock({ token: 'not-a-session' });
    expect(stranger.ok ? 'lifted' : stranger.error.code).toBe('CLERK_NOT_AUTHORISED');

    const unlocked = await kiosk.api.clerkUnlock(CLERK);
    if (!unlocked.ok) throw new Error(unlocked.error.code);
    const token = unlocked.value.token;
    const before = await kiosk.api.clerkStatus({ token });
    expect(before.ok && before.value.kioskLock?.until).toMatch(/^\d{4}-/);
    expect(await kiosk.api.clerkLiftKioskLock({ token })).toEqual({ ok: true, value: null });
    const after = await kiosk.api.clerkStatus({ token });
    expect(after.ok && after.value.kioskLock).toBeUndefined();
    const lifted = kiosk.auditLines().filter((l) => l.event === 'kiosk.lock-lifted');
    expect(lifted).toHaveLength(1);
    expect(lifted[0]).toMatchObject({ outcome: 'ok', clerkId: 'mueller' });

    // Citizens can try again; erika's own ID stays locked.
    expect((await kiosk.api.issue(entered(other))).ok).toBe(true);
    const erikaAgain = await kiosk.api.issue(entered(erika));
    expect(erikaAgain.ok ? 'issued' : [erikaAgain.error.code, erikaAgain.error.details?.scope]).toEqual([
      'TOO_MANY_ATTEMPTS',
      'id',
    ]);
  });
});
