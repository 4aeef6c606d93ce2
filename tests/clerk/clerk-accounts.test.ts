// Clerk accounts (docs/configuration.md, "Clerk accounts"): each clerk's own PIN, hashed with salt
// and pepper; attempts counted per clerk; every clerk action audited with the clerk id.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as crypto from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../core/audit/audit-line';
import { loadClerkPepper } from '../../core/clerk/clerk-pepper';
import { createClerkSessions, type ClerkAccountEntry } from '../../core/clerk/clerk-session';
import { hashPin, verifyPin } from '../../core/clerk/pin-hash';
import { createAttemptLimiter } from '../../core/registry/attempt-limits';
import { openRegistryDatabase } from '../../core/registry/database';
import { sqliteAttemptGate } from '../../core/registry/sqlite-port';

vi.mock('node:crypto', async (original) => {
  const real = await original<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const PEPPER = Buffer.from('a-pepper-of-thirty-two-bytes-xyz');
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});
const tmp = () => (dir ||= mkdtempSync(join(tmpdir(), 'kiosk-clerks-')));

async function twoClerks(max = 3) {
  const accounts: ClerkAccountEntry[] = [
    { id: 'mueller', pinHash: await hashPin('135791', undefined, PEPPER), peppered: true },
    { id: 'yilmaz', pinHash: await hashPin('246802', undefined, PEPPER), peppered: true },
  ];
  const db = openRegistryDatabase(join(tmp(), 'r.sqlite'));
  if (!db.ok) throw new Error(db.error.code);
  const audit: AuditEntry[] = [];
  const now = new Date('2021-08-01T10:00:00Z');
  const s = createClerkSessions({
    accounts,
    pepper: PEPPER,
    kioskId: 'kiosk-a',
    limiter: sqliteAttemptGate(createAttemptLimiter(db.value, () => now)),
    pinAttempts: { max, windowSeconds: 900 },
    sessionMinutes: 10,
    idleLockSeconds: 120,
    now: () => now,
    recordBestEffort: (e) => audit.push(e),
  });
  return { s, audit };
}

describe('clerk PIN hashing with salt and pepper', () => {
  it('verifies only the right PIN under the right pepper', async () => {
    const stored = await hashPin('135791', undefined, PEPPER);
    expect(await verifyPin('135791', stored, PEPPER)).toBe(true);
    expect(await verifyPin('135790', stored, PEPPER)).toBe(false);
    expect(await verifyPin('135791', stored, Buffer.from('another-pepper-of-32-bytes-abcde'))).toBe(false);
    expect(await verifyPin('135791', stored)).toBe(false);
  });
  it('salts per account: one PIN gives two different hashes', async () => {
    expect(await hashPin('135791', undefined, PEPPER)).not.toBe(await hashPin('135791', undefined, PEPPER));
  });
  it('compares hashes in constant time (timingSafeEqual)', async () => {
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    await verifyPin('000000', await hashPin('135791', undefined, PEPPER), PEPPER);
    expect(spy).toHaveBeenCalledTimes(1);
  });
  it('refuses a pepper file that is inside the data directory, readable by others or too short', () => {
    const d = tmp();
    const good = join(d, 'pepper');
    writeFileSync(good, 'x'.repeat(32), { mode: 0o600 });
    expect(loadClerkPepper(good).ok).toBe(true);
    expect(loadClerkPepper(good, d)).toMatchObject({ ok: false, error: { details: { reason: 'inside-data-dir' } } });
    const open = join(d, 'open');
    writeFileSync(open, 'x'.repeat(32), { mode: 0o644 });
    expect(loadClerkPepper(open)).toMatchObject({
      ok: false,
      error: { details: { reason: 'group-or-world-readable' } },
    });
    const short = join(d, 'short');
    writeFileSync(short, 'abc', { mode: 0o600 });
    expect(loadClerkPepper(short)).toMatchObject({ ok: false, error: { details: { reason: 'too-short' } } });
  });
});

describe('clerk accounts', () => {
  it('each clerk unlocks with their own PIN, not with the other one', async () => {
    const { s, audit } = await twoClerks();
    expect((await s.unlock('mueller', '246802')).ok).toBe(false);
    const m = await s.unlock('mueller', '135791');
    if (!m.ok) throw new Error(m.error.code);
    expect(s.authorise(m.value.token)).toMatchObject({ ok: true, value: { clerkId: 'mueller' } });
    const y = await s.unlock('yilmaz', '246802');
    if (!y.ok) throw new Error(y.error.code);
    expect(s.authorise(y.value.token)).toMatchObject({ ok: true, value: { clerkId: 'yilmaz' } });
    expect(audit.filter((a) => a.event === 'clerk.unlocked').map((a) => a.clerkId)).toEqual(['mueller', 'yilmaz']);
  });

  it('audit lines carry the clerk id of every clerk action', async () => {
    const { s, audit } = await twoClerks();
    await s.unlock('yilmaz', '000000');
    const u = await s.unlock('yilmaz', '246802');
    if (!u.ok) throw new Error(u.error.code);
    s.lock(u.value.token);
    expect(audit.map((a) => [a.event, a.clerkId])).toEqual([
      ['clerk.pin-wrong', 'yilmaz'],
      ['clerk.unlocked', 'yilmaz'],
      ['clerk.locked', 'yilmaz'],
    ]);
  });

  it('counts wrong PINs per clerk: one locked-out clerk does not lock out another', async () => {
    const { s } = await twoClerks(3);
    const codes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await s.unlock('mueller', '000000');
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['CLERK_PIN_WRONG', 'CLERK_PIN_WRONG', 'CLERK_LOCKED_OUT']);
    expect(await s.unlock('mueller', '135791')).toMatchObject({ ok: false, error: { code: 'CLERK_LOCKED_OUT' } });
    expect((await s.unlock('yilmaz', '246802')).ok).toBe(true);
  });

  it('an unknown id is a wrong PIN, shares one counter and never reaches the audit log', async () => {
    const { s, audit } = await twoClerks(3);
    const codes: string[] = [];
    for (const id of ['erika-mustermann', 'max', 'x1']) {
      const r = await s.unlock(id, '135791');
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes).toEqual(['CLERK_PIN_WRONG', 'CLERK_PIN_WRONG', 'CLERK_LOCKED_OUT']);
    expect(JSON.stringify(audit)).not.toMatch(/erika|mustermann|"max"|x1/);
    expect((await s.unlock('mueller', '135791')).ok).toBe(true);
  });

  it('confirm checks a second clerk without opening a session', async () => {
    const { s } = await twoClerks();
    expect(await s.confirm('yilmaz', '246802')).toEqual({ ok: true, value: { clerkId: 'yilmaz' } });
    expect(s.isUnlocked()).toBe(false);
    expect((await s.confirm('yilmaz', '135791')).ok).toBe(false);
  });
});
