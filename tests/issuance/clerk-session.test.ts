// Clerk mode: PIN check (scrypt), lockout after repeated wrong PINs that survives a restart,
// token expiry and idle relock, explicit lock.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClerkSessions } from '../../core/clerk/clerk-session';
import { DEMO_CLERK_PIN, DEMO_CLERK_PIN_HASH, hashPin, verifyPin } from '../../core/clerk/pin-hash';
import type { AuditEntry } from '../../core/audit/audit-line';
import { createAttemptLimiter } from '../../core/registry/attempt-limits';
import { openRegistryDatabase } from '../../core/registry/database';
import { sqliteAttemptGate } from '../../core/registry/sqlite-port';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function sessions(clock: { now: Date }, dbPath?: string) {
  dir ||= mkdtempSync(join(tmpdir(), 'kiosk-clerk-'));
  const db = openRegistryDatabase(dbPath ?? join(dir, 'r.sqlite'));
  if (!db.ok) throw new Error(db.error.code);
  const audit: AuditEntry[] = [];
  const s = createClerkSessions({
    accounts: [{ id: 'clerk', pinHash: DEMO_CLERK_PIN_HASH, peppered: false }],
    kioskId: 'kiosk-a',
    limiter: sqliteAttemptGate(createAttemptLimiter(db.value, () => clock.now)),
    pinAttempts: { max: 5, windowSeconds: 900 },
    sessionMinutes: 10,
    idleLockSeconds: 120,
    now: () => clock.now,
    recordBestEffort: (e) => audit.push(e),
  });
  return { s, audit, db: db.value };
}

describe('clerk PIN hash', () => {
  it('the documented demo PIN matches the demo hash; others do not', async () => {
    expect(await verifyPin(DEMO_CLERK_PIN, DEMO_CLERK_PIN_HASH)).toBe(true);
    expect(await verifyPin('246811', DEMO_CLERK_PIN_HASH)).toBe(false);
    expect(await verifyPin(DEMO_CLERK_PIN, 'garbage')).toBe(false);
  });
  it('hashPin salts: the same PIN hashes differently, both verify', async () => {
    const [a, b] = [await hashPin('1234'), await hashPin('1234')];
    expect(a).not.toBe(b);
    expect(await verifyPin('1234', a)).toBe(true);
    expect(await verifyPin('1234', b)).toBe(true);
  });
});

describe('clerk sessions', () => {
  it('unlocks with the right PIN and authorises only its token', async () => {
    const clock = { now: new Date('2021-08-01T10:00:00Z') };
    const { s, audit } = sessions(clock);
    expect(await s.unlock('clerk', '000000')).toEqual({ ok: false, error: { code: 'CLERK_PIN_WRONG' } });
    const unlocked = await s.unlock('clerk', DEMO_CLERK_PIN);
    if (!unlocked.ok) throw new Error(unlocked.error.code);
    expect(unlocked.value.expiresInSeconds).toBe(120); // the idle lock comes before the 10 minutes
    expect(s.authorise(unlocked.value.token).ok).toBe(true);
    expect(s.authorise('not-the-token')).toEqual({ ok: false, error: { code: 'CLERK_NOT_AUTHORISED' } });
    expect(audit.map((a) => a.event)).toEqual(['clerk.pin-wrong', 'clerk.unlocked']);
  });

  it('locks out after 5 wrong PINs, also for the right PIN, and also after a restart', async () => {
    const clock = { now: new Date('2021-08-01T10:00:00Z') };
    const first = sessions(clock);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await first.s.unlock('clerk', '111111');
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual([
      'CLERK_PIN_WRONG',
      'CLERK_PIN_WRONG',
      'CLERK_PIN_WRONG',
      'CLERK_PIN_WRONG',
      'CLERK_LOCKED_OUT',
    ]);
    expect(await first.s.unlock('clerk', DEMO_CLERK_PIN)).toEqual({
      ok: false,
      error: {
        code: 'CLERK_LOCKED_OUT',
        details: { retryAfterSeconds: 900, scope: 'clerk', until: '2021-08-01T10:15:00.000Z' },
      },
    });
    first.db.close();
    const restarted = sessions(clock, join(dir, 'r.sqlite'));
    expect((await restarted.s.unlock('clerk', DEMO_CLERK_PIN)).ok).toBe(false);
    clock.now = new Date(clock.now.getTime() + 901_000);
    expect((await restarted.s.unlock('clerk', DEMO_CLERK_PIN)).ok).toBe(true);
  });

  it('relocks when idle and when the session time is over', async () => {
    const clock = { now: new Date('2021-08-01T10:00:00Z') };
    const { s } = sessions(clock);
    const u = await s.unlock('clerk', DEMO_CLERK_PIN);
    if (!u.ok) throw new Error();
    clock.now = new Date(clock.now.getTime() + 119_000);
    expect(s.authorise(u.value.token).ok).toBe(true); // refreshes the idle timer
    clock.now = new Date(clock.now.getTime() + 119_000);
    expect(s.isUnlocked()).toBe(true);
    clock.now = new Date(clock.now.getTime() + 121_000);
    expect(s.authorise(u.value.token).ok).toBe(false);

    const v = await s.unlock('clerk', DEMO_CLERK_PIN);
    if (!v.ok) throw new Error();
    for (let i = 0; i < 6; i++) {
      clock.now = new Date(clock.now.getTime() + 100_000);
      s.authorise(v.value.token);
    }
    expect(s.authorise(v.value.token).ok).toBe(false); // 600 s passed despite activity
  });

  it('typing keeps the session from its idle lock, never past its fixed end, and says how long it lasts', async () => {
    const clock = { now: new Date('2021-08-01T10:00:00Z') };
    const { s } = sessions(clock);
    const u = await s.unlock('clerk', DEMO_CLERK_PIN);
    if (!u.ok) throw new Error();
    const seconds: number[] = [];
    for (let i = 0; i < 5; i++) {
      clock.now = new Date(clock.now.getTime() + 110_000);
      const touched = s.touch(u.value.token);
      seconds.push(touched.ok ? touched.value.expiresInSeconds : -1);
    }
    // 550 s in: the idle lock was pushed back each time; now only 50 s of the 10 minutes remain.
    expect(seconds).toEqual([120, 120, 120, 120, 50]);
    expect(s.touch('foreign')).toEqual({ ok: false, error: { code: 'CLERK_NOT_AUTHORISED' } });
    clock.now = new Date(clock.now.getTime() + 50_000);
    expect(s.touch(u.value.token)).toEqual({ ok: false, error: { code: 'CLERK_NOT_AUTHORISED' } });
  });

  it('lock ends the session; a foreign token cannot; lockAll ends any', async () => {
    const clock = { now: new Date('2021-08-01T10:00:00Z') };
    const { s } = sessions(clock);
    const u = await s.unlock('clerk', DEMO_CLERK_PIN);
    if (!u.ok) throw new Error();
    expect(s.lock('foreign')).toEqual({ ok: false, error: { code: 'CLERK_NOT_AUTHORISED' } });
    expect(s.lock(u.value.token)).toEqual({ ok: true, value: null });
    expect(s.isUnlocked()).toBe(false);
    const v = await s.unlock('clerk', DEMO_CLERK_PIN);
    if (!v.ok) throw new Error();
    s.lockAll();
    expect(s.authorise(v.value.token).ok).toBe(false);
  });
});
