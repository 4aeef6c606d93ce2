// Registry: reserve → commit gives exactly one issued certificate per ID hash; stale
// reservations are released; UVCI collisions retry; reissue supersedes; the database itself
// refuses a second issued row for one ID.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { hostname } from 'node:os';
import fc from 'fast-check';
import { createRegistry, type Reservation, type StaleRelease } from '../../core/registry/registry';
import { deadPid, fakeIdHash, openTestRegistry, sequentialUvci, tempDir } from './helpers';

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
    db.prepare(
      `INSERT INTO issuance (id_hash, uvci, status, kiosk_id, reserved_at, reservation_owner, reservation_expires_at)
       VALUES (?, 'URN:UVCI:01:DE:TEST/GONE', 'reserved', 'kiosk-a', ?, ?, ?)`,
    ).run(fakeIdHash(4), Date.now(), owner, Date.now() + 3600_000);
    expect(registry.releaseStale()).toEqual({
      ok: true,
      value: [{ idHash: fakeIdHash(4), uvci: 'URN:UVCI:01:DE:TEST/GONE', reason: 'owner-gone' }],
    });
    reserved(registry.reserve(fakeIdHash(4), 'kiosk-a', sequentialUvci));
  });

  it('draws a new UVCI when the first one collides', () => {
    const { registry } = setup();
    const r1 = reserved(registry.reserve(fakeIdHash(5), 'kiosk-a', () => 'URN:UVCI:01:DE:TEST/SAME'));
    const draws = ['URN:UVCI:01:DE:TEST/SAME', 'URN:UVCI:01:DE:TEST/OTHER'];
    const r2 = reserved(registry.reserve(fakeIdHash(6), 'kiosk-a', () => draws.shift()!));
    expect(r1.uvci).toBe('URN:UVCI:01:DE:TEST/SAME');
    expect(r2.uvci).toBe('URN:UVCI:01:DE:TEST/OTHER');
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
    const rows = db.prepare('SELECT uvci, status FROM issuance WHERE id_hash = ? ORDER BY id').all(fakeIdHash(7));
    expect(rows).toEqual([
      { uvci: first.uvci, status: 'superseded' },
      { uvci: second.uvci, status: 'issued' },
    ]);
    expect(registry.issuedCount()).toEqual({ ok: true, value: 1 });
  });

  it('the database itself rejects a second issued row for one ID', () => {
    const { db, registry } = setup();
    registry.commit(reserved(registry.reserve(fakeIdHash(8), 'kiosk-a', sequentialUvci)));
    expect(() =>
      db
        .prepare(
          "INSERT INTO issuance (id_hash, uvci, status, kiosk_id, reserved_at, issued_at) VALUES (?, 'URN:UVCI:01:DE:TEST/X', 'issued', 'k', 0, 0)",
        )
        .run(fakeIdHash(8)),
    ).toThrow(/UNIQUE/);
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
            .prepare("SELECT id_hash, count(*) AS n FROM issuance WHERE status = 'issued' GROUP BY id_hash")
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
