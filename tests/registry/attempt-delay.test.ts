// A growing delay instead of a lock (core/registry/attempt-limits.ts limitLiftsAt, docs/configuration.md
// "Attempt limits"), the same in every engine: SQLite, PostgreSQL (a real throwaway server,
// tests/support/pg-cluster.ts) and the memory fallback the clerk PIN uses while the registry is down.
// After `max` wrong entries the next waits firstSeconds after the latest, doubling per further wrong
// entry up to maxSeconds; the wait lifts by itself, and when it lifts exactly one of many concurrent
// attempts gets through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createLogger, memorySink } from '../../core/log/logger';
import { createAttemptLimiter, limitLiftsAt, type AttemptRule } from '../../core/registry/attempt-limits';
import { openRegistryDatabase } from '../../core/registry/database';
import { withMemoryFallback } from '../../core/registry/fallback-attempts';
import { openPgEngine } from '../../core/registry/pg/pg-engine';
import type { AttemptGate } from '../../core/registry/registry-port';
import { sqliteAttemptGate } from '../../core/registry/sqlite-port';
import { err } from '../../core/result';
import { makeDirs } from '../issuance/kiosk-helpers';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';
import { tempDir } from './helpers';

const rule: AttemptRule = { max: 3, windowSeconds: 3600, delay: { firstSeconds: 30, maxSeconds: 100 } };
const T0 = Date.parse('2026-12-02T09:00:00Z');

describe('limitLiftsAt', () => {
  it('locks until the max-th newest leaves the window, or waits first × 2^(n − max) after the newest, capped', () => {
    const hard = { max: 3, windowSeconds: 3600 };
    expect(limitLiftsAt(hard, [T0 + 2000, T0 + 1000], T0 + 2000)).toBeUndefined();
    expect(limitLiftsAt(hard, [T0 + 2000, T0 + 1000, T0], T0 + 2000)).toBe(T0 + 3600_000);
    expect(limitLiftsAt(rule, [T0 + 2000, T0 + 1000, T0], T0 + 2000)).toBe(T0 + 32_000);
    expect(limitLiftsAt(rule, [T0 + 32_000, T0 + 2000, T0 + 1000, T0], T0 + 32_000)).toBe(T0 + 92_000);
    const many = Array.from({ length: 9 }, (_, i) => T0 - i * 1000);
    expect(limitLiftsAt(rule, many, T0)).toBe(T0 + 100_000);
    expect(limitLiftsAt(rule, many, T0 + 100_000)).toBeUndefined();
  });
});

type Clock = { at: number };
type Engine = { gate: AttemptGate; close: () => Promise<void> };

const skipPg = pgSkipReason();
if (skipPg) console.info(`PostgreSQL delay tests skipped: ${skipPg}`);
const dirs = makeDirs();
let cluster: PgCluster | undefined;
beforeAll(async () => {
  if (!skipPg) cluster = await startPgCluster();
});
afterAll(() => {
  cluster?.destroy();
  dirs.cleanup();
});

function sqlite(clock: Clock): Engine {
  const t = tempDir();
  const db = openRegistryDatabase(join(t.dir, 'r.sqlite'));
  if (!db.ok) throw new Error(db.error.code);
  const gate = sqliteAttemptGate(createAttemptLimiter(db.value, () => new Date(clock.at)));
  return {
    gate,
    close: async () => {
      db.value.close();
      t.cleanup();
    },
  };
}

let pgDbs = 0;
async function postgres(clock: Clock): Promise<Engine> {
  const cfg = await pgRegistryConfig(cluster!, `delay_${++pgDbs}`, dirs.configDir);
  const e = await openPgEngine({
    ...cfg,
    poolSize: 4,
    deadlineMs: 10_000,
    kioskId: 'kiosk-delay',
    now: () => new Date(clock.at),
    log: createLogger({ sink: memorySink(), level: 'error' }),
  });
  if (!e.ok) throw new Error(JSON.stringify(e.error));
  return { gate: e.value.attempts, close: () => e.value.registry.close() };
}

