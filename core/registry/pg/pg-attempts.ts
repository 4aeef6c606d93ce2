// Atomic attempt limits on PostgreSQL, shared by the fleet (registry-port.ts, AttemptGate): a
// transaction-scoped advisory lock per (scope, key) serialises every kiosk's reserve for that
// key, then failed and running attempts inside the window are counted and, below the limit, a
// running one is inserted. Per-ID limits are therefore fleet-wide; the kiosk and clerk keys are
// the kiosk id. A running attempt of a vanished kiosk counts until its window passes.
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
    reserve: (attempts, code = 'TOO_MANY_ATTEMPTS') =>
      conn.tx(async (c): Promise<Result<readonly AttemptTicket[]>> => {
        const at = now().getTime();
        // Locks in a fixed order (sorted) so two kiosks reserving overlapping keys cannot deadlock.
        const keys = [...new Set(attempts.map((a) => `${a.scope}:${a.key}`))].sort();
        for (const k of keys) await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.attempt, k]);
        for (const a of attempts) {
          const refused = await limited(c, a.scope, a.key, a.rule, code, at);
          if (refused) return refused;
        }
        const tickets: AttemptTicket[] = [];
        for (const a of attempts) {
          const row = await c.query<{ id: string }>(
            "INSERT INTO attempt (scope, key, at, state) VALUES ($1, $2, $3, 'running') RETURNING id",
            [a.scope, a.key, at],
          );
          tickets.push({ scope: a.scope, key: a.key, id: Number(row.rows[0]!.id) });
        }
        if (at - lastPrune > 3600_000) {
          lastPrune = at;
          await c.query('DELETE FROM attempt WHERE at <= $1', [at - MAX_WINDOW_SECONDS * 1000]);
        }
        return ok(tickets);
      }),
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
