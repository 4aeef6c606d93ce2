// The PostgreSQL registry engine against a real, throwaway PostgreSQL server (tests/support/
// pg-cluster.ts; skipped with a printed reason only when the binaries are missing): migrations
// applied once by kiosks starting together, a newer schema refused untouched, exactly once between
// kiosks, leases reclaimed from a vanished kiosk, the audit line in the commit transaction with a
// hash chain per kiosk, and failing closed while the server is down, then reconnecting by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { memorySink, createLogger } from '../../core/log/logger';
import { verifyPgAudit } from '../../core/registry/pg/pg-audit';
import { openPgEngine } from '../../core/registry/pg/pg-engine';
import { migratePg, PG_LATEST_SCHEMA_VERSION } from '../../core/registry/pg/pg-migrations';
import type { Reservation } from '../../core/registry/registry';
import type { RegistryEngine } from '../../core/registry/registry-port';
import { makeDirs } from '../issuance/kiosk-helpers';
import { deadPid } from './helpers';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';

const skip = pgSkipReason();
if (skip) console.info(`PostgreSQL registry tests skipped: ${skip}`);
const dirs = makeDirs();
let cluster: PgCluster;
beforeAll(async () => {
  if (!skip) cluster = await startPgCluster();
});
afterAll(() => {
  cluster?.destroy();
  dirs.cleanup();
});

const log = createLogger({ sink: memorySink(), level: 'error' });
const hash = () => randomBytes(32).toString('hex');
let uvcis = 0;
const uvci = () => `URN:UVCI:01:DE:TEST/${Date.now()}${++uvcis}#X`;
let dbs = 0;

async function engines(
  n: number,
  opts: { leaseMs?: number; deadlineMs?: number } = {},
): Promise<{ list: RegistryEngine[]; db: string }> {
  const db = `reg_${++dbs}`;
  const cfg = await pgRegistryConfig(cluster, db, dirs.configDir);
  const list = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const e = await openPgEngine({
        ...cfg,
        poolSize: 4,
        deadlineMs: opts.deadlineMs ?? 5000,
        kioskId: `kiosk-${i + 1}`,
        now: () => new Date(),
        log,
        ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}),
      });
      if (!e.ok) throw new Error(JSON.stringify(e.error));
      return e.value;
    }),
  );
  return { list, db };
}
const closeAll = (list: RegistryEngine[]) => Promise.all(list.map((e) => e.registry.close()));
const entry = (r: Reservation) => ({
  event: 'certificate.issued' as const,
  outcome: 'ok' as const,
  idHash: r.idHash,
  uvci: r.uvci,
});

