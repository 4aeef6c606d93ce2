// Migration 004 (core/registry/migrations/004-compact-issuance.ts) on a registry written by schema v3:
// every row is kept with every field, and the exactly-once guarantee holds across the upgrade — an
// ID issued before is ALREADY_ISSUED after, a reservation is still in progress while its lease
// runs and is reclaimed after it (or at once when its process is gone), a reissue supersedes and
// numbers on, and the kiosk's audit chain still tells the registry's story. A failed migration
// leaves v3 untouched; a registry from a newer version is still refused.
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openRegistryDatabase, type RegistryDatabase } from '../../core/registry/database';
import { SECRET_BYTES } from '../../core/registry/id-hash';
import { readSqliteSource } from '../../core/registry/import/sqlite-source';
import { currentSchemaVersion, LATEST_SCHEMA_VERSION } from '../../core/registry/migrations/migration';
import { createRegistry, type StaleRelease } from '../../core/registry/registry';
import { deadPid, fakeIdHash, insertV3Row, tempDir, type RawIssuanceRow } from './helpers';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

const T0 = Date.parse('2026-11-01T09:00:00Z');
const LEASE = 120_000;
const host = hostname().replace(/[^A-Za-z0-9.-]/g, '_');
const uvci = (n: number, issuer = 'KIOSK') => `URN:UVCI:01:DE:${issuer}/${String(n).padStart(24, '0')}#A`;

/** A v3 registry with every kind of row the kiosk writes. */
function v3Rows(): RawIssuanceRow[] {
  const rows: RawIssuanceRow[] = [];
  for (let i = 1; i <= 40; i++) {
    rows.push({
      idHash: fakeIdHash(i),
      uvci: uvci(i, i % 3 === 0 ? 'OFFICE2' : 'KIOSK'),
      status: 'issued',
      kioskId: i % 2 ? 'kiosk-a' : 'kiosk-b',
      reservedAt: T0 + i * 1000,
      issuedAt: T0 + i * 1000 + 7,
    });
  }
  // ID 100: reissued twice (two superseded rows, the issued one replaces the second).
  rows.push(
    {
      idHash: fakeIdHash(100),
      uvci: uvci(101),
      status: 'superseded',
      kioskId: 'kiosk-a',
      reservedAt: T0,
      issuedAt: T0 + 1,
      supersededAt: T0 + 5000,
    },
    {
      idHash: fakeIdHash(100),
      uvci: uvci(102),
      status: 'superseded',
      kioskId: 'kiosk-a',
      reservedAt: T0 + 4000,
      issuedAt: T0 + 5000,
      supersededAt: T0 + 9000,
      replacesUvci: uvci(101),
    },
    {
      idHash: fakeIdHash(100),
      uvci: uvci(103),
      status: 'issued',
      kioskId: 'kiosk-b',
      reservedAt: T0 + 8000,
      issuedAt: T0 + 9000,
      replacesUvci: uvci(102),
    },
  );
  // ID 200: a reservation of a live process whose lease runs until T0 + LEASE.
  rows.push({
    idHash: fakeIdHash(200),
    uvci: uvci(200),
    status: 'reserved',
    kioskId: 'kiosk-a',
    reservedAt: T0,
    owner: `${host}/${process.pid}/00c0ffee`,
    expiresAt: T0 + LEASE,
  });
  // ID 300: a reservation whose process is gone.
  rows.push({
    idHash: fakeIdHash(300),
    uvci: uvci(300),
    status: 'reserved',
    kioskId: 'kiosk-b',
    reservedAt: T0,
    owner: `${host}/${deadPid()}/deadbeef`,
    expiresAt: T0 + LEASE,
  });
  // ID 1 also has a reissue in flight (reserved beside its issued row).
  rows.push({
    idHash: fakeIdHash(1),
    uvci: uvci(400),
    status: 'reserved',
    kioskId: 'kiosk-a',
    reservedAt: T0 + 50,
    owner: `${host}/${process.pid}/00c0ffee`,
    expiresAt: T0 + LEASE,
    replacesUvci: uvci(1),
  });
  return rows;
}

const COLUMNS =
  'id_hash, uvci, status, kiosk_id, reserved_at, issued_at, superseded_at, reservation_owner, reservation_expires_at, replaces_uvci';
const snapshot = (db: RegistryDatabase, from: string) =>
  db.prepare(`SELECT ${COLUMNS} FROM ${from} ORDER BY uvci`).all();

