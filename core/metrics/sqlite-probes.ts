// Registry probes for the metrics that need more than the Registry port offers, read straight
// from the SQLite registry (core/registry/migrations): attempt-limit locks currently active and
// open reservations. Read-only, aggregate counts: no ID hash leaves the database.
import type { AttemptRule } from '../registry/attempt-limits';
import type { RegistryDatabase } from '../registry/database';
import type { LOCK_SCOPES } from './kiosk-metrics';

type Scope = (typeof LOCK_SCOPES)[number];

export function createSqliteProbes(db: RegistryDatabase, rules: Readonly<Record<Scope, AttemptRule>>, now: () => Date) {
  // Same rule as the limiter (core/registry/attempt-limits.ts): at the limit while `max` failures lie in
  // the window (locked, or for a `delay` rule waiting or one wrong entry from a wait).
  const locked = db.prepare<[string, number, number], { n: number }>(
    `SELECT count(*) AS n FROM
       (SELECT key FROM failed_attempt WHERE scope = ? AND at > ? GROUP BY key HAVING count(*) >= ?)`,
  );
  // state 0 = reserved (core/registry/issuance-schema.ts); the partial index of migration 004 counts them.
  const open = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM issuance WHERE state = 0');
  return {
    locks: (): Record<Scope, number> => {
      const at = now().getTime();
      const count = (scope: Scope) =>
        locked.get(scope, at - rules[scope].windowSeconds * 1000, rules[scope].max)?.n ?? 0;
      return { id: count('id'), kiosk: count('kiosk'), clerk: count('clerk') };
    },
    openReservations: (): number => open.get()?.n ?? 0,
  };
}
