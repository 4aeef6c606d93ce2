// The registry port: what the issuance use case, the clerk and the KioskApi need from a registry,
// whichever engine stands behind it — embedded SQLite for one PC (sqlite-port.ts) or a
// PostgreSQL server shared by a whole fleet of kiosks (pg/pg-registry.ts, docs/fleet.md).
// Every call is async (a network database cannot answer synchronously) and returns a Result;
// an engine that cannot answer fails closed with REGISTRY_UNAVAILABLE and never throws.
import type { AuditEntry } from '../audit/audit-line';
import type { AuditHealth } from '../audit/audit-log';
import type { ErrorCode } from '../errors';
import type { Result } from '../result';
import type { AttemptRule, AttemptScope } from './attempt-limits';
import type { RegistryDatabase } from './database';
import type { Reservation, ReserveOutcome, StaleRelease } from './registry';

export type RegistryKind = 'sqlite' | 'postgres';

/** Crash-test checkpoints inside the commit transaction (core/issuance/issuance-deps.ts, `checkpoint`). */
export interface CommitHooks {
  readonly beforeAudit?: () => void;
  readonly afterAudit?: () => void;
}

export interface IssuanceRegistry {
  readonly kind: RegistryKind;
  reserve(
    idHash: string,
    kioskId: string,
    newUvci: () => string,
    opts?: { readonly reissue?: boolean },
  ): Promise<Result<ReserveOutcome>>;
  /**
   * Marks the reservation issued and writes `audit` in the same transaction: if the audit line
   * cannot be written, nothing commits and the certificate is not handed out.
   */
  commit(
    reservation: Reservation,
    audit: AuditEntry,
    hooks?: CommitHooks,
  ): Promise<Result<{ readonly issuedAt: Date }>>;
  release(reservation: Reservation): Promise<Result<null>>;
  findIssued(idHash: string): Promise<Result<{ readonly uvci: string; readonly issuedAt: Date } | undefined>>;
  issuedCount(): Promise<Result<number>>;
  /** Reissues of this ID so far (clerk.maxReissuesPerId, docs/configuration.md). */
  reissueCount(idHash: string): Promise<Result<number>>;
  releaseStale(): Promise<Result<readonly StaleRelease[]>>;
  close(): Promise<void>;
}

/** One counted attempt, reserved before the slow check it guards (record lookup, PIN hash). */
export interface AttemptTicket {
  readonly scope: AttemptScope;
  readonly key: string;
  readonly id: number;
}

export type LimitCode = Extract<ErrorCode, 'TOO_MANY_ATTEMPTS' | 'CLERK_LOCKED_OUT'>;

export interface AttemptSpec {
  readonly scope: AttemptScope;
  readonly key: string;
  readonly rule: AttemptRule;
}

/**
 * Atomic attempt limits: `reserve` counts the attempt (failed and still running attempts inside
 * the window) and records it as running in one transaction, so concurrent attempts can never
 * all pass a check that each would pass alone. `settle` turns it into a failure or removes it.
 */
export interface AttemptGate {
  /** All or none: one transaction for every key (the ID and the kiosk are counted together). */
  reserve(attempts: readonly AttemptSpec[], limitCode?: LimitCode): Promise<Result<readonly AttemptTicket[]>>;
  /** Read-only: would the next attempt be refused? (to say "locked" right after a failure) */
  check(scope: AttemptScope, key: string, rule: AttemptRule, limitCode?: LimitCode): Promise<Result<null>>;
  /** failed: counts until the window passes; otherwise the attempt is forgotten. */
  settle(tickets: readonly AttemptTicket[], failed: boolean): Promise<Result<null>>;
  /** Forget a key's attempts (a correct clerk PIN). */
  clear(scope: AttemptScope, key: string): Promise<Result<null>>;
  /** Attempts still allowed inside the window (failed and running count), ≥ 0: "Noch 2 Versuche". */
  remaining(scope: AttemptScope, key: string, rule: AttemptRule): Promise<Result<number>>;
}

/**
 * The two ways to write an audit line (docs/audit.md). `AppendInTransaction` throws when the line
 * cannot be written, so the registry change it belongs to rolls back (an issuance, a stale
 * release). `RecordBestEffort` never throws: it logs and counts the failure and goes on (refusals,
 * clerk events, start-up), so a full audit disk does not fail a citizen's request.
 */
export type AppendInTransaction = (entry: AuditEntry) => void;
export type RecordBestEffort = (entry: AuditEntry) => void;

/** What an engine gives the kiosk runtime. */
export interface RegistryEngine {
  readonly registry: IssuanceRegistry;
  readonly attempts: AttemptGate;
  /** Appends an audit line; throws (or rejects) on failure. */
  readonly appendAudit: (entry: AuditEntry) => void | Promise<void>;
  readonly hashId: (normalizedId: string) => string;
  /** The file audit log's size alarm and its pending aggregated refusals (docs/audit.md). */
  readonly auditHealth?: () => AuditHealth;
  readonly flushAudit?: () => void;
  /** The embedded engine's database, for read-only aggregate metrics (core/metrics/sqlite-probes.ts). */
  readonly database?: RegistryDatabase;
  /** The fleet registry's clerk accounts (core/registry/pg/pg-clerks.ts): a clerk id → peppered PIN hash. */
  readonly clerkPinHash?: (clerkId: string) => Promise<Result<string | undefined>>;
}
