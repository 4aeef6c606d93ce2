// The exactly-once protocol on PostgreSQL, shared by every kiosk of a fleet (docs/fleet.md):
// reserve → sign → self-verify → commit, as in the SQLite registry (../registry.ts). Every write
// for one ID holds that ID's transaction-scoped advisory lock, so reserve, commit and stale
// release of one ID are serialised across the fleet; the partial unique indexes (one issued, one
// reserved per ID hash) back this up in the database itself. A reservation whose lease has
// passed (or whose process on this host is gone) is reclaimed by any kiosk; its late commit then
// finds no reservation and is refused. The audit line is inserted in the commit transaction.
import type { Result } from '../../result';
import { err, ok } from '../../result';
import { idHashBytes } from '../issuance-schema';
import { DEFAULT_LEASE_MS, type Reservation, type ReserveOutcome, type StaleRelease } from '../registry';
import type { IssuanceRegistry } from '../registry-port';
import { newReservationOwner, ownerProcessAlive } from '../reservation-owner';
import type { AuditKey } from '../../audit/audit-line';
import { appendAuditLine, LOCK_CLASS } from './pg-audit';
import type { PgClient, PgConnection } from './pg-connection';
import { createKioskRefs } from './pg-kiosk';

/** Columns read back; the ID hash in hex as the rest of the registry speaks (schema v2: bytea). */
const ROW = `encode(id_hash, 'hex') AS id_hash, uvci, issued_at, reservation_owner, reservation_expires_at`;

interface Row {
  readonly id_hash: string;
  readonly uvci: string;
  readonly issued_at: string | null;
  readonly reservation_owner: string | null;
  readonly reservation_expires_at: string | null;
}

export interface PgRegistryOptions {
  readonly kioskId: string;
  readonly now: () => Date;
  readonly leaseMs?: number;
  /** Keys this kiosk's chain in `audit_line` (docs/audit.md); absent: an unkeyed SHA-256 chain. */
  readonly auditKey?: AuditKey;
}

const UVCI_ATTEMPTS = 5;

