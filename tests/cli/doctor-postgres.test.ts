// `cli doctor` against a real PostgreSQL registry (docs/monitoring.md, "Installation check";
// docs/fleet.md): a throwaway cluster (tests/support/pg-cluster.ts), the fleet's ID-hash key file,
// and the server's clock. A healthy registry passes without leaving a row; a stopped server, a
// newer schema, an open key file and a skewed clock each fail exactly their own line, and no
// output ever carries the password from the URL.
import { execFile } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePgUrl } from '../../core/cli/doctor/pg-describe';
import { formatDoctorReport, runDoctor, type DoctorReport } from '../../core/cli/doctor/run-doctor';
import { migratePg } from '../../core/registry/pg/pg-migrations';
import { makeDirs } from '../issuance/kiosk-helpers';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';

const skipReason = pgSkipReason();
if (skipReason) console.info(`doctor PostgreSQL tests skipped: ${skipReason}`);
const ROOT = join(__dirname, '../..');
const PASSWORD = 'Geheim-4711-pw';
const dirs = makeDirs();
let cluster: PgCluster;
let n = 0;

beforeAll(async () => {
  if (!skipReason) cluster = await startPgCluster();
  writeFileSync(join(dirs.configDir, 'cupsd.conf'), 'PreserveJobFiles No\n');
}, 120_000);
afterAll(() => {
  cluster?.destroy();
  dirs.cleanup();
});

/** The kiosk's first start: applies the migrations as the engine does. */
async function migrate(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url });
  const c = await pool.connect();
  try {
    const r = await migratePg(c);
    if (!r.ok) throw new Error(r.error.code);
  } finally {
    c.release();
    await pool.end();
  }
}

/** A demo kiosk on a fresh database; `withPassword` puts a password into the URL (trust auth ignores it). */
async function pgInstallation(opts: { migrated?: boolean; withPassword?: boolean } = {}) {
  const name = `doctor_${++n}`;
  const registry = await pgRegistryConfig(cluster, name, dirs.configDir, { deadlineMs: 3000 });
  if (opts.migrated !== false) await migrate(registry.url);
  if (opts.withPassword) registry.url = registry.url.replace('kiosk@', `kiosk:${PASSWORD}@`);
  const configPath = join(dirs.configDir, `${name}.json`);
  writeFileSync(configPath, JSON.stringify({ kioskId: `kiosk-${n}`, registry }));
  const dataDir = join(dirs.dataDir, name);
  const cupsdConf = join(dirs.configDir, 'cupsd.conf');
  const doctor = (now?: () => Date) => runDoctor({ configPath, dataDir, cupsdConf, ...(now ? { now } : {}) });
  /** `cli doctor` as the installer runs it: exit code, stdout and stderr. */
  const cli = () =>
    promisify(execFile)(
      'npx',
      ['tsx', 'core/cli/main.ts', 'doctor', '--config', configPath, '--data-dir', dataDir, '--cupsd-conf', cupsdConf],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    ).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  return { name, registry, configPath, doctor, cli };
}

const failedOf = (r: DoctorReport) => r.results.filter((x) => x.status === 'FAIL').map((x) => x.check);
const line = (r: DoctorReport, check: string) => r.results.find((x) => x.check === check);