/** The fallback alone: a primary that is always down. */
function memory(clock: Clock): Engine {
  const down = async () => err('REGISTRY_UNAVAILABLE');
  const primary: AttemptGate = { reserve: down, check: down, settle: down, clear: down, remaining: down };
  return { gate: withMemoryFallback(primary, () => new Date(clock.at)), close: async () => undefined };
}

const engines: [string, (c: Clock) => Engine | Promise<Engine>, boolean][] = [
  ['SQLite', sqlite, false],
  ['PostgreSQL', postgres, skipPg !== undefined],
  ['memory fallback', memory, false],
];

/** One wrong entry at clock.at: refused (its details) or counted as a failure (null). */
async function wrongEntry(gate: AttemptGate) {
  const r = await gate.reserve([{ scope: 'kiosk', key: 'kiosk-delay', rule }]);
  if (!r.ok) return r.error;
  await gate.settle(r.value, true);
  return null;
}

describe.each(engines)('a growing delay on %s', (_name, open, skip) => {
  it.skipIf(skip)('waits 30 s, then 60 s, then the 100 s cap after the newest wrong entry', async () => {
    const clock = { at: T0 };
    const { gate, close } = await open(clock);
    try {
      const outcomes = [];
      for (const s of [0, 1, 2]) {
        clock.at = T0 + s * 1000;
        outcomes.push(await wrongEntry(gate));
      }
      expect(outcomes).toEqual([null, null, null]);
      const until = (s: number) => new Date(T0 + s * 1000).toISOString();
      const refusal = (retryAfterSeconds: number, at: number) => ({
        code: 'TOO_MANY_ATTEMPTS',
        details: { retryAfterSeconds, scope: 'kiosk', until: until(at), delay: true },
      });
      expect(await wrongEntry(gate)).toEqual(refusal(30, 32));
      clock.at = T0 + 31_500;
      // `until` is the end itself, to the second; the seconds to wait are rounded up.
      expect(await wrongEntry(gate)).toEqual(refusal(1, 32));
      clock.at = T0 + 32_000;
      expect(await wrongEntry(gate)).toBeNull();
      expect(await gate.check('kiosk', 'kiosk-delay', rule)).toEqual({ ok: false, error: refusal(60, 92) });
      clock.at = T0 + 92_000;
      expect(await wrongEntry(gate)).toBeNull();
      expect(await gate.check('kiosk', 'kiosk-delay', rule)).toEqual({ ok: false, error: refusal(100, 192) });
      // A right entry after the wait is not counted: the delay stays where it was.
      clock.at = T0 + 192_000;
      const right = await gate.reserve([{ scope: 'kiosk', key: 'kiosk-delay', rule }]);
      if (!right.ok) throw new Error(right.error.code);
      await gate.settle(right.value, false);
      expect((await gate.check('kiosk', 'kiosk-delay', rule)).ok).toBe(true);
      // Once the window has passed the first wrong entries, fewer than max remain: no wait.
      clock.at = T0 + 3600_000 + 32_500;
      expect((await gate.check('kiosk', 'kiosk-delay', rule)).ok).toBe(true);
    } finally {
      await close();
    }
  });

  it.skipIf(skip)('when a wait ends, one of 50 concurrent attempts gets through, the rest wait again', async () => {
    const clock = { at: T0 };
    const { gate, close } = await open(clock);
    try {
      for (let i = 0; i < 3; i++) expect(await wrongEntry(gate)).toBeNull();
      clock.at = T0 + 30_000;
      const results = await Promise.all(
        Array.from({ length: 50 }, () => gate.reserve([{ scope: 'kiosk', key: 'kiosk-delay', rule }])),
      );
      const through = results.filter((r) => r.ok);
      expect(through).toHaveLength(1);
      // The one running attempt counts: the others are told to wait 60 s after it.
      expect(new Set(results.flatMap((r) => (r.ok ? [] : [r.error.details?.retryAfterSeconds])))).toEqual(
        new Set([60]),
      );
    } finally {
      await close();
    }
  });
});