export function createPgRegistry(conn: PgConnection, opts: PgRegistryOptions): IssuanceRegistry {
  const { now, kioskId } = opts;
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const owner = newReservationOwner();
  const kioskRef = createKioskRefs();
  const lockId = (c: PgClient, idHash: string) =>
    c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.id, idHash]);
  const issuedRow = async (c: PgClient, idHash: string) =>
    (await c.query<Row>(`SELECT ${ROW} FROM issuance WHERE id_hash = $1 AND state = 1`, [idHashBytes(idHash)])).rows[0];

  const staleReason = (row: Row, at: number): StaleRelease['reason'] | undefined => {
    if (row.reservation_owner !== null && !ownerProcessAlive(row.reservation_owner)) return 'owner-gone';
    if (Number(row.reservation_expires_at ?? 0) <= at) return 'lease-expired';
    return undefined;
  };
  /** Deletes a stale reservation (caller holds the ID lock) and audits it in the same transaction. */
  const releaseIfStale = async (c: PgClient, row: Row, at: number): Promise<StaleRelease | undefined> => {
    const reason = staleReason(row, at);
    if (!reason) return undefined;
    await c.query('DELETE FROM issuance WHERE uvci = $1 AND state = 0', [row.uvci]);
    const release: StaleRelease = { idHash: row.id_hash, uvci: row.uvci, reason };
    await appendAuditLine(
      c,
      { event: 'reservation.stale-released', outcome: 'ok', idHash: row.id_hash, uvci: row.uvci, code: reason },
      kioskId,
      new Date(at),
      opts.auditKey,
    );
    return release;
  };

  return {
    kind: 'postgres',
    reserve: (idHash, reservingKiosk, newUvci, o) =>
      conn.tx(async (c): Promise<Result<ReserveOutcome>> => {
        const reissue = o?.reissue ?? false;
        await lockId(c, idHash);
        const at = now().getTime();
        const issued = await issuedRow(c, idHash);
        if (issued && !reissue) {
          return ok({ kind: 'already-issued', uvci: issued.uvci, issuedAt: new Date(Number(issued.issued_at ?? 0)) });
        }
        if (!issued && reissue) return ok({ kind: 'not-issued' });
        const open = (
          await c.query<Row>(`SELECT ${ROW} FROM issuance WHERE id_hash = $1 AND state = 0`, [idHashBytes(idHash)])
        ).rows[0];
        if (open && !(await releaseIfStale(c, open, at))) return ok({ kind: 'in-progress' });
        const kiosk = await kioskRef(c, reservingKiosk);
        for (let attempt = 1; attempt <= UVCI_ATTEMPTS; attempt++) {
          const uvci = newUvci();
          const inserted = await c.query(
            `INSERT INTO issuance (id_hash, uvci, state, kiosk, reserved_at, reservation_owner, reservation_expires_at, replaces_uvci)
             VALUES ($1, $2, 0, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
            [idHashBytes(idHash), uvci, kiosk, at, owner, at + leaseMs, issued?.uvci ?? null],
          );
          // Under the ID lock only a UVCI collision (CSPRNG: practically never) can conflict.
          if (inserted.rowCount !== 1) continue;
          const reservation: Reservation = issued
            ? { idHash, uvci, owner, replacesUvci: issued.uvci }
            : { idHash, uvci, owner };
          return ok({ kind: 'reserved', reservation });
        }
        return err('REGISTRY_UNAVAILABLE', { reason: 'uvci-collisions' });
      }),
    commit: (r, entry, hooks) =>
      conn.tx(async (c): Promise<Result<{ issuedAt: Date }>> => {
        await lockId(c, r.idHash);
        const issuedAt = now();
        if (r.replacesUvci !== undefined) {
          const superseded = await c.query(
            'UPDATE issuance SET state = 2, superseded_at = $1 WHERE uvci = $2 AND state = 1',
            [issuedAt.getTime(), r.replacesUvci],
          );
          // The certificate being replaced was superseded by someone else meanwhile.
          if (superseded.rowCount !== 1) return err('ISSUANCE_IN_PROGRESS');
        }
        const marked = await c.query(
          `UPDATE issuance SET state = 1, issued_at = $1, reservation_owner = NULL, reservation_expires_at = NULL
           WHERE uvci = $2 AND state = 0 AND reservation_owner = $3`,
          [issuedAt.getTime(), r.uvci, r.owner],
        );
        // Reclaimed as stale (we stalled past the lease): never hand it out.
        if (marked.rowCount !== 1) return err('ISSUANCE_IN_PROGRESS');
        hooks?.beforeAudit?.();
        await appendAuditLine(c, entry, kioskId, issuedAt, opts.auditKey);
        hooks?.afterAudit?.();
        return ok({ issuedAt });
      }),
    release: (r) =>
      conn.read(async (c): Promise<Result<null>> => {
        await c.query('DELETE FROM issuance WHERE uvci = $1 AND state = 0 AND reservation_owner = $2', [
          r.uvci,
          r.owner,
        ]);
        return ok(null);
      }),
    findIssued: (idHash) =>
      conn.read(async (c) => {
        const row = await issuedRow(c, idHash);
        return ok(row ? { uvci: row.uvci, issuedAt: new Date(Number(row.issued_at ?? 0)) } : undefined);
      }),
    reissueCount: (idHash) =>
      conn.read(async (c) => {
        const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM issuance WHERE id_hash = $1 AND state = 2', [
          idHashBytes(idHash),
        ]);
        return ok(Number(r.rows[0]!.n));
      }),
    issuedCount: () =>
      conn.read(async (c) => {
        const r = await c.query<{ n: string }>('SELECT count(*) AS n FROM issuance WHERE state = 1');
        return ok(Number(r.rows[0]!.n));
      }),
    releaseStale: () =>
      conn.tx(async (c): Promise<Result<readonly StaleRelease[]>> => {
        const at = now().getTime();
        const found: StaleRelease[] = [];
        const open = await c.query<Row>(`SELECT ${ROW} FROM issuance WHERE state = 0 ORDER BY id_hash`);
        for (const row of open.rows) {
          if (!staleReason(row, at)) continue;
          await lockId(c, row.id_hash);
          const still = await c.query<Row>(`SELECT ${ROW} FROM issuance WHERE uvci = $1 AND state = 0`, [row.uvci]);
          const release = still.rows[0] && (await releaseIfStale(c, still.rows[0], at));
          if (release) found.push(release);
        }
        return ok(found);
      }),
    close: () => conn.close(),
  };
}