describe.skipIf(skipReason !== undefined)('cli doctor with a PostgreSQL registry', () => {
  it('a healthy registry passes the registry, id-hash key and clock lines, and the doctor leaves no row behind', async () => {
    const inst = await pgInstallation();
    const report = await inst.doctor();
    expect(failedOf(report)).toEqual([]);
    expect(report.ready).toBe(true);
    expect(line(report, 'registry')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(
        /^PostgreSQL postgres:\/\/kiosk@127\.0\.0\.1:\d+\/doctor_\d+, schema v3, writable \(probe rolled back\), 0 issued$/,
      ),
    });
    expect(line(report, 'id-hash key')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining(inst.registry.idHashKeyFile),
    });
    expect(line(report, 'clock')).toMatchObject({
      status: 'ok',
      detail: expect.stringMatching(/^offset to the PostgreSQL server -?\d+\.\d s \(round trip \d+ ms\)$/),
    });
    const rows = await cluster.query<{ a: string; l: string; i: string }>(
      'SELECT (SELECT count(*) FROM attempt) AS a, (SELECT count(*) FROM audit_line) AS l, (SELECT count(*) FROM issuance) AS i',
      [],
      inst.name,
    );
    expect(rows[0]).toEqual({ a: '0', l: '0', i: '0' });
  });

  it('a database no kiosk has used yet passes with its migrations pending, and stays untouched', async () => {
    const inst = await pgInstallation({ migrated: false });
    const report = await inst.doctor();
    expect(failedOf(report)).toEqual([]);
    expect(line(report, 'registry')?.detail).toContain('schema v0: migrations to v3 pending');
    const tables = await cluster.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", [], inst.name);
    expect(tables).toEqual([]);
  });

  it('a database no kiosk has used yet fails the registry line when this role may not create the schema', async () => {
    const inst = await pgInstallation({ migrated: false });
    await cluster.query(`CREATE ROLE kiosk_role_${n} LOGIN`, [], inst.name);
    await cluster.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`, [], inst.name);
    inst.registry.url = inst.registry.url.replace('kiosk@', `kiosk_role_${n}@`);
    writeFileSync(inst.configPath, JSON.stringify({ kioskId: `kiosk-${n}`, registry: inst.registry }));
    const report = await inst.doctor();
    expect(failedOf(report)).toEqual(['registry']);
    expect(line(report, 'registry')?.detail).toContain(
      'schema v0, this build needs v3, and this role may not migrate it',
    );
  });

  it('a schema written by a newer kiosk version fails the registry line', async () => {
    const inst = await pgInstallation();
    await cluster.query('INSERT INTO schema_version (version, applied_at) VALUES (99, 0)', [], inst.name);
    const report = await inst.doctor();
    expect(failedOf(report)).toEqual(['registry']);
    expect(line(report, 'registry')?.detail).toContain('schema v99 is newer than this build');
  });

  it('a role that may only read fails the registry line, naming each privilege the kiosk lacks', async () => {
    const inst = await pgInstallation();
    await cluster.query(`CREATE ROLE reader_${n} LOGIN`, [], inst.name);
    await cluster.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader_${n}`, [], inst.name);
    inst.registry.url = inst.registry.url.replace('kiosk@', `reader_${n}@`);
    writeFileSync(inst.configPath, JSON.stringify({ kioskId: `kiosk-${n}`, registry: inst.registry }));
    const report = await inst.doctor();
    expect(failedOf(report)).toEqual(['registry']);
    expect(line(report, 'registry')?.detail).toMatch(
      /this role lacks issuance INSERT, attempt INSERT, .*audit_line INSERT, kiosk INSERT, attempt_id_seq USAGE, kiosk_id_seq USAGE$/,
    );
  });

  it('an ID-hash key file others can read (0644) fails exactly the id-hash key line; a missing or short one too', async () => {
    const inst = await pgInstallation();
    chmodSync(inst.registry.idHashKeyFile, 0o644);
    const open = await inst.doctor();
    expect(failedOf(open)).toEqual(['id-hash key']);
    expect(line(open, 'id-hash key')?.detail).toContain('readable by others: mode 0644');
    writeFileSync(inst.registry.idHashKeyFile, Buffer.alloc(16), { mode: 0o600 });
    chmodSync(inst.registry.idHashKeyFile, 0o400);
    const short = await inst.doctor();
    expect(failedOf(short)).toEqual(['id-hash key']);
    expect(line(short, 'id-hash key')?.detail).toContain('not 32 bytes');
    rmSync(inst.registry.idHashKeyFile);
    const missing = await inst.doctor();
    expect(failedOf(missing)).toEqual(['id-hash key']);
    expect(line(missing, 'id-hash key')?.detail).toContain('missing');
  });

  it("a clock more than 10 s off the database server's fails exactly the clock line", async () => {
    const inst = await pgInstallation();
    const report = await inst.doctor(() => new Date(Date.now() + 60_000));
    expect(failedOf(report)).toEqual(['clock']);
    expect(line(report, 'clock')?.detail).toMatch(/^offset to the PostgreSQL server 60\.\d s .*more than 10 s/);
  });

  it('a server that accepts connections but never answers fails the registry line at the deadline', async () => {
    const inst = await pgInstallation();
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      inst.registry.url = inst.registry.url.replace(/:\d+\//, `:${port}/`);
      writeFileSync(
        inst.configPath,
        JSON.stringify({ kioskId: `kiosk-${n}`, registry: { ...inst.registry, deadlineMs: 1000 } }),
      );
      const started = Date.now();
      const report = await inst.doctor();
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(failedOf(report)).toEqual(['registry']);
      expect(line(report, 'registry')?.detail).toMatch(/: no answer within 1000 ms$/);
    } finally {
      silent.close();
    }
  });

  it(
    'a stopped server fails the registry line with the reason and no password; the verdict is NOT READY, exit code 1',
    { timeout: 90_000 },
    async () => {
      const inst = await pgInstallation({ withPassword: true });
      const healthy = await inst.doctor();
      expect(failedOf(healthy)).toEqual([]);
      cluster.stop();
      try {
        const report = await inst.doctor();
        expect(report.ready).toBe(false);
        expect(failedOf(report)).toEqual(['registry']);
        expect(line(report, 'registry')?.detail).toMatch(
          /^postgres:\/\/kiosk@127\.0\.0\.1:\d+\/doctor_\d+: connection refused \(server stopped or wrong port\)$/,
        );
        expect(line(report, 'clock')?.status).toBe('skip');
        const text = formatDoctorReport(report);
        expect(text).toMatch(/VERDICT: NOT READY \(1 failed: registry\)\n$/);
        const cli = await inst.cli();
        expect(cli.code).toBe(1);
        expect(cli.stdout).toMatch(/VERDICT: NOT READY \(1 failed: registry\)\n$/);
        for (const out of [text, formatDoctorReport(healthy), JSON.stringify(healthy), cli.stdout, cli.stderr])
          expect(out).not.toContain(PASSWORD);
      } finally {
        cluster.start();
      }
    },
  );
});

describe('how the doctor names a PostgreSQL server', () => {
  it('never with the password or the query, whatever shape the URL has', () => {
    const cases: [string, string][] = [
      [
        `postgres://kiosk:${PASSWORD}@db.example:5432/registry?password=${PASSWORD}&sslmode=require`,
        'postgres://kiosk@db.example:5432/registry',
      ],
      [`postgresql://kiosk:${PASSWORD}@db1:5432,db2:5432/registry`, 'postgres://kiosk@db1:5432,db2:5432/registry'],
      [`postgres://kiosk@db/registry?password=${PASSWORD}`, 'postgres://kiosk@db/registry'],
      [
        `postgres://kiosk:a@${PASSWORD}@db/registry`,
        'postgres (URL not shown: percent-encode special characters in it)',
      ],
      [
        `postgres://kiosk:a/${PASSWORD}@db/registry`,
        'postgres (URL not shown: percent-encode special characters in it)',
      ],
      [
        `postgres://db/registry?password=a@${PASSWORD}`,
        'postgres (URL not shown: percent-encode special characters in it)',
      ],
    ];
    for (const [url, shown] of cases) expect(describePgUrl(url)).toBe(shown);
  });
});
