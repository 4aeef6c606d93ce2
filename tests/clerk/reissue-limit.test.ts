// Reissue limits (docs/configuration.md, "Clerk accounts"): past clerk.maxReissuesPerId reissues of
// one ID a clerk is refused with REISSUE_NEEDS_SECOND_CLERK, unless a second, different clerk
// confirms with their own id and PIN in the same request; the audit line names both clerk ids.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../core/clerk/pin-hash';
import { makeDirs, openKiosk } from '../issuance/kiosk-helpers';
import { auditLines as auditLinesIn } from '../support/registry-inspect';

const NOW = new Date();
const erika = { genesenenId: 'rzjq mtfb 84wv', familyName: 'mustermann', dateOfBirth: '1964-08-12', lang: 'de' };
const reason = 'Ausdruck verloren';
let dirs: ReturnType<typeof makeDirs>;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;

const auditLines = () => auditLinesIn(dirs.dataDir);

beforeAll(async () => {
  dirs = makeDirs();
  const configPath = join(dirs.configDir, 'kiosk.json');
  // Demo signer: account hashes without pepper are allowed (docs/configuration.md).
  const accounts = [
    { id: 'mueller', pinHash: await hashPin('135791') },
    { id: 'yilmaz', pinHash: await hashPin('246802') },
  ];
  writeFileSync(configPath, JSON.stringify({ clerk: { accounts, maxReissuesPerId: 1 } }));
  kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
});

afterAll(async () => {
  await kiosk?.close();
  dirs?.cleanup();
});

describe('reissue limits', () => {
  it('past the limit only a second, different clerk lets a reissue through, and both are audited', async () => {
    expect((await kiosk.api.issue(erika)).ok).toBe(true);
    const unlocked = await kiosk.api.clerkUnlock({ clerkId: 'mueller', pin: '135791' });
    if (!unlocked.ok) throw new Error(unlocked.error.code);
    const token = unlocked.value.token;

    expect((await kiosk.api.clerkReissue({ ...erika, token, reason })).ok).toBe(true);
    expect(await kiosk.api.clerkReissue({ ...erika, token, reason })).toEqual({
      ok: false,
      error: { code: 'REISSUE_NEEDS_SECOND_CLERK', details: { max: 1 } },
    });
    const self = await kiosk.api.clerkReissue({
      ...erika,
      token,
      reason,
      confirmedBy: { clerkId: 'mueller', pin: '135791' },
    });
    expect(self.ok ? 'ok' : self.error.code).toBe('CLERK_NOT_AUTHORISED');
    const wrong = await kiosk.api.clerkReissue({
      ...erika,
      token,
      reason,
      confirmedBy: { clerkId: 'yilmaz', pin: '135791' },
    });
    expect(wrong.ok ? 'ok' : wrong.error.code).toBe('CLERK_PIN_WRONG');

    const confirmed = await kiosk.api.clerkReissue({
      ...erika,
      token,
      reason,
      confirmedBy: { clerkId: 'yilmaz', pin: '246802' },
    });
    if (!confirmed.ok) throw new Error(JSON.stringify(confirmed.error));
    expect(confirmed.value.reissue).toBe(true);

    const reissues = auditLines().filter((l) => l.event === 'certificate.reissued');
    expect(reissues.map((l) => [l.clerkId, l.confirmedBy])).toEqual([
      ['mueller', undefined],
      ['mueller', 'yilmaz'],
    ]);
    const refused = auditLines().filter((l) => l.code === 'REISSUE_NEEDS_SECOND_CLERK');
    expect(refused.map((l) => l.clerkId)).toEqual(['mueller']);
    // No PIN, no name of the citizen anywhere in the log.
    const text = JSON.stringify(auditLines());
    expect(text).not.toMatch(/135791|246802|mustermann/i);
  });
});