function v3Registry(rows = v3Rows()) {
  const t = tempDir();
  cleanup = t.cleanup;
  const path = join(t.dir, 'registry.sqlite');
  const v3 = openRegistryDatabase(path, { schemaVersion: 3 });
  if (!v3.ok) throw new Error(v3.error.code);
  for (const r of rows) insertV3Row(v3.value, r);
  v3.value
    .prepare("INSERT INTO failed_attempt (scope, key, at, state) VALUES ('id', ?, ?, 'failed')")
    .run(fakeIdHash(9), T0);
  const before = snapshot(v3.value, 'issuance');
  v3.value.close();
  return { path, before, dir: t.dir };
}

describe('migration 004: compact issuance table', () => {
  it('keeps every row with every field, and the counts per status', () => {
    const { path, before } = v3Registry();
    const db = openRegistryDatabase(path);
    if (!db.ok) throw new Error(db.error.code);
    expect(currentSchemaVersion(db.value)).toBe(LATEST_SCHEMA_VERSION);
    expect(snapshot(db.value, 'issuance_view')).toEqual(before);
    expect(before).toHaveLength(46);
    const perStatus = db.value.prepare('SELECT state, count(*) AS n FROM issuance GROUP BY state ORDER BY state').all();
    expect(perStatus).toEqual([
      { state: 0, n: 3 },
      { state: 1, n: 41 },
      { state: 2, n: 2 },
    ]);
    // Superseded rows numbered in the order they were superseded; repeated strings stored once.
    expect(
      db.value.prepare("SELECT uvci, seq FROM issuance_view WHERE status = 'superseded' ORDER BY seq").all(),
    ).toEqual([
      { uvci: uvci(101), seq: 1 },
      { uvci: uvci(102), seq: 2 },
    ]);
    expect(db.value.prepare('SELECT kiosk_id FROM kiosk ORDER BY id').all()).toEqual([
      { kiosk_id: 'kiosk-a' },
      { kiosk_id: 'kiosk-b' },
    ]);
    expect(db.value.prepare('SELECT count(*) AS n FROM uvci_prefix').get()).toEqual({ n: 2 });
    expect(db.value.prepare('SELECT count(*) AS n FROM failed_attempt').get()).toEqual({ n: 1 });
    expect(db.value.pragma('integrity_check', { simple: true })).toBe('ok');
    db.value.close();
  });

  it('keeps exactly once: issued stays issued, leases run on and are reclaimed, reissue numbers on', () => {
    const { path } = v3Registry();
    const db = openRegistryDatabase(path);
    if (!db.ok) throw new Error(db.error.code);
    let now = new Date(T0 + 60_000);
    const released: StaleRelease[] = [];
    const registry = createRegistry(db.value, {
      now: () => now,
      leaseMs: LEASE,
      onStaleReleased: (s) => released.push(s),
    });
    let drawn = 500;
    const next = () => uvci(++drawn);

    // Issued before the migration: ALREADY_ISSUED after it, with the same UVCI and time.
    for (const i of [2, 3, 40]) {
      expect(registry.reserve(fakeIdHash(i), 'kiosk-c', next)).toEqual({
        ok: true,
        value: {
          kind: 'already-issued',
          uvci: uvci(i, i % 3 === 0 ? 'OFFICE2' : 'KIOSK'),
          issuedAt: new Date(T0 + i * 1000 + 7),
        },
      });
    }
    expect(registry.issuedCount()).toEqual({ ok: true, value: 41 });
    expect(registry.reissueCount(fakeIdHash(100))).toEqual({ ok: true, value: 2 });

    // A process that is gone: its reservation is released at the start-up sweep.
    expect(registry.releaseStale()).toEqual({
      ok: true,
      value: [{ idHash: fakeIdHash(300), uvci: uvci(300), reason: 'owner-gone' }],
    });
    // A live lease: in progress until it ends, then reclaimed and issued once.
    expect(registry.reserve(fakeIdHash(200), 'kiosk-c', next)).toEqual({ ok: true, value: { kind: 'in-progress' } });
    now = new Date(T0 + LEASE + 1);
    const retry = registry.reserve(fakeIdHash(200), 'kiosk-c', next);
    if (!retry.ok || retry.value.kind !== 'reserved') throw new Error(JSON.stringify(retry));
    expect(released.at(-1)).toEqual({ idHash: fakeIdHash(200), uvci: uvci(200), reason: 'lease-expired' });
    expect(registry.commit(retry.value.reservation).ok).toBe(true);
    expect(registry.reserve(fakeIdHash(200), 'kiosk-c', next)).toMatchObject({
      ok: true,
      value: { kind: 'already-issued' },
    });

    // The reissue that was in flight for ID 1 is reclaimed the same way; a new reissue supersedes.
    const reissue = registry.reserve(fakeIdHash(1), 'kiosk-c', next, { reissue: true });
    if (!reissue.ok || reissue.value.kind !== 'reserved') throw new Error(JSON.stringify(reissue));
    expect(reissue.value.reservation.replacesUvci).toBe(uvci(1));
    expect(registry.commit(reissue.value.reservation).ok).toBe(true);
    expect(registry.findIssued(fakeIdHash(1))).toMatchObject({
      ok: true,
      value: { uvci: reissue.value.reservation.uvci },
    });
    // ID 100 had two superseded rows: the third reissue becomes seq 3.
    const third = registry.reserve(fakeIdHash(100), 'kiosk-c', next, { reissue: true });
    if (!third.ok || third.value.kind !== 'reserved') throw new Error(JSON.stringify(third));
    expect(registry.commit(third.value.reservation).ok).toBe(true);
    expect(
      db.value
        .prepare("SELECT uvci, seq FROM issuance_view WHERE id_hash = ? AND status = 'superseded' ORDER BY seq")
        .all(fakeIdHash(100)),
    ).toEqual([
      { uvci: uvci(101), seq: 1 },
      { uvci: uvci(102), seq: 2 },
      { uvci: uvci(103), seq: 3 },
    ]);
    expect(registry.issuedCount()).toEqual({ ok: true, value: 42 });
    expect(db.value.prepare('SELECT count(*) AS n FROM issuance WHERE state = 0').get()).toEqual({ n: 0 });
    registry.close();
  });

  it('a failing migration leaves the v3 registry untouched, and the next start tries again', () => {
    const rows = v3Rows();
    // A row no kiosk writes (its ID hash is not hex): the copy fails, nothing changes.
    const { path, before } = v3Registry([...rows, { ...rows[0]!, idHash: 'z'.repeat(64), uvci: uvci(999) }]);
    const failed = openRegistryDatabase(path);
    expect(failed.ok ? 'opened' : failed.error.code).toBe('REGISTRY_UNAVAILABLE');
    const raw = new Database(path);
    expect(currentSchemaVersion(raw)).toBe(3);
    expect(snapshot(raw, 'issuance')).toEqual(before);
    raw.prepare('DELETE FROM issuance WHERE uvci = ?').run(uvci(999));
    raw.close();
    const retried = openRegistryDatabase(path);
    if (!retried.ok) throw new Error(retried.error.code);
    expect(currentSchemaVersion(retried.value)).toBe(LATEST_SCHEMA_VERSION);
    expect(snapshot(retried.value, 'issuance_view')).toEqual(
      before.filter((r) => (r as { uvci: string }).uvci !== uvci(999)),
    );
    retried.value.close();
  });

  it('a registry written by a newer version is still refused after the upgrade', () => {
    const { path } = v3Registry();
    const db = openRegistryDatabase(path);
    if (!db.ok) throw new Error(db.error.code);
    db.value.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, 0)').run(LATEST_SCHEMA_VERSION + 1);
    db.value.close();
    const reopened = openRegistryDatabase(path);
    expect(reopened.ok ? 'opened' : reopened.error).toEqual({
      code: 'REGISTRY_UNAVAILABLE',
      details: { reason: 'schema-newer-than-app', schemaVersion: LATEST_SCHEMA_VERSION + 1 },
    });
  });
});

describe('registry import source across the upgrade', () => {
  it('reads a v3 registry and the same registry after migration 004 alike', () => {
    const { path, dir } = v3Registry();
    const key = randomBytes(SECRET_BYTES);
    writeFileSync(join(dir, 'registry.secret'), key);
    const old = readSqliteSource(path, key);
    if (!old.ok) throw new Error(old.error.code);
    expect(old.value.rows).toHaveLength(43);
    expect(old.value.openReservations).toBe(3);
    const db = openRegistryDatabase(path);
    if (!db.ok) throw new Error(db.error.code);
    db.value.close();
    const migrated = readSqliteSource(path, key);
    if (!migrated.ok) throw new Error(migrated.error.code);
    expect(migrated.value).toEqual(old.value);
    // Superseded first within an ID (pg-import.ts relies on it).
    expect(migrated.value.rows.filter((r) => r.id_hash === fakeIdHash(100)).map((r) => r.uvci)).toEqual([
      uvci(101),
      uvci(102),
      uvci(103),
    ]);
  });
});
