// The exactly-once protocol on PostgreSQL, shared by every kiosk of a fleet (docs/fleet.md):
// reserve → sign → self-verify → commit, as in the SQLite registry (../registry.ts). Every write
// for one ID holds that ID's transaction-scoped advisory lock, so reserve, commit and stale
// release of one ID are serialised across the fleet; the partial unique indexes (one issued, one
// reserved per ID hash) back this up in the database itself. A reservation whose lease has
// passed (or whose process on this host is gone) is reclaimed by any kiosk; its late commit then
// finds no reservation and is refused. The audit line is inserted in the commit transaction.
// Round trips (docs/performance.md): reserve 3 (BEGIN with the lock, one statement, COMMIT),
// commit 4 (BEGIN with both locks, one statement, the audit line, COMMIT);
// tests/registry/pg-round-trips.test.ts holds them there.
import type { Result } from '../../result';
import { err, ok } from '../../result';
import { idHashBytes } from '../issuance-schema';
import { DEFAULT_LEASE_MS, type ReserveOutcome, type StaleRelease } from '../registry';
import type { IssuanceRegistry } from '../registry-port';
import { newReservationOwner, ownerProcessAlive } from '../reservation-owner';
import type { AuditKey } from '../../audit/audit-line';
import { appendAuditLine, auditHead, auditHeadSql, auditLock, insertAuditLine, LOCK_CLASS } from './pg-audit';
import type { PgClient, PgConnection, XactLock } from './pg-connection';
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

/**
 * Reserve's reads and its write as one statement, sent after the ID lock's statement, so its
 * snapshot shows every write of the lock's previous holder: the ID's issued and open rows, and a
 * reservation inserted only when they allow one (no open row; an issued row exactly when
 * reissuing) and the kiosk's number is known. Two SELECTs: only `state = 1` and `state = 0`
 * match the partial unique indexes (`state IN (0, 1)` would read the whole table). Anything else
 * (an open row that may be stale, a UVCI collision, the kiosk's first reservations) is decided
 * in JS afterwards, in the same transaction, as before.
 */
const RESERVE = `
  WITH found AS (
    SELECT ${ROW}, state FROM issuance WHERE id_hash = $1 AND state = 1
    UNION ALL SELECT ${ROW}, state FROM issuance WHERE id_hash = $1 AND state = 0
  ), added AS (
    INSERT INTO issuance (id_hash, uvci, state, kiosk, reserved_at, reservation_owner, reservation_expires_at, replaces_uvci)
    SELECT $1, $2::text, 0, $3::int, $4::bigint, $5::text, $6::bigint, (SELECT uvci FROM found WHERE state = 1)
    WHERE $3::int IS NOT NULL AND NOT EXISTS (SELECT 1 FROM found WHERE state = 0) AND EXISTS (SELECT 1 FROM found WHERE state = 1) = $7::boolean
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  SELECT f.*, (SELECT count(*) FROM added)::int AS added FROM (SELECT 1) AS one LEFT JOIN found f ON true`;

/**
 * Commit's writes and the audit chain's head as one statement, after the ID and audit locks'
 * statements. The order of independent CTEs is undefined, so `marked` waits on `superseded`: the
 * replaced row leaves the one-issued-per-ID index before the new one enters it, and without a
 * superseded row nothing is marked (the transaction then rolls back).
 */
const COMMIT = `
  WITH superseded AS (
    UPDATE issuance SET state = 2, superseded_at = $1 WHERE uvci = $4 AND state = 1 RETURNING 1
  ), marked AS (
    UPDATE issuance SET state = 1, issued_at = $1, reservation_owner = NULL, reservation_expires_at = NULL
    WHERE uvci = $2 AND state = 0 AND reservation_owner = $3 AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM superseded))
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM superseded)::int AS superseded, (SELECT count(*) FROM marked)::int AS marked, head.*
  FROM (SELECT 1) AS one LEFT JOIN LATERAL (${auditHeadSql('$5')}) AS head ON true`;

const idLock = (idHash: string): XactLock => ({ cls: LOCK_CLASS.id, key: idHash });

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
      conn.tx(
        async (c): Promise<Result<ReserveOutcome>> => {
          const reissue = o?.reissue ?? false;
          const at = now().getTime();
          // Known after the kiosk's first reservations; until then its row is added below, only
          // when a reservation is made, as before.
          const known = kioskRef.known(reservingKiosk);
          const firstUvci = newUvci();
          const found = (
            await c.query<Row & { state: number | null; added: number }>(RESERVE, [
              idHashBytes(idHash),
              firstUvci,
              known ?? null,
              at,
              owner,
              at + leaseMs,
              reissue,
            ])
          ).rows;
          const issued = found.find((r) => r.state === 1);
          const reserved = (uvci: string): Result<ReserveOutcome> =>
            ok({
              kind: 'reserved',
              reservation: issued ? { idHash, uvci, owner, replacesUvci: issued.uvci } : { idHash, uvci, owner },
            });
          if (found[0]!.added === 1) return reserved(firstUvci);
          if (issued && !reissue) {
            return ok({ kind: 'already-issued', uvci: issued.uvci, issuedAt: new Date(Number(issued.issued_at ?? 0)) });
          }
          if (!issued && reissue) return ok({ kind: 'not-issued' });
          const open = found.find((r) => r.state === 0);
          if (open && !(await releaseIfStale(c, open, at))) return ok({ kind: 'in-progress' });
          // A stale reservation released, the kiosk's number not yet known, or (CSPRNG: practically
          // never) a UVCI collision.
          const kiosk = await kioskRef(c, reservingKiosk);
          for (let attempt = known === undefined ? 1 : 2; attempt <= UVCI_ATTEMPTS; attempt++) {
            const uvci = newUvci();
            const inserted = await c.query(
              `INSERT INTO issuance (id_hash, uvci, state, kiosk, reserved_at, reservation_owner, reservation_expires_at, replaces_uvci)
             VALUES ($1, $2, 0, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
              [idHashBytes(idHash), uvci, kiosk, at, owner, at + leaseMs, issued?.uvci ?? null],
            );
            // Under the ID lock only a UVCI collision can conflict.
            if (inserted.rowCount === 1) return reserved(uvci);
          }
          return err('REGISTRY_UNAVAILABLE', { reason: 'uvci-collisions' });
        },
        [idLock(idHash)],
        // A reservation lost in a server crash is safe: this kiosk's commit then finds no row of
        // its own and hands nothing out, like a reclaimed lease; the commit's flush makes it durable.
        { flushLater: true },
      ),
    commit: (r, entry, hooks) =>
      conn.tx(
        async (c): Promise<Result<{ issuedAt: Date }>> => {
          const issuedAt = now();
          const written = (
            await c.query<{ superseded: number; marked: number; seq: string | null; hash: string | null }>(COMMIT, [
              issuedAt.getTime(),
              r.uvci,
              r.owner,
              r.replacesUvci ?? null,
              kioskId,
            ])
          ).rows[0]!;
          // The certificate being replaced was superseded by someone else meanwhile.
          if (r.replacesUvci !== undefined && written.superseded !== 1) return err('ISSUANCE_IN_PROGRESS');
          // Reclaimed as stale (we stalled past the lease): never hand it out.
          if (written.marked !== 1) return err('ISSUANCE_IN_PROGRESS');
          hooks?.beforeAudit?.();
          await insertAuditLine(c, entry, auditHead(written), kioskId, issuedAt, opts.auditKey);
          hooks?.afterAudit?.();
          return ok({ issuedAt });
        },
        [idLock(r.idHash), auditLock(kioskId)],
      ),
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
