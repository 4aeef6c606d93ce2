// The issuance registry (docs/reliability.md, "exactly once"): reserve → sign → self-verify → commit.
// A reservation row is inserted in a `BEGIN IMMEDIATE` transaction (one writer at a time across
// all processes sharing the file); the primary key of migration 004 (at most one reserved and
// one issued row per ID) backs this up.
// The certificate is returned to the citizen only after `commit` is durable (database.ts).
// Stale reservations (owner process dead, or lease expired) are released: they were never
// handed out. Every method returns a Result; SQLite failures map to REGISTRY_* / DISK_FULL.
import type { Result } from '../result';
import { err, ok } from '../result';
import type { RegistryDatabase } from './database';
import { registryErrorCode } from './sqlite-errors';
import { newReservationOwner, ownerProcessAlive } from './reservation-owner';
import { prepareStatements, type IssuanceRow } from './statements';

export interface Reservation {
  readonly idHash: string;
  readonly uvci: string;
  readonly owner: string;
  /** Set for a clerk reissue: the issued UVCI that the commit supersedes. */
  readonly replacesUvci?: string;
}

export type ReserveOutcome =
  | { readonly kind: 'reserved'; readonly reservation: Reservation }
  | { readonly kind: 'already-issued'; readonly uvci: string; readonly issuedAt: Date }
  /** Reissue asked for an ID that has no issued certificate. */
  | { readonly kind: 'not-issued' }
  | { readonly kind: 'in-progress' };

export interface StaleRelease {
  readonly idHash: string;
  readonly uvci: string;
  /** release-failed: our own reservation whose release failed (disk full), retried at the next write. */
  readonly reason: 'owner-gone' | 'lease-expired' | 'release-failed';
}

export interface RegistryOptions {
  readonly now?: () => Date;
  /** How long a reservation may stay open; signing takes milliseconds. */
  readonly leaseMs?: number;
  /** Called inside the write transaction for each released stale reservation (audit). */
  readonly onStaleReleased?: (release: StaleRelease) => void;
}

export interface Registry {
  reserve(
    idHash: string,
    kioskId: string,
    newUvci: () => string,
    opts?: { readonly reissue?: boolean },
  ): Result<ReserveOutcome>;
  /** `beforeCommit` runs inside the transaction (audit append); if it throws, nothing commits. */
  commit(reservation: Reservation, beforeCommit?: (issuedAt: Date) => void): Result<{ readonly issuedAt: Date }>;
  release(reservation: Reservation): Result<null>;
  findIssued(idHash: string): Result<{ readonly uvci: string; readonly issuedAt: Date } | undefined>;
  issuedCount(): Result<number>;
  /** Reissues of this ID so far: every reissue leaves the certificate it replaced `superseded`. */
  reissueCount(idHash: string): Result<number>;
  releaseStale(): Result<readonly StaleRelease[]>;
  /** Runs `fn` holding the database's write lock (a cross-process mutex, e.g. for the audit log). */
  exclusive<T>(fn: () => T): T;
  close(): void;
}

/** Runs `fn` holding the database's write lock; re-entrant (a nested transaction is a savepoint). */
export const writeLockOf =
  (db: RegistryDatabase) =>
  <T>(fn: () => T): T =>
    db.transaction(fn).immediate();

export const DEFAULT_LEASE_MS = 2 * 60_000;

