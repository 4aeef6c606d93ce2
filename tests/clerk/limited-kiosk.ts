// A kiosk with one clerk account (`mueller`, PIN 135791) and tight attempt limits, for the tests of
// how clerks meet those limits (docs/configuration.md, "Attempt limits"): lifting the kiosk-wide
// lock, issuing despite a per-ID lock.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPin } from '../../core/clerk/pin-hash';
import { DEMO_PEOPLE } from '../../core/records/demo-records';
import { makeDirs, openKiosk } from '../issuance/kiosk-helpers';
import { auditLines } from '../support/registry-inspect';

export const CLERK = { clerkId: 'mueller', pin: '135791' } as const;

/** What a citizen types for a demo person; another family name makes it a wrong entry. */
export const entered = (p: (typeof DEMO_PEOPLE)[number], familyName = p.familyName) => ({
  genesenenId: p.genesenenId,
  familyName,
  dateOfBirth: p.dateOfBirth,
  lang: 'de',
});

export async function openLimitedKiosk(limits: { readonly perId: number; readonly perKiosk: number }) {
  const dirs = makeDirs();
  const configPath = join(dirs.configDir, 'kiosk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      clerk: { accounts: [{ id: CLERK.clerkId, pinHash: await hashPin(CLERK.pin) }] },
      attemptLimits: {
        perId: { max: limits.perId, windowSeconds: 86_400 },
        perKiosk: { max: limits.perKiosk, windowSeconds: 3600 },
        clerkPin: { max: 5, windowSeconds: 900 },
      },
    }),
  );
  const kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => new Date() });
  return {
    api: kiosk.api,
    auditLines: () => auditLines(dirs.dataDir),
    close: async () => {
      await kiosk.close();
      dirs.cleanup();
    },
  };
}
