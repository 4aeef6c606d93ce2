// Clerk mode (docs/configuration.md): a PIN unlocks a short-lived session identified by a random token. The
// token is valid for a fixed time and is dropped after an idle period, at endSession and at
// clerkLock, so a clerk who walks away never leaves the kiosk unlocked for the next citizen.
// Wrong PINs count as failed attempts in the registry (they survive a restart); after
// `pinAttempts.max` wrong PINs inside the window the PIN is refused with CLERK_LOCKED_OUT.
// Any use of the session (a keypress in the clerk's flow reaches `touch`, rate-limited by the UI)
// restarts the idle timer, never the fixed end; `expiresInSeconds` is always the earlier of the
// two, so the clerk bar counts down to the real end (docs/configuration.md, "Clerk session").
// The attempt is counted before the PIN hash is checked, so a burst of parallel unlocks gets at
// most `max` PIN checks (core/registry/registry-port.ts, AttemptGate).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuditEntry } from '../audit/audit-line';
import type { AttemptRule } from '../registry/attempt-limits';
import type { AttemptGate } from '../registry/registry-port';
import type { Result } from '../result';
import { err, ok } from '../result';
import { verifyPin } from './pin-hash';

export interface ClerkSessionOptions {
  readonly pinHash: string;
  readonly kioskId: string;
  readonly limiter: AttemptGate;
  /** The PIN check (default: scrypt, pin-hash.ts); tests count the checks through it. */
  readonly verifyPin?: (pin: string, pinHash: string) => Promise<boolean>;
  readonly pinAttempts: AttemptRule;
  readonly sessionMinutes: number;
  readonly idleLockSeconds: number;
  readonly now?: () => Date;
  readonly audit?: (entry: AuditEntry) => void;
}

export interface ClerkGrant {
  /** Random id of this unlock, written to audit lines (not the token). */
  readonly sessionId: string;
}

/** Seconds until the session ends unless used again: the earlier of the fixed end and the idle lock. */
export interface ClerkTime {
  readonly expiresInSeconds: number;
}

export interface ClerkSessions {
  unlock(pin: string): Promise<Result<{ token: string } & ClerkTime>>;
  /** ok with the session when `token` is the live one; refreshes the idle timer. */
  authorise(token: string): Result<ClerkGrant>;
  /** The clerk is still working: refreshes the idle timer and says how long the session lasts now. */
  touch(token: string): Result<ClerkTime>;
  lock(token: string): Result<null>;
  /** Drop any session (endSession, idle timeout of the citizen UI). */
  lockAll(): void;
  isUnlocked(): boolean;
}

interface LiveSession {
  readonly tokenHash: Buffer;
  readonly sessionId: string;
  readonly expiresAt: number;
  lastUsed: number;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

export function createClerkSessions(opts: ClerkSessionOptions): ClerkSessions {
  const now = () => (opts.now ?? (() => new Date()))().getTime();
  let live: LiveSession | undefined;

  const current = (): LiveSession | undefined => {
    if (live && (now() >= live.expiresAt || now() - live.lastUsed >= opts.idleLockSeconds * 1000)) {
      opts.audit?.({ event: 'clerk.locked', outcome: 'ok', clerk: live.sessionId, code: 'idle' });
      live = undefined;
    }
    return live;
  };
  const secondsLeft = (session: LiveSession): number =>
    Math.max(
      0,
      Math.floor((Math.min(session.expiresAt, session.lastUsed + opts.idleLockSeconds * 1000) - now()) / 1000),
    );
  const matches = (session: LiveSession, token: string): boolean => {
    const candidate = sha256(token);
    return timingSafeEqual(candidate, session.tokenHash);
  };

  return {
    async unlock(pin) {
      const ticket = await opts.limiter.reserve(
        [{ scope: 'clerk', key: opts.kioskId, rule: opts.pinAttempts }],
        'CLERK_LOCKED_OUT',
      );
      if (!ticket.ok) return ticket;
      const right = await (opts.verifyPin ?? verifyPin)(pin, opts.pinHash).catch(() => false);
      if (!right) {
        const recorded = await opts.limiter.settle(ticket.value, true);
        if (!recorded.ok) return recorded;
        opts.audit?.({ event: 'clerk.pin-wrong', outcome: 'refused', code: 'CLERK_PIN_WRONG' });
        const after = await opts.limiter.check('clerk', opts.kioskId, opts.pinAttempts, 'CLERK_LOCKED_OUT');
        return after.ok ? err('CLERK_PIN_WRONG') : after;
      }
      // Forgets the failures and this attempt; a failed clear still lets the right PIN in.
      const cleared = await opts.limiter.clear('clerk', opts.kioskId);
      if (!cleared.ok) await opts.limiter.settle(ticket.value, false);
      const token = randomBytes(32).toString('base64url');
      const at = now();
      live = {
        tokenHash: sha256(token),
        sessionId: randomBytes(6).toString('hex'),
        expiresAt: at + opts.sessionMinutes * 60_000,
        lastUsed: at,
      };
      opts.audit?.({ event: 'clerk.unlocked', outcome: 'ok', clerk: live.sessionId });
      return ok({ token, expiresInSeconds: secondsLeft(live) });
    },
    authorise(token) {
      const session = current();
      if (!session || !matches(session, token)) return err('CLERK_NOT_AUTHORISED');
      session.lastUsed = now();
      return ok({ sessionId: session.sessionId });
    },
    touch(token) {
      const session = current();
      if (!session || !matches(session, token)) return err('CLERK_NOT_AUTHORISED');
      session.lastUsed = now();
      return ok({ expiresInSeconds: secondsLeft(session) });
    },
    lock(token) {
      const session = current();
      // Locking an already locked kiosk succeeds; a foreign token cannot end someone's session.
      if (!session) return ok(null);
      if (!matches(session, token)) return err('CLERK_NOT_AUTHORISED');
      opts.audit?.({ event: 'clerk.locked', outcome: 'ok', clerk: session.sessionId });
      live = undefined;
      return ok(null);
    },
    lockAll() {
      if (live) opts.audit?.({ event: 'clerk.locked', outcome: 'ok', clerk: live.sessionId, code: 'session-end' });
      live = undefined;
    },
    isUnlocked: () => current() !== undefined,
  };
}
