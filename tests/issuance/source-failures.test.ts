// Every failure of the health office's system reaches the citizen as the right SOURCE_* code,
// through createKiosk and the simulator's fault modes over real HTTP; a failure is not counted
// as a wrong entry, reserves nothing, and the clerk status shows the source as down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import type { SimulatorFaultMode } from '../../core/records/simulator';
import { makeDirs, openKiosk, person, requestFor, writeFixtureConfig } from './kiosk-helpers';

const NOW = new Date();
const anna = person(NOW, 'Ausfall', 'Anna', '1970-10-10', 50);
let dirs: ReturnType<typeof makeDirs>;
let kiosk: Awaited<ReturnType<typeof openKiosk>>;

beforeAll(async () => {
  dirs = makeDirs();
  const configPath = writeFixtureConfig(dirs.configDir, [anna], {
    attemptLimits: { perId: { max: 2, windowSeconds: 86400 } },
  });
  kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
});
afterAll(async () => {
  await kiosk?.close();
  dirs.cleanup();
});

const issueWith = async (mode: SimulatorFaultMode) => {
  kiosk.runtime.simulator!.setFaults({ mode });
  const r = await kiosk.api.issue(requestFor(anna));
  kiosk.runtime.simulator!.setFaults({ mode: 'none' });
  return r.ok ? 'issued' : r.error.code;
};

describe('record source failures', () => {
  it.each([
    ['http500', 'SOURCE_BAD_RESPONSE'],
    ['malformed', 'SOURCE_BAD_RESPONSE'],
    ['oversized', 'SOURCE_BAD_RESPONSE'],
    ['refuse401', 'SOURCE_REFUSED'],
  ] as const)('%s → %s', async (mode, code) => {
    expect(await issueWith(mode)).toBe(code);
  });

  it('a hanging server → SOURCE_TIMEOUT; a trickling body → SOURCE_TIMEOUT', { timeout: 40_000 }, async () => {
    expect(await issueWith('timeout')).toBe('SOURCE_TIMEOUT');
    expect(await issueWith('trickle')).toBe('SOURCE_TIMEOUT');
  });

  it('the clerk status shows the source down while it fails', async () => {
    const u = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
    if (!u.ok) throw new Error(u.error.code);
    kiosk.runtime.simulator!.setFaults({ mode: 'http500' });
    const status = await kiosk.api.clerkStatus({ token: u.value.token });
    kiosk.runtime.simulator!.setFaults({ mode: 'none' });
    expect(status).toMatchObject({
      ok: true,
      value: { recordSource: { kind: 'simulator', state: 'down', code: 'SOURCE_BAD_RESPONSE' } },
    });
    await kiosk.api.clerkLock({ token: u.value.token });
  });

  it('none of these failures counted as a wrong entry or left a reservation: the next try issues', async () => {
    // perId.max is 2 and six failures happened above.
    expect(await issueWith('none')).toBe('issued');
  });

  it('an unreachable source → SOURCE_UNREACHABLE', async () => {
    await kiosk.runtime.simulator!.close();
    const r = await kiosk.api.issue(requestFor(person(NOW, 'Niemand', 'N', '1970-01-01', 50)));
    expect(r.ok ? 'issued' : r.error.code).toBe('SOURCE_UNREACHABLE');
  });
});
