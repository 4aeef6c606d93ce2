// Registry: reserve → commit gives exactly one issued certificate per ID hash; stale
// reservations are released; each reservation draws one UVCI; reissue supersedes; the database
// itself refuses a second issued or reserved row for one ID (the primary key of schema v4).
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { hostname } from 'node:os';
import fc from 'fast-check';
import { createRegistry, type Reservation, type StaleRelease } from '../../core/registry/registry';
import { deadPid, fakeIdHash, insertRawRow, openTestRegistry, sequentialUvci, tempDir } from './helpers';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

function setup(opts: Parameters<typeof openTestRegistry>[1] = {}) {
  const t = tempDir();
  cleanup = t.cleanup;
  return { path: join(t.dir, 'registry.sqlite'), ...openTestRegistry(join(t.dir, 'registry.sqlite'), opts) };
}

function reserved(outcome: ReturnType<ReturnType<typeof createRegistry>['reserve']>): Reservation {
  if (!outcome.ok || outcome.value.kind !== 'reserved') throw new Error(`not reserved: ${JSON.stringify(outcome)}`);
  return outcome.value.reservation;
}

describe('registry reserve/commit', () => {
  it('issues once, then reports already-issued with the issue time', () => {
    let now = new Date('2021-08-01T10:00:00Z');
    const { registry } = setup({ now: () => now });
    const r = reserved(registry.reserve(fakeIdHash(1), 'kiosk-a', sequentialUvci));
    expect(registry.commit(r)).toEqual({ ok: true, value: { issuedAt: now } });
    now = new Date('2021-08-02T10:00:00Z');
    const again = registry.reserve(fakeIdHash(1), 'kiosk-b', sequentialUvci);
    expect(again).toEqual({
      ok: true,
      value: { kind: 'already-issued', uvci: r.uvci, issuedAt: new Date('2021-08-01T10:00:00Z') },
    });
    expect(registry.issuedCount()).toEqual({ ok: true, value: 1 });
    expect(registry.findIssued(fakeIdHash(1))).toEqual({
      ok: true,
      value: { uvci: r.uvci, issuedAt: new Date('2021-08-01T10:00:00Z') },
    });
  });

  it('a live reservation makes a second attempt in-progress; release frees it', () => {
    const { registry } = setup();
    const r = reserved(registry.reserve(fakeIdHash(2), 'kiosk-a', sequentialUvci));
    expect(registry.reserve(fakeIdHash(2), 'kiosk-a', sequentialUvci)).toEqual({
      ok: true,
      value: { kind: 'in-progress' },
    });
    expect(registry.release(r).ok).toBe(true);
    reserved(registry.reserve(fakeIdHash(2), 'kiosk-a', sequentialUvci));
  });

  it('releases a reservation whose lease has expired, and reports it', () => {
    let now = new Date('2021-08-01T10:00:00Z');
    const released: StaleRelease[] = [];
    const { registry } = setup({ now: () => now, leaseMs: 120_000, onStaleReleased: (s) => released.push(s) });
    const first = reserved(registry.reserve(fakeIdHash(3), 'kiosk-a', sequentialUvci));
    now = new Date(now.getTime() + 119_000);
    expect(registry.reserve(fakeIdHash(3), 'kiosk-a', sequentialUvci)).toEqual({
      ok: true,
      value: { kind: 'in-progress' },
    });
    now = new Date(now.getTime() + 2_000);
    const second = reserved(registry.reserve(fakeIdHash(3), 'kiosk-a', sequentialUvci));
    expect(second.uvci).not.toBe(first.uvci);
    expect(released).toEqual([{ idHash: fakeIdHash(3), uvci: first.uvci, reason: 'lease-expired' }]);
    // The stale holder can no longer commit: its certificate must never reach anyone.
    expect(registry.commit(first)).toEqual({ ok: false, error: { code: 'ISSUANCE_IN_PROGRESS' } });
    expect(registry.commit(second).ok).toBe(true);
  });

  it('releases at once a reservation whose owner process is gone (start-up sweep)', () => {
    const { db, registry } = setup();
    const pid = deadPid();
    const owner = `${hostname().replace(/[^A-Za-z0-9.-]/g, '_')}/${pid}/deadbeef`;
    insertRawRow(db, {
      idHash: fakeIdHash(4),
      uvci: 'URN:UVCI:01:DE:TEST/GONE',
      status: 'reserved',
      kioskId: 'kiosk-a',
      reservedAt: Date.now(),
      owner,
      expiresAt: Date.now() + 3600_000,
    });
    expect(registry.releaseStale()).toEqual({
      ok: true,
      value: [{ idHash: fakeIdHash(4), uvci: 'URN:UVCI:01:DE:TEST/GONE', reason: 'owner-gone' }],
    });
    reserved(registry.reserve(fakeIdHash(4), 'kiosk-a', sequentialUvci));
  });

  it('draws one UVCI per reservation and stores it whole, whatever its shape', () => {
    const { registry } = setup();
    const drawn: string[] = [];
    const draw = (uvci: string) => () => (drawn.push(uvci), uvci);
    const shapes = ['URN:UVCI:01:DE:TEST/A1B2#C', 'URN:UVCI:01:DE:A/B/C3', 'NO-SLASH', 'URN:UVCI:01:DE:TEST/'];
    shapes.forEach((uvci, i) => {
      const r = reserved(registry.reserve(fakeIdHash(50 + i), 'kiosk-a', draw(uvci)));
      expect(registry.commit(r).ok).toBe(true);
      expect(registry.findIssued(fakeIdHash(50 + i))).toMatchObject({ ok: true, value: { uvci } });
    });
    expect(drawn).toEqual(shapes);
  });

  it('refuses an ID hash that is not 64 hex characters instead of storing something else', () => {
    const { registry } = setup();
    expect(registry.reserve('not-a-hash', 'kiosk-a', sequentialUvci)).toEqual({
      ok: false,
      error: { code: 'REGISTRY_UNAVAILABLE' },
    });
    expect(registry.issuedCount()).toEqual({ ok: true, value: 0 });
  });

  it('reissue supersedes the issued certificate and leaves exactly one issued', () => {
    const { db, registry } = setup();
    expect(registry.reserve(fakeIdHash(7), 'kiosk-a', sequentialUvci, { reissue: true })).toEqual({
      ok: true,
      value: { kind: 'not-issued' },
    });
    const first = reserved(registry.reserve(fakeIdHash(7), 'kiosk-a', sequentialUvci));
    registry.commit(first);
    const second = reserved(registry.reserve(fakeIdHash(7), 'kiosk-a', sequentialUvci, { reissue: true }));
    expect(second.replacesUvci).toBe(first.uvci);
    expect(registry.commit(second).ok).toBe(true);
    const rows = () =>
      db.prepare('SELECT uvci, status, seq FROM issuance_view WHERE id_hash = ? ORDER BY uvci').all(fakeIdHash(7));
    expect(rows()).toEqual([
      { uvci: first.uvci, status: 'superseded', seq: 1 },
      { uvci: second.uvci, status: 'issued', seq: 0 },
    ]);
    expect(registry.issuedCount()).toEqual({ ok: true, value: 1 });
    // A second reissue numbers the next superseded row; the count of reissues follows.
    const third = reserved(registry.reserve(fakeIdHash(7), 'kiosk-a', sequentialUvci, { reissue: true }));
    expect(third.replacesUvci).toBe(second.uvci);
    expect(registry.commit(third).ok).toBe(true);
    expect(rows()).toEqual([
      { uvci: first.uvci, status: 'superseded', seq: 1 },
      { uvci: second.uvci, status: 'superseded', seq: 2 },
      { uvci: third.uvci, status: 'issued', seq: 0 },
    ]);
    expect(registry.reissueCount(fakeIdHash(7))).toEqual({ ok: true, value: 2 });
    expect(db.prepare('SELECT replaces_uvci FROM issuance_view WHERE uvci = ?').get(third.uvci)).toEqual({
      replaces_uvci: second.uvci,
    });
  });

  it('the database itself rejects a second issued or reserved row for one ID', () => {
    const { db, registry } = setup();
    registry.commit(reserved(registry.reserve(fakeIdHash(8), 'kiosk-a', sequentialUvci)));
    reserved(registry.reserve(fakeIdHash(8), 'kiosk-a', sequentialUvci, { reissue: true }));
    const row = { idHash: fakeIdHash(8), uvci: 'URN:UVCI:01:DE:TEST/X', kioskId: 'k', reservedAt: 0 } as const;
    expect(() => insertRawRow(db, { ...row, status: 'issued', issuedAt: 0 })).toThrow(/UNIQUE/);
    expect(() => insertRawRow(db, { ...row, status: 'reserved' })).toThrow(/UNIQUE/);
    // Only superseded rows may be many, each with its own number.
    expect(() => insertRawRow(db, { ...row, status: 'superseded', seq: 0 })).toThrow(/CHECK/);
    expect(() => insertRawRow(db, { ...row, status: 'issued', seq: 3 })).toThrow(/CHECK/);
  });

  it('a failing beforeCommit hook (audit write) leaves nothing committed', () => {
    const { registry } = setup();
    const r = reserved(registry.reserve(fakeIdHash(9), 'kiosk-a', sequentialUvci));
    const result = registry.commit(r, () => {
      throw Object.assign(new Error('disk'), { code: 'ENOSPC' });
    });
    expect(result).toEqual({ ok: false, error: { code: 'DISK_FULL' } });
    expect(registry.findIssued(fakeIdHash(9))).toEqual({ ok: true, value: undefined });
  });

  it('property: any interleaving of reserve/commit/release leaves at most one issued per ID', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('reserve', 'commit', 'release'), fc.integer({ min: 0, max: 2 })), {
          maxLength: 40,
        }),
        (ops) => {
          const { registry, db } = setup();
          const open = new Map<number, Reservation[]>();
          const everIssued = new Set<number>();
          for (const [op, id] of ops) {
            if (op === 'reserve') {
              const r = registry.reserve(fakeIdHash(id), 'k', sequentialUvci);
              if (r.ok && r.value.kind === 'reserved') open.set(id, [...(open.get(id) ?? []), r.value.reservation]);
              if (r.ok && r.value.kind === 'already-issued') expect(everIssued.has(id)).toBe(true);
            } else {
              const r = open.get(id)?.pop();
              if (!r) continue;
              if (op === 'commit' && registry.commit(r).ok) everIssued.add(id);
              if (op === 'release') registry.release(r);
            }
          }
          const perId = db
            .prepare('SELECT id_hash, count(*) AS n FROM issuance WHERE state = 1 GROUP BY id_hash')
            .all() as { n: number }[];
          expect(perId.every((row) => row.n === 1)).toBe(true);
          expect(perId.length).toBe(everIssued.size);
          db.close();
          cleanup();
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('which commits wait for the disk', () => {
  const level = (db: ReturnType<typeof setup>['db']) => db.pragma('synchronous', { simple: true });

  it('the reservation commits without an fsync, the issuing commit with one, and FULL stays the default', () => {
    const { db, registry } = setup();
    let duringReserve: unknown;
    let duringCommit: unknown;
    const r = reserved(
      registry.reserve(fakeIdHash(7), 'kiosk-a', () => {
        duringReserve = level(db);
        return sequentialUvci();
      }),
    );
    expect(level(db)).toBe(2);
    expect(registry.commit(r, () => (duringCommit = level(db))).ok).toBe(true);
    expect({ duringReserve, duringCommit, after: level(db) }).toEqual({ duringReserve: 1, duringCommit: 2, after: 2 });
  });

  it('a reserve nested in another transaction keeps FULL instead of failing', () => {
    const { db, registry } = setup();
    let duringReserve: unknown;
    const outcome = db
      .transaction(() =>
        registry.reserve(fakeIdHash(8), 'kiosk-a', () => {
          duringReserve = level(db);
          return sequentialUvci();
        }),
      )
      .immediate();
    expect(outcome.ok && outcome.value.kind).toBe('reserved');
    expect({ duringReserve, after: level(db) }).toEqual({ duringReserve: 2, after: 2 });
  });

  it('a reserve that throws inside its transaction still leaves FULL behind', () => {
    const { db, registry } = setup();
    const outcome = registry.reserve(fakeIdHash(9), 'kiosk-a', () => {
      throw new Error('no UVCI');
    });
    expect(outcome.ok).toBe(false);
    expect(level(db)).toBe(2);
  });
});
