// Atomic attempt limits on PostgreSQL, shared by the fleet (registry-port.ts, AttemptGate): a
// transaction-scoped advisory lock per (scope, key) serialises every kiosk's reserve for that
// key, then failed and running attempts inside the window are counted and, below the limit, a
// running one is inserted. Per-ID limits are therefore fleet-wide; the kiosk and clerk keys are
// the kiosk id. A running attempt of a vanished kiosk counts until its window passes.
// `reserve` takes 4 round trips: BEGIN with the locks, one read of every key's recent attempts, one
// insert of the running attempts, COMMIT.
import type { Result } from '../../result';
import { err, ok } from '../../result';
import {
  limitDetails,
  limitLiftsAt,
  MAX_WINDOW_SECONDS,
  recentAttemptsToRead,
  type AttemptRule,
  type AttemptScope,
} from '../attempt-limits';
import type { AttemptGate, AttemptTicket, LimitCode } from '../registry-port';
import { LOCK_CLASS } from './pg-audit';
import type { PgClient, PgConnection } from './pg-connection';

/**
 * Every key's newest attempts inside its window, as one statement sent after the locks' statements
 * (so its snapshot holds every attempt the locks' previous holders wrote). Whether a key is limited
 * is then decided by limitLiftsAt, the one rule of every engine (a lock or a growing delay).
 */
const RECENT = `
  SELECT r.n::int AS n,
         ARRAY(SELECT a.at FROM attempt a WHERE a.scope = r.scope AND a.key = r.key AND a.at > r.since
               ORDER BY a.at DESC LIMIT r.lim) AS ats
  FROM unnest($1::text[], $2::text[], $3::bigint[], $4::int[]) WITH ORDINALITY AS r(scope, key, since, lim, n)`;

/** One running attempt per key, in the caller's order, when no key refused. */
const INSERT_RUNNING = `
  INSERT INTO attempt (scope, key, at, state)
  SELECT scope, key, $3::bigint, 'running' FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS r(scope, key, n)
  ORDER BY n
  RETURNING id, scope, key`;

export function createPgAttemptGate(conn: PgConnection, now: () => Date): AttemptGate {
  let lastPrune = 0;
  const limited = async (
    c: PgClient,
    scope: AttemptScope,
    key: string,
    rule: AttemptRule,
    code: LimitCode,
    at: number,
  ) => {
    const rows = await c.query<{ at: string }>(
      'SELECT at FROM attempt WHERE scope = $1 AND key = $2 AND at > $3 ORDER BY at DESC LIMIT $4',
      [scope, key, at - rule.windowSeconds * 1000, recentAttemptsToRead(rule)],
    );
    const liftsAt = limitLiftsAt(
      rule,
      rows.rows.map((r) => Number(r.at)),
      at,
    );
    if (liftsAt === undefined) return undefined;
    return err(code, limitDetails(scope, liftsAt, at, rule));
  };
  return {
    reserve: (attempts, code = 'TOO_MANY_ATTEMPTS') => {
      // Locks in a fixed order (sorted) so two kiosks reserving overlapping keys cannot deadlock.
      const keys = [...new Set(attempts.map((a) => `${a.scope}:${a.key}`))].sort();
      const locks = keys.map((key) => ({ cls: LOCK_CLASS.attempt, key }));
      return conn.tx(
        async (c): Promise<Result<readonly AttemptTicket[]>> => {
          const at = now().getTime();
          const recent = await c.query<{ n: number; ats: string[] }>(RECENT, [
            attempts.map((a) => a.scope),
            attempts.map((a) => a.key),
            attempts.map((a) => at - a.rule.windowSeconds * 1000),
            attempts.map((a) => recentAttemptsToRead(a.rule)),
          ]);
          // The first attempt (in the caller's order) at its limit answers, as when checked one by one.
          for (const row of [...recent.rows].sort((x, y) => x.n - y.n)) {
            const a = attempts[row.n - 1]!;
            const liftsAt = limitLiftsAt(a.rule, row.ats.map(Number), at);
            if (liftsAt !== undefined) return err(code, limitDetails(a.scope, liftsAt, at, a.rule));
          }
          const rows = (
            await c.query<{ id: string; scope: string; key: string }>(INSERT_RUNNING, [
              attempts.map((a) => a.scope),
              attempts.map((a) => a.key),
              at,
            ])
          ).rows;
          // Tickets of one scope and key are interchangeable; RETURNING's order is not promised.
          const ids = new Map<string, number[]>();
          for (const r of rows) {
            const k = `${r.scope}:${r.key}`;
            ids.set(k, [...(ids.get(k) ?? []), Number(r.id)]);
          }
          const tickets = attempts.map((a) => ({
            scope: a.scope,
            key: a.key,
            id: ids.get(`${a.scope}:${a.key}`)!.shift()!,
          }));
          if (at - lastPrune > 3600_000) {
            lastPrune = at;
            await c.query('DELETE FROM attempt WHERE at <= $1', [at - MAX_WINDOW_SECONDS * 1000]);
          }
          return ok(tickets);
          // Like the SQLite engine's attempt connection (synchronous=NORMAL): a server crash may forget
          // the last few counts, never an issued certificate; a lost running attempt cannot count.
        },
        locks,
        { flushLater: true },
      );
    },
    check: (scope, key, rule, code = 'TOO_MANY_ATTEMPTS') =>
      conn.read(async (c) => (await limited(c, scope, key, rule, code, now().getTime())) ?? ok(null)),
    settle: (tickets, failed) =>
      conn.read(async (c): Promise<Result<null>> => {
        if (tickets.length === 0) return ok(null);
        await c.query(
          failed
            ? "UPDATE attempt SET state = 'failed' WHERE id = ANY($1::bigint[]) AND state = 'running'"
            : "DELETE FROM attempt WHERE id = ANY($1::bigint[]) AND state = 'running'",
          [tickets.map((t) => t.id)],
        );
        return ok(null);
      }),
    clear: (scope, key) =>
      conn.read(async (c): Promise<Result<null>> => {
        await c.query('DELETE FROM attempt WHERE scope = $1 AND key = $2', [scope, key]);
        return ok(null);
      }),
    remaining: (scope, key, rule) =>
      conn.read(async (c): Promise<Result<number>> => {
        const row = await c.query<{ n: string }>(
          'SELECT COUNT(*) AS n FROM attempt WHERE scope = $1 AND key = $2 AND at > $3',
          [scope, key, now().getTime() - rule.windowSeconds * 1000],
        );
        return ok(Math.max(0, rule.max - Number(row.rows[0]?.n ?? 0)));
      }),
  };
}
