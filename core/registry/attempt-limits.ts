// Brute-force limits (docs/configuration.md): failed attempts counted per ID hash, per kiosk and per clerk PIN
// in sliding windows (a lock until the window passes, or a growing delay: limitLiftsAt), stored in the registry database (migration 002) so a restart does not
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
  /**
   * A growing delay instead of a lock for the rest of the window: with `max` or more failures in
   * the window, the next attempt waits `firstSeconds` after the latest one, doubling with every
   * further failure up to `maxSeconds` (docs/configuration.md, "Attempt limits").
   */
  readonly delay?: AttemptDelay;
}

export interface AttemptDelay {
  readonly firstSeconds: number;
  readonly maxSeconds: number;
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

/** Attempts read per key: enough for any lock (`max`) and for a delay that has reached its cap. */
export const recentAttemptsToRead = (rule: AttemptRule): number => rule.max + 64;

/**
 * When a key may try again, from the times of its attempts inside the window (newest first, at most
 * recentAttemptsToRead): undefined when it may now. Locked: until the max-th newest leaves the
 * window. Delayed: `firstSeconds × 2^(attempts − max)` after the newest, capped at `maxSeconds`.
 * The one rule of every engine (SQLite, PostgreSQL, the memory fallback).
 */
export function limitLiftsAt(rule: AttemptRule, newestFirst: readonly number[], nowMs: number): number | undefined {
  if (newestFirst.length < rule.max) return undefined;
  const liftsAt = rule.delay
    ? newestFirst[0]! +
      Math.min(rule.delay.maxSeconds, rule.delay.firstSeconds * 2 ** (newestFirst.length - rule.max)) * 1000
    : newestFirst[rule.max - 1]! + rule.windowSeconds * 1000;
  return liftsAt > nowMs ? liftsAt : undefined;
}

/**
 * The details of a limit refusal, the same in every engine (SQLite, PostgreSQL, memory fallback):
 * which scope refused, when the limit lifts (`until`, ISO 8601 UTC) and the seconds until then.
 * Nothing about the key itself (docs/configuration.md, "Attempt limits").
 */
export function limitDetails(
  scope: AttemptScope,
  liftsAtMs: number,
  nowMs: number,
  rule?: AttemptRule,
): Readonly<Record<string, string | number | boolean>> {
  const retryAfterSeconds = Math.max(1, Math.ceil((liftsAtMs - nowMs) / 1000));
  // The lift rounded up to the whole second: every screen shows the same time, and a person who
  // comes back at the second shown is let in.
  const until = new Date(Math.ceil(Math.max(liftsAtMs, nowMs + 1) / 1000) * 1000).toISOString();
  // `delay`: a short wait that lifts by itself, worded as "please wait", not as a lock.
  return rule?.delay ? { retryAfterSeconds, scope, until, delay: true } : { retryAfterSeconds, scope, until };
}

export function createAttemptLimiter(db: RegistryDatabase, now: () => Date = () => new Date()): AttemptLimiter {
  const recent = db
    .prepare<[string, string, number, number], number>(
      'SELECT at FROM failed_attempt WHERE scope = ? AND key = ? AND at > ? ORDER BY at DESC LIMIT ?',
    )
    .pluck();
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
    const times = recent.all(scope, key, at - rule.windowSeconds * 1000, recentAttemptsToRead(rule));
    const liftsAt = limitLiftsAt(rule, times, at);
    if (liftsAt === undefined) return undefined;
    return err(limitCode as 'TOO_MANY_ATTEMPTS', limitDetails(scope, liftsAt, at, rule));
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