export function createRegistry(db: RegistryDatabase, opts: RegistryOptions = {}): Registry {
  const now = opts.now ?? (() => new Date());
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const owner = newReservationOwner();
  const sql = prepareStatements(db);
  /** Own reservations whose release failed (uvci → id hash): released by the next reserve. */
  const unreleased = new Map<string, string>();

  const staleReason = (row: IssuanceRow, at: number): StaleRelease['reason'] | undefined => {
    if (row.reservation_owner === owner && unreleased.has(row.uvci)) return 'release-failed';
    if (row.reservation_owner !== null && !ownerProcessAlive(row.reservation_owner)) return 'owner-gone';
    if ((row.reservation_expires_at ?? 0) <= at) return 'lease-expired';
    return undefined;
  };
  const releaseIfStale = (row: IssuanceRow, at: number): StaleRelease | undefined => {
    const reason = staleReason(row, at);
    if (!reason) return undefined;
    sql.deleteReservation(row.id_hash, row.uvci, row.reservation_owner);
    const release: StaleRelease = { idHash: row.id_hash, uvci: row.uvci, reason };
    opts.onStaleReleased?.(release);
    return release;
  };

  // The reservation commits without waiting for the disk (docs/reliability.md, "Which commits wait for
  // the disk"): a reservation a power cut forgets was never handed out, and the issuing commit's
  // fsync (synchronous=FULL, database.ts) also syncs the WAL frames written before it. SQLite
  // refuses the switch inside a transaction, so a reserve nested in one keeps FULL.
  const withoutFlush = <T>(fn: () => T): T => {
    if (db.inTransaction) return fn();
    const level = db.pragma('synchronous', { simple: true }) as number; // FULL, set by database.ts
    db.pragma('synchronous = NORMAL');
    try {
      return fn();
    } finally {
      db.pragma(`synchronous = ${level}`);
    }
  };

  const guard = <T>(fn: () => Result<T>): Result<T> => {
    try {
      return fn();
    } catch (e) {
      return err(registryErrorCode(e));
    }
  };

  const reserveTx = db.transaction((idHash: string, kioskId: string, newUvci: () => string, reissue: boolean) => {
    const at = now().getTime();
    for (const [uvci, hash] of unreleased) {
      const row = sql.reservedFor(hash);
      if (row?.uvci === uvci) releaseIfStale(row, at);
    }
    const issued = sql.issuedFor(idHash);
    if (issued && !reissue) {
      return { kind: 'already-issued', uvci: issued.uvci, issuedAt: new Date(issued.issued_at ?? 0) } as const;
    }
    if (!issued && reissue) return { kind: 'not-issued' } as const;
    const open = sql.reservedFor(idHash);
    if (open && !releaseIfStale(open, at)) return { kind: 'in-progress' } as const;
    // No UVCI index (migration 004): the opaque part's 124 CSPRNG bits make a repeat practically
    // impossible, and nothing finds a row by its UVCI alone.
    const uvci = newUvci();
    sql.insertReservation({
      idHash,
      uvci,
      kioskId,
      at,
      owner,
      expiresAt: at + leaseMs,
      replaces: issued?.uvci ?? null,
    });
    const reservation: Reservation = issued
      ? { idHash, uvci, owner, replacesUvci: issued.uvci }
      : { idHash, uvci, owner };
    return { kind: 'reserved', reservation } as const;
  });

  const commitTx = db.transaction((r: Reservation, beforeCommit?: (issuedAt: Date) => void) => {
    const issuedAt = now();
    if (r.replacesUvci !== undefined) {
      // Supersede first: the one-issued-per-ID index would reject the new row otherwise.
      if (sql.supersede(issuedAt.getTime(), r.idHash, r.replacesUvci) !== 1) return undefined;
    }
    if (sql.markIssued(issuedAt.getTime(), r.idHash, r.uvci, r.owner) !== 1) {
      throw new ReservationLost();
    }
    beforeCommit?.(issuedAt);
    return issuedAt;
  });

  return {
    reserve: (idHash, kioskId, newUvci, o) =>
      guard(() => {
        const outcome = withoutFlush(() => reserveTx.immediate(idHash, kioskId, newUvci, o?.reissue ?? false));
        unreleased.clear(); // released (or already gone) in the transaction that just committed
        return ok(outcome);
      }),
    commit: (r, beforeCommit) => {
      try {
        const issuedAt = commitTx.immediate(r, beforeCommit);
        // The certificate being replaced was superseded by someone else meanwhile.
        return issuedAt ? ok({ issuedAt }) : err('ISSUANCE_IN_PROGRESS');
      } catch (e) {
        // Our reservation was released as stale (we stalled past the lease): never hand it out.
        if (e instanceof ReservationLost) return err('ISSUANCE_IN_PROGRESS');
        return err(registryErrorCode(e));
      }
    },
    release: (r) => {
      try {
        sql.deleteReservation(r.idHash, r.uvci, r.owner);
        unreleased.delete(r.uvci);
        return ok(null);
      } catch (e) {
        // Left in place it would answer ISSUANCE_IN_PROGRESS until its lease ends (disk full:
        // even this delete can fail). Never handed out, so the next reserve releases it.
        unreleased.set(r.uvci, r.idHash);
        return err(registryErrorCode(e));
      }
    },
    findIssued: (idHash) =>
      guard(() => {
        const row = sql.issuedFor(idHash);
        return ok(row ? { uvci: row.uvci, issuedAt: new Date(row.issued_at ?? 0) } : undefined);
      }),
    issuedCount: () => guard(() => ok(sql.countIssued())),
    reissueCount: (idHash) => guard(() => ok(sql.countSuperseded(idHash))),
    releaseStale: () =>
      guard(() => {
        const released = db
          .transaction(() => {
            const at = now().getTime();
            const found: StaleRelease[] = [];
            for (const row of sql.allReserved()) {
              const release = releaseIfStale(row, at);
              if (release) found.push(release);
            }
            return found;
          })
          .immediate();
        for (const r of released) unreleased.delete(r.uvci);
        return ok(released);
      }),
    exclusive: writeLockOf(db),
    close: () => db.close(),
  };
}

class ReservationLost extends Error {}
