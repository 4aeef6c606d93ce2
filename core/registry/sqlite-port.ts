// The embedded SQLite engine behind the registry port (registry-port.ts): the synchronous
// registry (registry.ts), attempt limits (attempt-limits.ts) and the file audit log
// (core/audit/audit-log.ts), whose lines are appended inside the registry's write transaction.
// better-sqlite3 answers synchronously, so each promise is already settled when returned.
import type { AttemptLimiter } from './attempt-limits';
import type { Registry } from './registry';
import type { AppendInTransaction, AttemptGate, IssuanceRegistry } from './registry-port';
import { ok } from '../result';

export function sqliteIssuanceRegistry(
  registry: Registry,
  appendInTransaction: AppendInTransaction,
  onClose?: () => void,
): IssuanceRegistry {
  return {
    kind: 'sqlite',
    reserve: async (idHash, kioskId, newUvci, opts) => registry.reserve(idHash, kioskId, newUvci, opts),
    commit: async (reservation, entry, hooks) =>
      registry.commit(reservation, () => {
        hooks?.beforeAudit?.();
        appendInTransaction(entry);
        hooks?.afterAudit?.();
      }),
    release: async (r) => registry.release(r),
    findIssued: async (idHash) => registry.findIssued(idHash),
    reissueCount: async (idHash) => registry.reissueCount(idHash),
    issuedCount: async () => registry.issuedCount(),
    releaseStale: async () => registry.releaseStale(),
    close: async () => {
      registry.close();
      onClose?.();
    },
  };
}

export function sqliteAttemptGate(limiter: AttemptLimiter): AttemptGate {
  return {
    reserve: async (attempts, limitCode) => {
      const ids = limiter.reserve(attempts, limitCode);
      return ids.ok ? ok(attempts.map((a, i) => ({ scope: a.scope, key: a.key, id: ids.value[i]! }))) : ids;
    },
    check: async (scope, key, rule, limitCode) => limiter.check(scope, key, rule, limitCode),
    settle: async (tickets, failed) =>
      limiter.settle(
        tickets.map((t) => t.id),
        failed,
      ),
    clear: async (scope, key) => limiter.clear(scope, key),
    remaining: async (scope, key, rule) => limiter.remaining(scope, key, rule),
  };
}
