// Brute-force limits (docs/configuration.md): failed attempts counted per ID hash, per kiosk and per clerk PIN
// in sliding windows, stored in the registry database (migration 002) so a restart does not
// reset them. A limited key gets TOO_MANY_ATTEMPTS (or CLERK_LOCKED_OUT) with `limitDetails`: the
// scope that refused ('id', 'kiosk' or 'clerk'), when the limit lifts (ISO time) and the seconds
// until then — never the key (an ID hash or kiosk id). `remaining` says how many tries are left.
// `reserve` counts and records a running attempt in one `BEGIN IMMEDIATE` transaction (one
// writer across every process sharing the file), so concurrent attempts cannot all slip past a
// check-then-act gap (migration 003). A running attempt whose process dies keeps counting
// until its window passes: failing closed costs one attempt, never opens the limit.
import type { ErrorCode } from '../errors';
import type { Result } from '../result';
import { err, ok } from '../result';
import type { RegistryDatabase } from './database';
import { registryErrorCode } from './sqlite-errors';

export type AttemptScope = 'id' | 'kiosk' | 'clerk';

export interface AttemptRule {
  /** Failures allowed inside the window; the next attempt is refused. */
  readonly max: number;
  readonly windowSeconds: number;
}

export interface AttemptLimiter {
  /** ok(null) when `key` may try again; else `limitCode` with details.retryAfterSeconds. */
  check(
    scope: AttemptScope,
    key: string,
    rule: AttemptRule,
    limitCode?: Extract<ErrorCode, 'TOO_MANY_ATTEMPTS' | 'CLERK_LOCKED_OUT'>,
  ): Result<null>;
  recordFailure(scope: AttemptScope, key: string): Result<null>;
  /** Forget a key's failures (a correct clerk PIN). */
  clear(scope: AttemptScope, key: string): Result<null>;
  /** Attempts `key` may still make inside the window (failed and running ones count), ≥ 0. */
  remaining(scope: AttemptScope, key: string, rule: AttemptRule): Result<number>;
  /** Counts failed + running attempts of each key; when all are below `rule.max`, records a running one each (row ids). */
  reserve(
    attempts: readonly { readonly scope: AttemptScope; readonly key: string; readonly rule: AttemptRule }[],
    limitCode?: Extract<ErrorCode, 'TOO_MANY_ATTEMPTS' | 'CLERK_LOCKED_OUT'>,
  ): Result<number[]>;
  /** Running attempts become failures (`failed`) or are removed. */
  settle(ids: readonly number[], failed: boolean): Result<null>;
}

/** Rows older than this are pruned; no configured window may be longer. */
export const MAX_WINDOW_SECONDS = 30 * 24 * 3600;

/**
 * The details of a limit refusal, the same in every engine (SQLite, PostgreSQL, memory fallback):
 * which scope refused, when the limit lifts (`until`, ISO 8601 UTC) and the seconds until then.
 * Nothing about the key itself (docs/configuration.md, "Attempt limits").
 */
export function limitDetails(scope: AttemptScope, liftsAtMs: number, nowMs: number) {
  const retryAfterSeconds = Math.max(1, Math.ceil((liftsAtMs - nowMs) / 1000));
  return { retryAfterSeconds, scope, until: new Date(nowMs + retryAfterSeconds * 1000).toISOString() };
}

export function createAttemptLimiter(db: RegistryDatabase, now: () => Date = () => new Date()): AttemptLimiter {
  // The max-th most recent failure inside the window: while it exists, the key is limited, and
  // the limit lifts when it leaves the window.
  const nthRecent = db.prepare<[string, string, number, number], { at: number }>(
    'SELECT at FROM failed_attempt WHERE scope = ? AND key = ? AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?',
  );
  const insert = db.prepare<[string, string, number]>('INSERT INTO failed_attempt (scope, key, at) VALUES (?, ?, ?)');
  const prune = db.prepare<[number]>('DELETE FROM failed_attempt WHERE at <= ?');
  const countRecent = db.prepare<[string, string, number], { n: number }>(
    'SELECT COUNT(*) AS n FROM failed_attempt WHERE scope = ? AND key = ? AND at > ?',
  );
  const clearKey = db.prepare<[string, string]>('DELETE FROM failed_attempt WHERE scope = ? AND key = ?');
  const insertRunning = db.prepare<[string, string, number]>(
    "INSERT INTO failed_attempt (scope, key, at, state) VALUES (?, ?, ?, 'running')",
  );
  const markFailed = db.prepare<[number]>(
    "UPDATE failed_attempt SET state = 'failed' WHERE id = ? AND state = 'running'",
  );
  const removeRunning = db.prepare<[number]>("DELETE FROM failed_attempt WHERE id = ? AND state = 'running'");
  let lastPrune = 0;

  /** err(limitCode) while the max-th most recent attempt is inside the window. */
  const limited = (scope: AttemptScope, key: string, rule: AttemptRule, limitCode: string, at: number) => {
    const windowMs = rule.windowSeconds * 1000;
    const row = nthRecent.get(scope, key, at - windowMs, Math.max(0, rule.max - 1));
    if (!row) return undefined;
    return err(limitCode as 'TOO_MANY_ATTEMPTS', limitDetails(scope, row.at + windowMs, at));
  };
  const reserveTx = db.transaction(
    (
      attempts: readonly { scope: AttemptScope; key: string; rule: AttemptRule }[],
      limitCode: string,
    ): Result<number[]> => {
      const at = now().getTime();
      for (const a of attempts) {
        const refused = limited(a.scope, a.key, a.rule, limitCode, at);
        if (refused) return refused;
      }
      return ok(attempts.map((a) => Number(insertRunning.run(a.scope, a.key, at).lastInsertRowid)));
    },
  );
  const settleTx = db.transaction((ids: readonly number[], failed: boolean) => {
    for (const id of ids) (failed ? markFailed : removeRunning).run(id);
  });

  const guard = (fn: () => Result<null>): Result<null> => {
    try {
      return fn();
    } catch (e) {
      return err(registryErrorCode(e));
    }
  };

  return {
    check: (scope, key, rule, limitCode = 'TOO_MANY_ATTEMPTS') =>
      guard(() => limited(scope, key, rule, limitCode, now().getTime()) ?? ok(null)),
    reserve: (attempts, limitCode = 'TOO_MANY_ATTEMPTS') => {
      try {
        return reserveTx.immediate(attempts, limitCode);
      } catch (e) {
        return err(registryErrorCode(e));
      }
    },
    settle: (ids, failed) =>
      guard(() => {
        if (ids.length > 0) settleTx.immediate(ids, failed);
        return ok(null);
      }),
    recordFailure: (scope, key) =>
      guard(() => {
        const at = now().getTime();
        insert.run(scope, key, at);
        if (at - lastPrune > 3600_000) {
          prune.run(at - MAX_WINDOW_SECONDS * 1000);
          lastPrune = at;
        }
        return ok(null);
      }),
    clear: (scope, key) =>
      guard(() => {
        clearKey.run(scope, key);
        return ok(null);
      }),
    remaining: (scope, key, rule) => {
      try {
        const row = countRecent.get(scope, key, now().getTime() - rule.windowSeconds * 1000);
        return ok(Math.max(0, rule.max - (row?.n ?? 0)));
      } catch (e) {
        return err(registryErrorCode(e));
      }
    },
  };
}
