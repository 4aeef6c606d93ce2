// Two reissues of one ID at the same moment (a double tap, two requests on the browser transport,
// two kiosks of a fleet) never pass clerk.maxReissuesPerId together (docs/configuration.md, "Clerk
// accounts"). The registry's count is made slow, as a busy fleet database would answer: the second
// request's count is read before the first reissue commits and arrives after it. The limit holds because the count is read again while the reservation (one
// per ID) is held.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../core/clerk/pin-hash';
import type { IssuanceRegistry } from '../../core/registry/registry-port';
import { makeDirs, openKiosk } from '../issuance/kiosk-helpers';

const erika = { genesenenId: 'rzjq mtfb 84wv', familyName: 'mustermann', dateOfBirth: '1964-08-12', lang: 'de' };
const reason = 'Ausdruck verloren';
/**
 * How late the slowed count arrives, and when the second request starts: before the first's count
 * has arrived, so the second reads 0 too and its answer arrives after the first reserved. With one
 * count before the reservation only, the first had committed by then and both were reissued.
 */
const COUNT_DELAY_MS = 600;
const SECOND_START_MS = 300;

let dirs: ReturnType<typeof makeDirs>;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;

beforeAll(async () => {
  dirs = makeDirs();
  const configPath = join(dirs.configDir, 'kiosk.json');
  const accounts = [
    { id: 'mueller', pinHash: await hashPin('135791') },
    { id: 'yilmaz', pinHash: await hashPin('246802') },
  ];
  writeFileSync(configPath, JSON.stringify({ clerk: { accounts, maxReissuesPerId: 1 } }));
  kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => new Date() });
});

afterAll(async () => {
  await kiosk?.close();
  dirs?.cleanup();
});

async function tokenOf(clerkId: string, pin: string): Promise<string> {
  const r = await kiosk.api.clerkUnlock({ clerkId, pin });
  if (!r.ok) throw new Error(r.error.code);
  return r.value.token;
}

describe('reissue limit under concurrency', () => {
  it('two reissues of the same ID at once: one reissue, the other needs a second clerk', async () => {
    expect((await kiosk.api.issue(erika)).ok).toBe(true);
    const token = await tokenOf('mueller', '135791');

    const registry = kiosk.runtime.registry as { -readonly [K in keyof IssuanceRegistry]: IssuanceRegistry[K] };
    const count = registry.reissueCount.bind(registry);
    registry.reissueCount = async (idHash) => {
      const r = await count(idHash);
      await sleep(COUNT_DELAY_MS);
      return r;
    };

    const first = kiosk.api.clerkReissue({ ...erika, token, reason });
    await sleep(SECOND_START_MS);
    const second = kiosk.api.clerkReissue({ ...erika, token, reason });
    const outcomes = (await Promise.all([first, second])).map((r) => (r.ok ? 'reissued' : r.error.code));

    registry.reissueCount = count;
    // Exactly one reissue; the other is refused (past the limit, or still running on a slow machine).
    expect(outcomes[0]).toBe('reissued');
    expect(['REISSUE_NEEDS_SECOND_CLERK', 'ISSUANCE_IN_PROGRESS']).toContain(outcomes[1]);
    const reissued = readdirSync(join(dirs.dataDir, 'audit'))
      .flatMap((f) =>
        readFileSync(join(dirs.dataDir, 'audit', f), 'utf8')
          .trimEnd()
          .split('\n'),
      )
      .map((l) => JSON.parse(l) as { event: string })
      .filter((l) => l.event === 'certificate.reissued');
    expect(reissued).toHaveLength(1);
  });
});