describe.skipIf(skip !== undefined)('PostgreSQL registry', () => {
  it('ten kiosks starting at once apply each migration once; a newer schema is refused, not modified', async () => {
    const { list, db } = await engines(10);
    await Promise.all(list.map((e) => e.registry.issuedCount()));
    expect(await cluster.query('SELECT version FROM schema_version ORDER BY version', [], db)).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
    await closeAll(list);
    await cluster.query('INSERT INTO schema_version (version, applied_at) VALUES (99, 0)', [], db);
    const cfg = { url: cluster.url(db), idHashKeyFile: `${dirs.configDir}/${db}.key` };
    const newer = await openPgEngine({
      kind: 'postgres',
      ...cfg,
      poolSize: 2,
      deadlineMs: 5000,
      kioskId: 'k',
      now: () => new Date(),
      log,
    });
    expect(newer.ok ? 'opened' : newer.error).toEqual({
      code: 'REGISTRY_UNAVAILABLE',
      details: { reason: 'schema-newer-than-app', schemaVersion: 99 },
    });
    expect(await cluster.query('SELECT max(version) AS v FROM schema_version', [], db)).toEqual([{ v: 99 }]);
  });

  it('migration 2 keeps every row of a v1 database and its exactly-once guarantee', async () => {
    const db = `reg_${++dbs}`;
    const cfg = await pgRegistryConfig(cluster, db, dirs.configDir);
    const client = new pg.Client({ connectionString: cfg.url });
    await client.connect();
    const v1 = await migratePg(client as unknown as pg.PoolClient, 1);
    expect(v1).toEqual({ ok: true, value: 1 });
    const t0 = Date.now();
    const host = hostname().replace(/[^A-Za-z0-9.-]/g, '_');
    const ids = { issued: hash(), reissued: hash(), live: hash(), gone: hash() };
    const v1Rows: unknown[][] = [
      [ids.issued, 'URN:UVCI:01:DE:A/1#X', 'issued', 'kiosk-a', t0 - 5000, t0 - 4990, null, null, null, null],
      [
        ids.reissued,
        'URN:UVCI:01:DE:A/2#X',
        'superseded',
        'kiosk-a',
        t0 - 9000,
        t0 - 8990,
        t0 - 3000,
        null,
        null,
        null,
      ],
      [
        ids.reissued,
        'URN:UVCI:01:DE:B/3#X',
        'issued',
        'kiosk-b',
        t0 - 3010,
        t0 - 3000,
        null,
        null,
        null,
        'URN:UVCI:01:DE:A/2#X',
      ],
      [
        ids.live,
        'URN:UVCI:01:DE:A/4#X',
        'reserved',
        'kiosk-a',
        t0,
        null,
        null,
        `${host}/${process.pid}/0c0ffee0`,
        t0 + 60_000,
        null,
      ],
      [
        ids.gone,
        'URN:UVCI:01:DE:B/5#X',
        'reserved',
        'kiosk-b',
        t0,
        null,
        null,
        `${host}/${deadPid()}/deadbeef`,
        t0 + 3600_000,
        null,
      ],
    ];
    for (const r of v1Rows) {
      await client.query(
        `INSERT INTO issuance (id_hash, uvci, status, kiosk_id, reserved_at, issued_at, superseded_at, reservation_owner,
                               reservation_expires_at, replaces_uvci) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        r,
      );
    }
    const columns =
      'id_hash, uvci, status, kiosk_id, reserved_at, issued_at, superseded_at, reservation_owner, reservation_expires_at, replaces_uvci';
    const before = (await client.query(`SELECT ${columns} FROM issuance ORDER BY uvci`)).rows;
    await client.end();

    // Kiosks starting on the old database apply migration 2 once, under the advisory lock.
    let clock = t0;
    const opened = await Promise.all(
      ['kiosk-1', 'kiosk-2', 'kiosk-3'].map(async (kioskId) => {
        const r = await openPgEngine({
          ...cfg,
          poolSize: 2,
          deadlineMs: 5000,
          kioskId,
          now: () => new Date(clock),
          log,
        });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        return r.value;
      }),
    );
    expect((await Promise.all(opened.map((k) => k.registry.issuedCount()))).map((r) => r.ok && r.value)).toEqual([
      2, 2, 2,
    ]);
    expect(await cluster.query('SELECT version FROM schema_version ORDER BY version', [], db)).toEqual(
      Array.from({ length: PG_LATEST_SCHEMA_VERSION }, (_, i) => ({ version: i + 1 })),
    );
    const after = await cluster.query(`SELECT ${columns} FROM issuance_view ORDER BY uvci`, [], db);
    const asNumbers = (rows: Record<string, unknown>[]) =>
      rows.map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && /_at$/.test(k) ? Number(v) : v]),
        ),
      );
    expect(asNumbers(after)).toEqual(asNumbers(before));
    expect(
      await cluster.query('SELECT state, count(*)::int AS n FROM issuance GROUP BY state ORDER BY state', [], db),
    ).toEqual([
      { state: 0, n: 2 },
      { state: 1, n: 2 },
      { state: 2, n: 1 },
    ]);

    const [a, b] = opened as [RegistryEngine, RegistryEngine];
    // Issued before: ALREADY_ISSUED after, with its UVCI and time.
    expect(await a.registry.reserve(ids.issued, 'kiosk-1', uvci)).toEqual({
      ok: true,
      value: { kind: 'already-issued', uvci: 'URN:UVCI:01:DE:A/1#X', issuedAt: new Date(t0 - 4990) },
    });
    expect(await a.registry.reissueCount(ids.reissued)).toEqual({ ok: true, value: 1 });
    // A reservation whose process is gone is released; a live lease is in progress until it ends.
    expect(await a.registry.releaseStale()).toEqual({
      ok: true,
      value: [{ idHash: ids.gone, uvci: 'URN:UVCI:01:DE:B/5#X', reason: 'owner-gone' }],
    });
    expect(await b.registry.reserve(ids.live, 'kiosk-2', uvci)).toEqual({ ok: true, value: { kind: 'in-progress' } });
    clock = t0 + 60_000;
    const reclaimed = await b.registry.reserve(ids.live, 'kiosk-2', uvci);
    if (!reclaimed.ok || reclaimed.value.kind !== 'reserved') throw new Error(JSON.stringify(reclaimed));
    expect((await b.registry.commit(reclaimed.value.reservation, entry(reclaimed.value.reservation))).ok).toBe(true);
    // A reissue of a migrated certificate supersedes it; still one issued per ID.
    const re = await a.registry.reserve(ids.reissued, 'kiosk-1', uvci, { reissue: true });
    if (!re.ok || re.value.kind !== 'reserved') throw new Error(JSON.stringify(re));
    expect(re.value.reservation.replacesUvci).toBe('URN:UVCI:01:DE:B/3#X');
    expect((await a.registry.commit(re.value.reservation, entry(re.value.reservation))).ok).toBe(true);
    expect(await a.registry.reissueCount(ids.reissued)).toEqual({ ok: true, value: 2 });
    expect(await a.registry.issuedCount()).toEqual({ ok: true, value: 3 });
    expect(await cluster.query('SELECT kiosk_id FROM kiosk ORDER BY id', [], db)).toEqual([
      { kiosk_id: 'kiosk-a' },
      { kiosk_id: 'kiosk-b' },
      { kiosk_id: 'kiosk-2' },
      { kiosk_id: 'kiosk-1' },
    ]);
    await closeAll(opened);
  });

  it('kiosks racing for the same IDs: exactly one issued per ID, and the audit says so', async () => {
    const { list, db } = await engines(4);
    const ids = Array.from({ length: 40 }, hash);
    const attempts = list.flatMap((e, k) =>
      ids.map(async (id) => {
        const r = await e.registry.reserve(id, `kiosk-${k + 1}`, uvci);
        if (!r.ok || r.value.kind !== 'reserved') return r.ok ? r.value.kind : r.error.code;
        const c = await e.registry.commit(r.value.reservation, entry(r.value.reservation));
        return c.ok ? 'issued' : c.error.code;
      }),
    );
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'issued').length).toBe(ids.length);
    expect(outcomes.filter((o) => !['issued', 'in-progress', 'already-issued'].includes(o))).toEqual([]);
    const rows = await cluster.query<{ id_hash: string; n: string }>(
      'SELECT id_hash, count(*) AS n FROM issuance WHERE state = 1 GROUP BY id_hash',
      [],
      db,
    );
    expect(rows.length).toBe(ids.length);
    const issuedLines = await cluster.query<{ uvci: string }>(
      "SELECT uvci FROM audit_line WHERE event = 'certificate.issued'",
      [],
      db,
    );
    const issuedUvcis = await cluster.query<{ uvci: string }>('SELECT uvci FROM issuance WHERE state = 1', [], db);
    expect(issuedLines.map((l) => l.uvci).sort()).toEqual(issuedUvcis.map((r) => r.uvci).sort());
    const client = new pg.Client({ connectionString: cluster.url(db) });
    await client.connect();
    const report = await verifyPgAudit(client as unknown as pg.PoolClient);
    await client.end();
    expect(report.ok && report.value.broken).toEqual([]);
    expect(report.ok && report.value.lines).toBe(ids.length);
    await closeAll(list);
  });

  it("a vanished kiosk's reservation is reclaimed after its lease; its late commit is refused", async () => {
    const { list, db } = await engines(2, { leaseMs: 300 });
    const [a, b] = list as [RegistryEngine, RegistryEngine];
    const id = hash();
    const held = await a.registry.reserve(id, 'kiosk-1', uvci);
    if (!held.ok || held.value.kind !== 'reserved') throw new Error('not reserved');
    expect(await b.registry.reserve(id, 'kiosk-2', uvci)).toEqual({ ok: true, value: { kind: 'in-progress' } });
    await new Promise((r) => setTimeout(r, 400));
    const taken = await b.registry.reserve(id, 'kiosk-2', uvci);
    if (!taken.ok || taken.value.kind !== 'reserved') throw new Error('not reclaimed');
    expect(await a.registry.commit(held.value.reservation, entry(held.value.reservation))).toEqual({
      ok: false,
      error: { code: 'ISSUANCE_IN_PROGRESS' },
    });
    expect((await b.registry.commit(taken.value.reservation, entry(taken.value.reservation))).ok).toBe(true);
    const stale = await cluster.query<{ line: string }>(
      "SELECT line FROM audit_line WHERE event = 'reservation.stale-released'",
      [],
      db,
    );
    expect(stale.map((s) => JSON.parse(s.line).uvci)).toEqual([held.value.reservation.uvci]);
    await closeAll(list);
  });

  it(
    'fails closed within the deadline while the server is down, and reconnects by itself',
    { timeout: 60_000 },
    async () => {
      const { list } = await engines(1, { deadlineMs: 1000 });
      const e = list[0]!;
      expect((await e.registry.issuedCount()).ok).toBe(true);
      cluster.stop('immediate');
      try {
        const started = Date.now();
        const down = await e.registry.reserve(hash(), 'kiosk-1', uvci);
        expect(down).toEqual({ ok: false, error: { code: 'REGISTRY_UNAVAILABLE' } });
        expect(Date.now() - started).toBeLessThan(2500);
        const gate = await e.attempts.reserve([{ scope: 'id', key: hash(), rule: { max: 5, windowSeconds: 60 } }]);
        expect(gate.ok ? 'allowed' : gate.error.code).toBe('REGISTRY_UNAVAILABLE');
      } finally {
        cluster.start();
      }
      const id = hash();
      const r = await e.registry.reserve(id, 'kiosk-1', uvci);
      if (!r.ok || r.value.kind !== 'reserved') throw new Error(`no reconnect: ${JSON.stringify(r)}`);
      expect((await e.registry.commit(r.value.reservation, entry(r.value.reservation))).ok).toBe(true);
      expect((await e.registry.findIssued(id)).ok).toBe(true);
      await closeAll(list);
    },
  );

  it('the ID-hash key is read from the shared file, never created, and not stored in the database', async () => {
    const { list, db } = await engines(1);
    const key = readFileSync(`${dirs.configDir}/${db}.key`).toString('hex');
    const r = await list[0]!.registry.reserve(hash(), 'kiosk-1', uvci);
    expect(r.ok).toBe(true);
    const dump =
      JSON.stringify(await cluster.query('SELECT * FROM issuance', [], db)) +
      JSON.stringify(await cluster.query('SELECT * FROM audit_line', [], db));
    expect(dump.includes(key)).toBe(false);
    await closeAll(list);
    const missing = await openPgEngine({
      kind: 'postgres',
      url: cluster.url(db),
      idHashKeyFile: `${dirs.configDir}/absent.key`,
      poolSize: 1,
      deadlineMs: 1000,
      kioskId: 'k',
      now: () => new Date(),
      log,
    });
    expect(missing.ok ? 'opened' : missing.error.details).toEqual({ reason: 'id-hash-key-unreadable' });
  });
});
