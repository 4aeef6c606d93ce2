// A clerk issues despite a per-ID lock (docs/configuration.md, "Attempt limits"): after too many
// wrong entries for one Genesenen-ID the citizen's own way is closed for hours, and "reissue"
// used to answer "issue it normally", which is exactly what is blocked. Now a signed-in clerk, who
// has checked the person's identity, issues that first certificate through the reissue form; the
// audit line says who and why. With the ID not locked the answer stays REISSUE_NOT_NEEDED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE } from '../../core/records/demo-records';
import { CLERK, entered, openLimitedKiosk } from './limited-kiosk';

let kiosk: Awaited<ReturnType<typeof openLimitedKiosk>>;
const [erika, other] = DEMO_PEOPLE as [(typeof DEMO_PEOPLE)[number], (typeof DEMO_PEOPLE)[number]];
const reason = 'Ausweis geprüft, Tippfehler';

beforeAll(async () => {
  kiosk = await openLimitedKiosk({ perId: 2, perKiosk: 20 });
});
afterAll(() => kiosk?.close());

describe('a clerk issues despite a per-ID lock', () => {
  it('the locked ID gets its first certificate from the clerk, audited with clerk id and reason; once only', async () => {
    for (let i = 0; i < 2; i++) await kiosk.api.issue(entered(erika, 'Falsch'));
    const citizen = await kiosk.api.issue(entered(erika));
    expect(citizen.ok ? 'issued' : [citizen.error.code, citizen.error.details?.scope]).toEqual([
      'TOO_MANY_ATTEMPTS',
      'id',
    ]);
    const unlocked = await kiosk.api.clerkUnlock(CLERK);
    if (!unlocked.ok) throw new Error(unlocked.error.code);
    const token = unlocked.value.token;

    // Not locked: the citizen's own way is open, so the clerk is told to issue normally.
    const open = await kiosk.api.clerkReissue({ ...entered(other), token, reason });
    expect(open.ok ? 'issued' : open.error.code).toBe('REISSUE_NOT_NEEDED');

    const byClerk = await kiosk.api.clerkReissue({ ...entered(erika), token, reason });
    if (!byClerk.ok) throw new Error(byClerk.error.code);
    expect(byClerk.value.reissue).toBe(false);
    const issued = kiosk.auditLines().filter((l) => l.event === 'certificate.issued');
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ uvci: byClerk.value.uvci, clerkId: 'mueller', reason });
    expect(issued[0]!.supersedes).toBeUndefined();

    // Exactly once still: a second clerk request is a reissue now (it supersedes), never a second first.
    const again = await kiosk.api.clerkReissue({ ...entered(erika), token, reason });
    if (!again.ok) throw new Error(again.error.code);
    expect(again.value.reissue).toBe(true);
    const reissued = kiosk.auditLines().filter((l) => l.event === 'certificate.reissued');
    expect(reissued.map((l) => l.supersedes)).toEqual([byClerk.value.uvci]);
  });
});
