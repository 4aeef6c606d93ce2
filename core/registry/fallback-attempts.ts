// The clerk PIN limit while the registry cannot be reached. The clerk must still be able to unlock
// and see *why* the kiosk refuses (the clerk status names the registry and its code), so when the
// registry answers REGISTRY_UNAVAILABLE the PIN attempts are counted in this process's memory
// instead: atomic (one synchronous step), the same rule, but forgotten at a restart. Only the
// clerk PIN uses this; issuance never falls back (no registry, no certificate).
import { err, ok, type Result } from '../result';
import { limitDetails, limitLiftsAt, type AttemptRule, type AttemptScope } from './attempt-limits';
import type { AttemptGate, AttemptTicket } from './registry-port';

interface Attempt {
  readonly id: number;
  readonly at: number;
  failed: boolean;
}

export function withMemoryFallback(primary: AttemptGate, now: () => Date = () => new Date()): AttemptGate {
  const attempts = new Map<string, Attempt[]>();
  let nextId = -1; // negative ids: memory tickets, never confused with database rows
  const keyOf = (scope: AttemptScope, key: string) => `${scope}:${key}`;
  const limited = (scope: AttemptScope, key: string, rule: AttemptRule, code: string, at: number) => {
    const windowMs = rule.windowSeconds * 1000;
    const live = (attempts.get(keyOf(scope, key)) ?? []).filter((a) => a.at > at - windowMs);
    attempts.set(keyOf(scope, key), live);
    const newestFirst = live.map((a) => a.at).sort((a, b) => b - a);
    const liftsAt = limitLiftsAt(rule, newestFirst, at);
    if (liftsAt === undefined) return undefined;
    return err(code as 'CLERK_LOCKED_OUT', limitDetails(scope, liftsAt, at, rule));
  };
  const down = (r: Result<unknown>) => !r.ok && r.error.code === 'REGISTRY_UNAVAILABLE';
  const inMemory = (tickets: readonly AttemptTicket[]) => tickets.filter((t) => t.id < 0);

  return {
    async reserve(specs, code = 'TOO_MANY_ATTEMPTS') {
      const r = await primary.reserve(specs, code);
      if (!down(r)) return r;
      const at = now().getTime();
      for (const s of specs) {
        const refused = limited(s.scope, s.key, s.rule, code, at);
        if (refused) return refused;
      }
      return ok(
        specs.map((s) => {
          const a: Attempt = { id: nextId--, at, failed: false };
          attempts.get(keyOf(s.scope, s.key))!.push(a);
          return { scope: s.scope, key: s.key, id: a.id };
        }),
      );
    },
    async check(scope, key, rule, code = 'TOO_MANY_ATTEMPTS') {
      const r = await primary.check(scope, key, rule, code);
      return down(r) ? (limited(scope, key, rule, code, now().getTime()) ?? ok(null)) : r;
    },
    async settle(tickets, failed) {
      for (const t of inMemory(tickets)) {
        const list = attempts.get(keyOf(t.scope, t.key)) ?? [];
        const i = list.findIndex((a) => a.id === t.id);
        if (i >= 0 && failed) list[i]!.failed = true;
        else if (i >= 0) list.splice(i, 1);
      }
      const stored = tickets.filter((t) => t.id >= 0);
      return stored.length > 0 ? primary.settle(stored, failed) : ok(null);
    },
    async clear(scope, key) {
      attempts.delete(keyOf(scope, key));
      const r = await primary.clear(scope, key);
      return down(r) ? ok(null) : r;
    },
    async remaining(scope, key, rule) {
      const r = await primary.remaining(scope, key, rule);
      if (!down(r)) return r;
      const since = now().getTime() - rule.windowSeconds * 1000;
      return ok(Math.max(0, rule.max - (attempts.get(keyOf(scope, key)) ?? []).filter((a) => a.at > since).length));
    },
  };
}
