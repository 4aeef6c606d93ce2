// A kiosk on a PostgreSQL registry whose server goes away (docs/fleet.md, "During an outage"):
// no certificate is issued (REGISTRY_UNAVAILABLE, within the deadline), the clerk can still
// unlock (PIN attempts counted in memory meanwhile, core/registry/fallback-attempts.ts) and the
// clerk status shows the registry down with its code; when the server is back the same kiosk
// issues again without a restart, and its status shows the registry up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { makeDirs, person, requestFor, writeFixtureConfig } from '../issuance/kiosk-helpers';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';

const skip = pgSkipReason();
if (skip) console.info(`PostgreSQL outage tests skipped: ${skip}`);
const NOW = new Date();
const people = [person(NOW, 'Ausfall', 'Anna', '1980-02-03', 40), person(NOW, 'Ausfall', 'Berta', '1981-03-04', 41)];
const dirs = makeDirs();
let cluster: PgCluster;
let kiosk: Kiosk;

beforeAll(async () => {
  if (skip) return;
  cluster = await startPgCluster();
  const registry = await pgRegistryConfig(cluster, 'outage', dirs.configDir, { deadlineMs: 1500 });
  const configPath = writeFixtureConfig(dirs.configDir, people, { registry });
  const k = await createKiosk({ dataDir: dirs.dataDir, configPath, logSink: () => undefined });
  if (!k.ok) throw new Error(JSON.stringify(k.error));
  kiosk = k.value;
});
afterAll(async () => {
  await kiosk?.close();
  cluster?.destroy();
  dirs.cleanup();
});

describe.skipIf(skip !== undefined)('registry server down', () => {
  it('fails closed, the clerk status says why, and the kiosk recovers by itself', { timeout: 90_000 }, async () => {
    const first = await kiosk.api.issue(requestFor(people[0]!));
    expect(first.ok).toBe(true);
    cluster.stop('immediate');
    try {
      const started = Date.now();
      const refused = await kiosk.api.issue(requestFor(people[1]!));
      expect(refused.ok ? 'issued' : refused.error.code).toBe('REGISTRY_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(4000);
      const unlocked = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
      if (!unlocked.ok) throw new Error(`clerk cannot unlock: ${unlocked.error.code}`);
      const status = await kiosk.api.clerkStatus({ token: unlocked.value.token });
      expect(status.ok && status.value.registry).toEqual({ state: 'down', code: 'REGISTRY_UNAVAILABLE' });
      await kiosk.api.clerkLock({ token: unlocked.value.token });
    } finally {
      cluster.start();
    }
    const again = await kiosk.api.issue(requestFor(people[1]!));
    expect(again.ok ? 'issued' : again.error.code).toBe('issued');
    const unlocked = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.code);
    const status = await kiosk.api.clerkStatus({ token: unlocked.value.token });
    expect(status.ok && status.value.registry).toEqual({ state: 'ok', issuedCount: 2 });
  });
});
