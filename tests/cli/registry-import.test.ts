// `cli registry import` (docs/fleet.md, "Moving a city over"): two kiosks' SQLite registries,
// filled by real issuances with one ID issued on both, merged into a real PostgreSQL registry.
// Afterwards a kiosk on the fleet refuses every ID either kiosk issued, the duplicate is reported
// by UVCI, a second run adds nothing, a source hashed with another secret is refused whole, and a
// clerk reissue made between two runs reaches the fleet.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../core/clerk/pin-hash';
import { readSqliteSource } from '../../core/registry/import/sqlite-source';
import { secretPathFor } from '../../core/registry/id-hash';
import { makeDirs, openKiosk, type TestPerson } from '../issuance/kiosk-helpers';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';
import { bulkPeople, writeKioskConfigs } from '../support/people';
import { idHashIn, inspectRegistry, registryPathOf } from '../support/registry-inspect';

const ROOT = join(__dirname, '../..');
const skip = pgSkipReason();
if (skip) console.info(`registry import tests skipped: ${skip}`);
let cluster: PgCluster;
beforeAll(async () => {
  if (!skip) cluster = await startPgCluster();
});
afterAll(() => cluster?.destroy());

const cliMain = (args: string[]) =>
  promisify(execFile)('npx', ['tsx', 'core/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 90_000,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const cli = (args: string[]) => cliMain(['registry', 'import', ...args]);

/** The city's preparation (docs/fleet.md): the fleet key as the kiosk's registry.secret before it issues. */
function installFleetKey(dataDir: string, fleetKeyFile: string): void {
  const secret = secretPathFor(registryPathOf(dataDir));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  copyFileSync(fleetKeyFile, secret);
  chmodSync(secret, 0o600);
}

/** A kiosk on its own SQLite data directory, optionally given the fleet key as its registry.secret. */
async function sqliteKiosk(
  dataDir: string,
  configPath: string,
  fleetKeyFile: string | undefined,
  people: readonly TestPerson[],
) {
  if (fleetKeyFile) installFleetKey(dataDir, fleetKeyFile);
  const kiosk = await openKiosk({ dataDir, configPath, now: () => new Date() });
  const uvcis: string[] = [];
  try {
    for (const p of people) {
      const r = await kiosk.api.issue({ ...p, lang: 'de' });
      if (!r.ok) throw new Error(`issue failed: ${r.error.code}`);
      uvcis.push(r.value.uvci);
    }
  } finally {
    await kiosk.close();
  }
  return uvcis;
}

const issuanceCount = async (db: string) =>
  Number((await cluster.query<{ n: string }>('SELECT count(*) AS n FROM issuance', [], db))[0]!.n);

describe.skipIf(skip !== undefined)('cli registry import', () => {
  it(
    'every ID issued on any kiosk is ALREADY_ISSUED on the fleet; the duplicate is reported by UVCI; a second run adds nothing',
    { timeout: 240_000 },
    async () => {
      const dirs = makeDirs();
      try {
        const people = bulkPeople(6, new Date(), 'Umzugstest');
        const rc = await pgRegistryConfig(cluster, 'import_city', dirs.configDir);
        const [configA, configB] = writeKioskConfigs(dirs.configDir, people, ['kiosk-a', 'kiosk-b']);
        // The import's audit lines are keyed with the config's audit key (docs/audit.md).
        const auditKeyFile = join(dirs.configDir, 'import-audit.key');
        writeFileSync(auditKeyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
        const [fleetConfig] = writeKioskConfigs(dirs.configDir, people, ['registry-import'], {
          registry: rc,
          audit: { keyFile: auditKeyFile },
        });
        const dataA = join(dirs.dataDir, 'a');
        const dataB = join(dirs.dataDir, 'b');
        // people[2] is issued on both kiosks (a duplicate that exists today); people[5] nowhere.
        const uvcisA = await sqliteKiosk(dataA, configA!, rc.idHashKeyFile, people.slice(0, 3));
        const uvcisB = await sqliteKiosk(dataB, configB!, rc.idHashKeyFile, people.slice(2, 5));
        const args = [
          '--from-sqlite',
          registryPathOf(dataA),
          '--from-sqlite',
          registryPathOf(dataB),
          '--config',
          fleetConfig!,
        ];

        const first = await cli([...args, '--json']);
        expect(first.stderr).toBe('');
        expect(first.code).toBe(0);
        const report = JSON.parse(first.stdout) as {
          inserted: number;
          duplicates: { uvci: string; kioskId: string; keptUvci: string; keptKioskId: string }[];
        };
        expect(report.inserted).toBe(6);
        expect(report.duplicates).toEqual([
          { uvci: uvcisB[0], kioskId: 'kiosk-b', keptUvci: uvcisA[2], keptKioskId: 'kiosk-a' },
        ]);
        expect(await issuanceCount('import_city')).toBe(6);
        const audit = await cluster.query<{ event: string; line: string }>(
          'SELECT event, line FROM audit_line ORDER BY seq',
          [],
          'import_city',
        );
        expect(audit.every((a) => (JSON.parse(a.line) as { alg?: string }).alg === 'hmac-sha256')).toBe(true);
        const verified = await cliMain(['audit', 'verify', '--config', fleetConfig!, '--key', auditKeyFile]);
        expect(verified.stdout).toContain('audit chains ok: 1 kiosks');
        expect(audit.map((a) => a.event)).toEqual([
          'registry.imported',
          'registry.import-duplicate',
          'registry.imported',
        ]);

        const second = await cli(args);
        expect(second.code).toBe(0);
        expect(second.stdout).toContain('new rows: 0\n');
        expect(second.stdout).toContain('duplicates (an ID issued by more than one kiosk): 0\n');
        expect(await issuanceCount('import_city')).toBe(6);

        // Nothing personal in either output: no ID (as typed or normalised), hash, name or date of birth.
        const hashA = idHashIn(dataA);
        const needles = people.flatMap((p) => [
          p.genesenenId,
          p.genesenenId.replace(/-/g, ''),
          hashA(p.genesenenId),
          p.familyName,
          p.dateOfBirth,
        ]);
        const output = first.stdout + first.stderr + second.stdout + second.stderr;
        expect(needles.filter((n) => output.includes(n))).toEqual([]);
        expect(inspectRegistry(registryPathOf(dataB)).rows).toHaveLength(3);

        const fleet = await openKiosk({
          dataDir: join(dirs.dataDir, 'fleet'),
          configPath: fleetConfig!,
          now: () => new Date(),
        });
        try {
          for (const p of people.slice(0, 5)) {
            const r = await fleet.api.issue({ ...p, lang: 'de' });
            expect(r.ok ? 'issued' : r.error.code).toBe('ALREADY_ISSUED');
          }
          expect((await fleet.api.issue({ ...people[5]!, lang: 'de' })).ok).toBe(true);
        } finally {
          await fleet.close();
        }
      } finally {
        dirs.cleanup();
      }
    },
  );

  it(
    'a registry hashed with another secret than the fleet key is refused (IMPORT_KEY_MISMATCH) and nothing is imported',
    { timeout: 120_000 },
    async () => {
      const dirs = makeDirs();
      try {
        const people = bulkPeople(2, new Date(), 'Umzugsfehler');
        const rc = await pgRegistryConfig(cluster, 'import_refused', dirs.configDir);
        const [configA, configC] = writeKioskConfigs(dirs.configDir, people, ['kiosk-a', 'kiosk-c']);
        // The import's audit lines are keyed with the config's audit key (docs/audit.md).
        const auditKeyFile = join(dirs.configDir, 'import-audit.key');
        writeFileSync(auditKeyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
        const [fleetConfig] = writeKioskConfigs(dirs.configDir, people, ['registry-import'], {
          registry: rc,
          audit: { keyFile: auditKeyFile },
        });
        const dataA = join(dirs.dataDir, 'a');
        const dataC = join(dirs.dataDir, 'c');
        await sqliteKiosk(dataA, configA!, rc.idHashKeyFile, people.slice(0, 1));
        await sqliteKiosk(dataC, configC!, undefined, people.slice(1, 2));
        const r = await cli([
          '--from-sqlite',
          registryPathOf(dataA),
          '--from-sqlite',
          registryPathOf(dataC),
          '--config',
          fleetConfig!,
        ]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('refused (IMPORT_KEY_MISMATCH)');
        expect(r.stderr).toContain(registryPathOf(dataC));
        expect(r.stderr).toContain('nothing imported');
        const tables = await cluster.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_tables WHERE tablename = 'issuance'",
          [],
          'import_refused',
        );
        expect(Number(tables[0]!.n)).toBe(0);
      } finally {
        dirs.cleanup();
      }
    },
  );

  it(
    'a clerk reissue on a kiosk between two runs is carried over: the replaced certificate superseded, the new one issued, no duplicate',
    { timeout: 120_000 },
    async () => {
      const dirs = makeDirs();
      try {
        const PIN = '864209';
        const people = bulkPeople(1, new Date(), 'Umzugsneu');
        const rc = await pgRegistryConfig(cluster, 'import_reissue', dirs.configDir);
        const [configA] = writeKioskConfigs(dirs.configDir, people, ['kiosk-a'], {
          clerk: { pinHash: await hashPin(PIN) },
        });
        // The import's audit lines are keyed with the config's audit key (docs/audit.md).
        const auditKeyFile = join(dirs.configDir, 'import-audit.key');
        writeFileSync(auditKeyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
        const [fleetConfig] = writeKioskConfigs(dirs.configDir, people, ['registry-import'], {
          registry: rc,
          audit: { keyFile: auditKeyFile },
        });
        const dataA = join(dirs.dataDir, 'a');
        const [first] = await sqliteKiosk(dataA, configA!, rc.idHashKeyFile, people);
        const args = ['--from-sqlite', registryPathOf(dataA), '--config', fleetConfig!, '--json'];
        expect(JSON.parse((await cli(args)).stdout)).toMatchObject({ inserted: 1, duplicates: [] });

        const kiosk = await openKiosk({ dataDir: dataA, configPath: configA!, now: () => new Date() });
        let second: string;
        try {
          const unlock = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: PIN });
          if (!unlock.ok) throw new Error(unlock.error.code);
          const r = await kiosk.api.clerkReissue({
            ...people[0]!,
            lang: 'de',
            token: unlock.value.token,
            reason: 'Ausdruck verloren',
          });
          if (!r.ok) throw new Error(r.error.code);
          second = r.value.uvci;
        } finally {
          await kiosk.close();
        }
        const again = JSON.parse((await cli(args)).stdout) as {
          inserted: number;
          duplicates: unknown[];
          sources: { updated: number }[];
        };
        expect(again).toMatchObject({ inserted: 1, duplicates: [], sources: [{ updated: 1 }] });
        const rows = await cluster.query<{ uvci: string; status: string }>(
          'SELECT uvci, status FROM issuance_view ORDER BY reserved_at, state DESC',
          [],
          'import_reissue',
        );
        expect(rows).toEqual([
          { uvci: first, status: 'superseded' },
          { uvci: second, status: 'issued' },
        ]);
      } finally {
        dirs.cleanup();
      }
    },
  );
});

describe('registry import sources', () => {
  it('a registry without its registry.secret, or a file that is no registry, is refused with its own code', async () => {
    const dirs = makeDirs();
    try {
      const people = bulkPeople(1, new Date(), 'Umzugsquelle');
      const [config] = writeKioskConfigs(dirs.configDir, people, ['kiosk-a']);
      const keyFile = join(dirs.configDir, 'fleet.key');
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
      await sqliteKiosk(dirs.dataDir, config!, keyFile, people);
      const fleetKey = readFileSync(keyFile);
      const path = registryPathOf(dirs.dataDir);
      expect(readSqliteSource(path, fleetKey)).toMatchObject({
        ok: true,
        value: { rows: [{ status: 'issued' }], openReservations: 0 },
      });
      const notARegistry = join(dirs.dataDir, 'other.sqlite');
      writeFileSync(notARegistry, '');
      expect(readSqliteSource(notARegistry, fleetKey)).toMatchObject({
        ok: false,
        error: { code: 'IMPORT_SOURCE_UNREADABLE' },
      });
      rmSync(secretPathFor(path));
      expect(readSqliteSource(path, fleetKey)).toMatchObject({ ok: false, error: { code: 'IMPORT_SECRET_MISSING' } });
    } finally {
      dirs.cleanup();
    }
  });
});
