// Client↔server round trips of one issuance on the PostgreSQL fleet registry (docs/performance.md,
// "Round trips to PostgreSQL"): each one costs the network's latency, more than the work on the
// server, so their number is held here — counted, never timed. The node driver sends a query only
// after the previous one's answer, so one `query` call is one round trip (BEGIN with the
// transaction's locks is one simple-protocol message). The rows written are checked too.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger, memorySink } from '../../core/log/logger';
import { LOCK_CLASS, verifyPgAudit } from '../../core/registry/pg/pg-audit';
import { beginSql } from '../../core/registry/pg/pg-connection';
import { openPgEngine } from '../../core/registry/pg/pg-engine';
import type { Reservation } from '../../core/registry/registry';
import type { RegistryEngine } from '../../core/registry/registry-port';
import { makeDirs } from '../issuance/kiosk-helpers';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';

const skip = pgSkipReason();
if (skip) console.info(`PostgreSQL round-trip tests skipped: ${skip}`);
const dirs = makeDirs();
let cluster: PgCluster;
let engine: RegistryEngine;
let db: pg.Client;
const hash = () => randomBytes(32).toString('hex');
let n = 0;
const uvci = () => `URN:UVCI:01:DE:RT/${Date.now()}${++n}#X`;
const entry = (r: Reservation) => ({
  event: 'certificate.issued' as const,
  outcome: 'ok' as const,
  idHash: r.idHash,
  uvci: r.uvci,
});
const rule = { max: 3, windowSeconds: 600 };
const tryLock = 'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS got';

/** Every parameterised statement the registry sent in this file, for the plan check. */
const seen: { text: string; values: unknown[] }[] = [];

/** The statements `fn` sent (their first words), one per round trip. */
async function trips<T>(fn: () => Promise<T>): Promise<{ value: T; sent: string[] }> {
  const sent: string[] = [];
  const query = pg.Client.prototype.query;
  const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text);
    sent.push(text.replace(/\s+/g, ' ').trim().slice(0, 40));
    if (Array.isArray(args[1])) seen.push({ text, values: args[1] });
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query);
  try {
    return { value: await fn(), sent };
  } finally {
    spy.mockRestore();
  }
}

beforeAll(async () => {
  if (skip) return;
  cluster = await startPgCluster();
  const cfg = await pgRegistryConfig(cluster, 'round_trips', dirs.configDir);
  const opened = await openPgEngine({
    ...cfg,
    poolSize: 1,
    deadlineMs: 5000,
    kioskId: 'kiosk-rt',
    now: () => new Date(),
    log: createLogger({ sink: memorySink(), level: 'error' }),
  });
  if (!opened.ok) throw new Error(JSON.stringify(opened.error));
  engine = opened.value;
  db = new pg.Client({ connectionString: cfg.url });
  await db.connect();
  // The kiosk's first reservations find its `kiosk` row (and cache it): not what is counted.
  for (let i = 0; i < 2; i++) {
    const r = await engine.registry.reserve(hash(), 'kiosk-rt', uvci);
    if (!r.ok || r.value.kind !== 'reserved') throw new Error('warm-up reserve');
    await engine.registry.commit(r.value.reservation, entry(r.value.reservation));
  }
  // The gate's first reserve in a process also prunes old attempts (then hourly): not counted either.
  const t = await engine.attempts.reserve([
    { scope: 'kiosk', key: 'kiosk-rt', rule: { max: 1000, windowSeconds: 600 } },
  ]);
  if (t.ok) await engine.attempts.settle(t.value, false);
}, 120_000);

afterAll(async () => {
  await db?.end();
  await engine?.registry.close();
  cluster?.destroy();
  dirs.cleanup();
});

