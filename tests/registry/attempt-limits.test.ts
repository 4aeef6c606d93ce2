// Attempt limits: failures per key in a sliding window, stored in the registry so that a
// restart (reopening the database) does not reset them.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createAttemptLimiter } from '../../core/registry/attempt-limits';
import { openRegistryDatabase } from '../../core/registry/database';
import { tempDir } from './helpers';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

const rule = { max: 3, windowSeconds: 3600 };

function open(path: string, now: () => Date) {
  const db = openRegistryDatabase(path);
  if (!db.ok) throw new Error(db.error.code);
  return { db: db.value, limiter: createAttemptLimiter(db.value, now) };
}

describe('attempt limits', () => {
  it('refuses after max failures with the seconds until the oldest counted failure leaves the window', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    let now = new Date('2021-08-01T10:00:00Z');
    const { limiter } = open(join(t.dir, 'r.sqlite'), () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('id', 'abc', rule)).toEqual({ ok: true, value: null });
      limiter.recordFailure('id', 'abc');
      now = new Date(now.getTime() + 60_000);
    }
    // Failures at 10:00, 10:01, 10:02; now 10:03 → the 10:00 one leaves the window at 11:00.
    expect(limiter.check('id', 'abc', rule)).toEqual({
      ok: false,
      error: {
        code: 'TOO_MANY_ATTEMPTS',
        details: { retryAfterSeconds: 57 * 60, scope: 'id', until: '2021-08-01T11:00:00.000Z' },
      },
    });
    expect(limiter.check('id', 'other', rule).ok).toBe(true);
    expect(limiter.check('kiosk', 'abc', rule).ok).toBe(true);
    now = new Date('2021-08-01T11:00:00.001Z');
    expect(limiter.check('id', 'abc', rule).ok).toBe(true);
  });

  it('survives a restart', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'r.sqlite');
    const now = () => new Date('2021-08-01T10:00:00Z');
    const first = open(path, now);
    for (let i = 0; i < 3; i++) first.limiter.recordFailure('kiosk', 'kiosk-a');
    first.db.close();
    const second = open(path, now);
    const checked = second.limiter.check('kiosk', 'kiosk-a', rule);
    expect(checked.ok ? 'allowed' : checked.error.code).toBe('TOO_MANY_ATTEMPTS');
    second.db.close();
  });

  it('clear forgets a key (a correct clerk PIN), and the clerk code is CLERK_LOCKED_OUT', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const { limiter, db } = open(join(t.dir, 'r.sqlite'), () => new Date('2021-08-01T10:00:00Z'));
    for (let i = 0; i < 3; i++) limiter.recordFailure('clerk', 'kiosk-a');
    const locked = limiter.check('clerk', 'kiosk-a', rule, 'CLERK_LOCKED_OUT');
    expect(locked.ok ? 'allowed' : locked.error.code).toBe('CLERK_LOCKED_OUT');
    limiter.clear('clerk', 'kiosk-a');
    expect(limiter.check('clerk', 'kiosk-a', rule, 'CLERK_LOCKED_OUT').ok).toBe(true);
    db.close();
  });
});
