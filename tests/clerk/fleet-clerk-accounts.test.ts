// Clerk accounts for the whole fleet (docs/fleet.md, "Clerk accounts for the fleet"): with
// `clerk.accountsInRegistry`, `cli clerk add` puts the clerk's peppered PIN hash into the fleet
// registry once and every kiosk of the city unlocks with it; `remove` locks that clerk out of all
// kiosks at their next unlock, without a restart. The table holds no PIN and no pepper; a config
// that asks for it without a PostgreSQL registry or a pepper is refused; no demo clerk appears.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { run as clerkCli } from '../../core/cli/commands/clerk';
import { loadConfig, parseConfigObject } from '../../core/config/load-config';
import { makeDirs } from '../issuance/kiosk-helpers';
import { bulkPeople, writeKioskConfigs } from '../support/people';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';

const skip = pgSkipReason();
if (skip) console.info(`PostgreSQL clerk account tests skipped: ${skip}`);
const PEPPER = 'fleet-pepper-0123456789abcdef0123';
const PIN = '735194';
const dirs = makeDirs();
const db = 'fleet_clerks';
let cluster: PgCluster;
let configs: string[] = [];
const kiosks: Kiosk[] = [];

async function cli(argv: string[], stdin = '') {
  const out: string[] = [];
  const errs: string[] = [];
  const code = await clerkCli(argv, {
    input: Readable.from([stdin]),
    out: (t) => out.push(t),
    errOut: (t) => errs.push(t),
  });
  return { code, out: out.join(''), err: errs.join('') };
}

beforeAll(async () => {
  if (skip) return;
  cluster = await startPgCluster();
  const registry = await pgRegistryConfig(cluster, db, dirs.configDir);
  const pepperFile = join(dirs.configDir, 'clerk.pepper');
  writeFileSync(pepperFile, PEPPER, { mode: 0o600 });
  configs = writeKioskConfigs(dirs.configDir, bulkPeople(1, new Date()), ['kiosk-a', 'kiosk-b'], {
    registry,
    clerk: { pepperFile, accountsInRegistry: true },
  });
  for (const [i, pc] of ['pc-a', 'pc-b'].entries()) {
    const k = await createKiosk({ dataDir: join(dirs.dataDir, pc), configPath: configs[i]!, logSink: () => undefined });
    if (!k.ok) throw new Error(k.error.code);
    kiosks.push(k.value);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(kiosks.map((k) => k.close()));
  cluster?.destroy();
  dirs.cleanup();
});

describe.skipIf(skip !== undefined)('clerk accounts in the fleet registry', () => {
  it('no clerk can unlock before one is added: there is no demo clerk', async () => {
    const r = await kiosks[0]!.api.clerkUnlock({ clerkId: 'clerk', pin: '000000' });
    expect(r.ok ? 'unlocked' : r.error.code).toBe('CLERK_PIN_WRONG');
    const config = loadConfig(configs[0]!);
    expect(config.ok && config.value.clerk.demoPin).toBe(false);
  });

  it('one `clerk add` on any machine: the clerk unlocks every kiosk; the table holds no PIN and no pepper', async () => {
    const added = await cli(['add', '--id', 'schmidt', '--config', configs[0]!], `${PIN}\n${PIN}\n`);
    expect(added.code, added.err).toBe(0);
    expect(`${added.out}${added.err}`).not.toContain(PIN);
    for (const k of kiosks) {
      const r = await k.api.clerkUnlock({ clerkId: 'schmidt', pin: PIN });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) await k.api.clerkLock({ token: r.value.token });
    }
    const wrong = await kiosks[1]!.api.clerkUnlock({ clerkId: 'schmidt', pin: '111111' });
    expect(wrong.ok ? 'unlocked' : wrong.error.code).toBe('CLERK_PIN_WRONG');
    const dump = JSON.stringify(await cluster.query('SELECT * FROM clerk_account', [], db));
    expect(dump).toContain('schmidt');
    expect(dump).toContain('scrypt:');
    expect(dump).not.toContain(PIN);
    expect(dump).not.toContain(PEPPER);
    expect((await cli(['list', '--config', configs[1]!])).out).toBe('schmidt\n');
  });

  it('adding an id twice is refused; `remove` locks the clerk out of every kiosk without a restart', async () => {
    const again = await cli(['add', '--id', 'schmidt', '--config', configs[1]!], '999999\n999999\n');
    expect(again.code).toBe(1);
    expect((await cli(['remove', '--id', 'schmidt', '--config', configs[1]!])).code).toBe(0);
    for (const k of kiosks) {
      const r = await k.api.clerkUnlock({ clerkId: 'schmidt', pin: PIN });
      expect(r.ok ? 'unlocked' : r.error.code).toBe('CLERK_PIN_WRONG');
    }
    expect((await cli(['list', '--config', configs[0]!])).out).toBe('');
  });

  it('a config that keeps accounts in the registry needs a PostgreSQL registry and a pepper file', () => {
    const base = { kioskId: 'k', recordSource: { kind: 'simulator' } };
    const noPg = parseConfigObject({ ...base, clerk: { accountsInRegistry: true, pepperFile: '/x/pepper' } });
    expect(noPg.ok ? 'accepted' : Object.keys(noPg.error.details ?? {})).toContain('clerk.accountsInRegistry');
    const noPepper = parseConfigObject({
      ...base,
      registry: { kind: 'postgres', url: 'postgres://k@db/x', idHashKeyFile: '/x/id.key' },
      clerk: { accountsInRegistry: true },
    });
    expect(noPepper.ok ? 'accepted' : Object.keys(noPepper.error.details ?? {})).toContain('clerk.pepperFile');
  });
});