describe.skipIf(skip !== undefined)('round trips of one issuance on PostgreSQL', () => {
  it('reserve 3, commit 4; a reissue the same; a refused reserve 3', async () => {
    const { registry } = engine;
    const id = hash();
    const reserve = await trips(() => registry.reserve(id, 'kiosk-rt', uvci));
    expect(reserve.sent).toHaveLength(3);
    // The reservation need not wait for the disk (docs/fleet.md); the issuing commit must.
    expect(reserve.sent[0]).toMatch(/^BEGIN; SET LOCAL synchronous_commit TO O/);
    if (!reserve.value.ok || reserve.value.value.kind !== 'reserved') throw new Error('not reserved');
    const first = reserve.value.value.reservation;
    const commit = await trips(() => registry.commit(first, entry(first)));
    expect(commit.value.ok).toBe(true);
    expect(commit.sent).toHaveLength(4);
    expect(commit.sent[0]).toMatch(/^BEGIN; SELECT pg_advisory_xact_lock/);
    expect(commit.sent.at(-1)).toBe('COMMIT');

    const again = await trips(() => registry.reserve(id, 'kiosk-rt', uvci));
    expect(again.value).toMatchObject({ ok: true, value: { kind: 'already-issued', uvci: first.uvci } });
    expect(again.sent).toHaveLength(3);

    const re = await trips(() => registry.reserve(id, 'kiosk-rt', uvci, { reissue: true }));
    expect(re.sent).toHaveLength(3);
    if (!re.value.ok || re.value.value.kind !== 'reserved') throw new Error('reissue not reserved');
    const second = re.value.value.reservation;
    expect(second.replacesUvci).toBe(first.uvci);
    const reCommit = await trips(() => registry.commit(second, entry(second)));
    expect(reCommit.value.ok).toBe(true);
    expect(reCommit.sent).toHaveLength(4);

    const rows = await db.query<{ uvci: string; status: string; replaces_uvci: string | null }>(
      'SELECT uvci, status, replaces_uvci FROM issuance_view WHERE id_hash = $1 ORDER BY status',
      [id],
    );
    expect(rows.rows).toEqual([
      { uvci: second.uvci, status: 'issued', replaces_uvci: first.uvci },
      { uvci: first.uvci, status: 'superseded', replaces_uvci: null },
    ]);
    const audit = await verifyPgAudit(db as unknown as pg.PoolClient);
    expect(audit.ok && audit.value.broken).toEqual([]);
    expect(audit.ok && audit.value.heads['kiosk-rt']?.seq).toBe(4);
  });

  it('a commit whose reservation was reclaimed marks nothing and writes no audit line', async () => {
    const r = await engine.registry.reserve(hash(), 'kiosk-rt', uvci);
    if (!r.ok || r.value.kind !== 'reserved') throw new Error('not reserved');
    const mine = r.value.reservation;
    const lines = async () => Number((await db.query('SELECT count(*) AS n FROM audit_line')).rows[0].n);
    const before = await lines();
    const commit = await trips(() => engine.registry.commit({ ...mine, owner: 'someone-else' }, entry(mine)));
    expect(commit.value).toMatchObject({ ok: false, error: { code: 'ISSUANCE_IN_PROGRESS' } });
    expect(commit.sent).toEqual([
      expect.stringMatching(/^BEGIN;/),
      expect.stringMatching(/^WITH superseded/),
      'ROLLBACK',
    ]);
    expect(await lines()).toBe(before);
  });

  it('BEGIN with literal lock keys takes the very locks the parameterised form takes (kiosks of two versions)', async () => {
    for (const key of [hash(), "kiosk 'o\\brien'"]) {
      await db.query(beginSql([{ cls: LOCK_CLASS.audit, key }]));
      try {
        expect(await cluster.query(tryLock, [LOCK_CLASS.audit, key], 'round_trips')).toEqual([{ got: false }]);
      } finally {
        await db.query('ROLLBACK');
      }
      expect(await cluster.query(tryLock, [LOCK_CLASS.audit, key], 'round_trips')).toEqual([{ got: true }]);
    }
  });

  it('the attempt limits: reserve 4 for the kiosk and the ID together, settle 1', async () => {
    const id = hash();
    const specs = [
      { scope: 'kiosk' as const, key: 'kiosk-rt', rule: { max: 1000, windowSeconds: 600 } },
      { scope: 'id' as const, key: id, rule },
    ];
    const reserved = await trips(() => engine.attempts.reserve(specs));
    expect(reserved.sent).toHaveLength(4);
    if (!reserved.value.ok) throw new Error('attempts refused');
    expect(reserved.value.value.map((t) => [t.scope, t.key])).toEqual([
      ['kiosk', 'kiosk-rt'],
      ['id', id],
    ]);
    const settled = await trips(() => engine.attempts.settle(reserved.value.ok ? reserved.value.value : [], true));
    expect(settled.sent).toHaveLength(1);
    // Two more failures reach the ID's limit of 3; the next reserve is refused by the ID, not the kiosk.
    for (let i = 0; i < 2; i++) {
      const t = await engine.attempts.reserve(specs);
      if (!t.ok) throw new Error('refused too early');
      await engine.attempts.settle(t.value, true);
    }
    const refused = await engine.attempts.reserve(specs);
    expect(refused).toMatchObject({ ok: false, error: { code: 'TOO_MANY_ATTEMPTS', details: { scope: 'id' } } });
  });

  // Fewer statements must not mean bigger ones that read a whole table: the bench's 1 million rows
  // would show it (`state IN (0, 1)` matches neither partial index), this shows it at once.
  it('every statement counted above is served by an index, none reads a whole table', async () => {
    expect(seen.length).toBeGreaterThan(5);
    await db.query('BEGIN');
    try {
      await db.query('SET LOCAL enable_seqscan = off');
      for (const { text, values } of seen) {
        const plan = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values)).rows;
        expect(plan.map((r) => r['QUERY PLAN']).join('\n'), text).not.toMatch(
          /Seq Scan on (issuance|audit_line|attempt)\b/,
        );
      }
    } finally {
      await db.query('ROLLBACK');
    }
  });
});
