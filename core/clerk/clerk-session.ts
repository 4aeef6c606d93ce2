// Clerk mode (docs/configuration.md, "Clerk accounts"): a clerk id and that clerk's PIN unlock a short-lived session identified by a random token. The
// token is valid for a fixed time and is dropped after an idle period, at endSession and at
// clerkLock, so a clerk who walks away never leaves the kiosk unlocked for the next citizen.
// Wrong PINs count as failed attempts in the registry (they survive a restart), per clerk id; after
// `pinAttempts.max` wrong PINs inside the window that clerk is refused with CLERK_LOCKED_OUT. Ids
// that name no account share one counter (and cost one scrypt, like a real check), so guessing ids
// neither multiplies the attempts nor tells by timing which ids exist. The typed text of an unknown
// id is never audited: a citizen's name typed into the wrong field must not land in the log.
// Any use of the session (a keypress in the clerk's flow reaches `touch`, rate-limited by the UI)
// restarts the idle timer, never the fixed end; `expiresInSeconds` is always the earlier of the
// two, so the clerk bar counts down to the real end (docs/configuration.md, "Clerk session").
// The attempt is counted before the PIN hash is checked, so a burst of parallel unlocks gets at
// most `max` PIN checks (core/registry/registry-port.ts, AttemptGate).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CLERK_ID_PATTERN } from '../config/config-schema';
import type { AttemptRule } from '../registry/attempt-limits';
import type { AttemptGate, RecordBestEffort } from '../registry/registry-port';
import type { Result } from '../result';
import { err, ok } from '../result';
import { DEMO_CLERK_PIN_HASH, verifyPin } from './pin-hash';

export interface ClerkAccountEntry {
  readonly id: string;
  readonly pinHash: string;
  /** Hashed with the pepper (accounts under `clerk.pepperFile`); the single legacy PIN is not. */
  readonly peppered: boolean;
}

export interface ClerkSessionOptions {
  readonly accounts: readonly ClerkAccountEntry[];
  /** Accounts of the whole fleet (`clerk.accountsInRegistry`, core/registry/pg/pg-clerks.ts), asked
   *  for an id that `accounts` lacks; their hashes are always peppered. Read at every unlock, so a
   *  clerk removed there cannot unlock any kiosk from then on. */
  readonly findPinHash?: (clerkId: string) => Promise<Result<string | undefined>>;
  /** `clerk.pepperFile`'s content (core/clerk/clerk-pepper.ts); absent in the demo. */
  readonly pepper?: Buffer;
  readonly kioskId: string;
  readonly limiter: AttemptGate;
  /** The PIN check (default: scrypt, pin-hash.ts); tests count the checks through it. */
  readonly verifyPin?: (pin: string, pinHash: string, pepper?: Buffer) => Promise<boolean>;
  readonly pinAttempts: AttemptRule;
  readonly sessionMinutes: number;
  readonly idleLockSeconds: number;
  readonly now?: () => Date;
  /** Clerk events are audited best effort: a full audit disk must not lock the clerk out. */
  readonly recordBestEffort?: RecordBestEffort;
}

export interface ClerkGrant {
  /** Random id of this unlock, written to audit lines (not the token). */
  readonly sessionId: string;
  /** The account that unlocked, written to audit lines as `clerkId`. */
  readonly clerkId: string;
}

/** Seconds until the session ends unless used again: the earlier of the fixed end and the idle lock. */
export interface ClerkTime {
  readonly expiresInSeconds: number;
}

export interface ClerkSessions {
  unlock(clerkId: string, pin: string): Promise<Result<{ token: string } & ClerkTime>>;
  /** A second clerk's id and PIN, checked (and counted) like an unlock but opening no session. */
  confirm(clerkId: string, pin: string): Promise<Result<{ clerkId: string }>>;
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
  readonly clerkId: string;
  readonly expiresAt: number;
  lastUsed: number;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

export function createClerkSessions(opts: ClerkSessionOptions): ClerkSessions {
  const now = () => (opts.now ?? (() => new Date()))().getTime();
  let live: LiveSession | undefined;

  const current = (): LiveSession | undefined => {
    if (live && (now() >= live.expiresAt || now() - live.lastUsed >= opts.idleLockSeconds * 1000)) {
      opts.recordBestEffort?.({
        event: 'clerk.locked',
        outcome: 'ok',
        clerk: live.sessionId,
        clerkId: live.clerkId,
        code: 'idle',
      });
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

  const byId = new Map(opts.accounts.map((a) => [a.id, a]));
  /** Counts the attempt for this clerk (or the shared unknown-id counter), then checks the PIN. */
  const find = async (clerkId: string): Promise<Result<ClerkAccountEntry | undefined>> => {
    const local = byId.get(clerkId);
    if (local || !opts.findPinHash || !CLERK_ID_PATTERN.test(clerkId)) return ok(local);
    const found = await opts.findPinHash(clerkId);
    if (!found.ok) return found;
    return ok(found.value === undefined ? undefined : { id: clerkId, pinHash: found.value, peppered: true });
  };
  const check = async (clerkId: string, pin: string): Promise<Result<ClerkAccountEntry>> => {
    const found = await find(clerkId);
    if (!found.ok) return found;
    const account = found.value;
    const key = account ? `${opts.kioskId}/${account.id}` : `${opts.kioskId}/?`;
    const ticket = await opts.limiter.reserve([{ scope: 'clerk', key, rule: opts.pinAttempts }], 'CLERK_LOCKED_OUT');
    if (!ticket.ok) return ticket;
    const verify = opts.verifyPin ?? verifyPin;
    const right = account
      ? await verify(pin, account.pinHash, account.peppered ? opts.pepper : undefined).catch(() => false)
      : await verify(pin, DEMO_CLERK_PIN_HASH, opts.pepper ?? Buffer.alloc(16)).then(
          () => false,
          () => false,
        );
    if (!right || !account) {
      const recorded = await opts.limiter.settle(ticket.value, true);
      if (!recorded.ok) return recorded;
      opts.recordBestEffort?.({
        event: 'clerk.pin-wrong',
        outcome: 'refused',
        code: 'CLERK_PIN_WRONG',
        ...(account ? { clerkId: account.id } : {}),
      });
      const after = await opts.limiter.check('clerk', key, opts.pinAttempts, 'CLERK_LOCKED_OUT');
      return after.ok ? err('CLERK_PIN_WRONG') : after;
    }
    // Forgets the failures and this attempt; a failed clear still lets the right PIN in.
    const cleared = await opts.limiter.clear('clerk', key);
    if (!cleared.ok) await opts.limiter.settle(ticket.value, false);
    return ok(account);
  };

  return {
    async unlock(clerkId, pin) {
      const checked = await check(clerkId, pin);
      if (!checked.ok) return checked;
      const token = randomBytes(32).toString('base64url');
      const at = now();
      live = {
        tokenHash: sha256(token),
        sessionId: randomBytes(6).toString('hex'),
        clerkId: checked.value.id,
        expiresAt: at + opts.sessionMinutes * 60_000,
        lastUsed: at,
      };
      opts.recordBestEffort?.({ event: 'clerk.unlocked', outcome: 'ok', clerk: live.sessionId, clerkId: live.clerkId });
      return ok({ token, expiresInSeconds: secondsLeft(live) });
    },
    async confirm(clerkId, pin) {
      const checked = await check(clerkId, pin);
      return checked.ok ? ok({ clerkId: checked.value.id }) : checked;
    },
    authorise(token) {
      const session = current();
      if (!session || !matches(session, token)) return err('CLERK_NOT_AUTHORISED');
      session.lastUsed = now();
      return ok({ sessionId: session.sessionId, clerkId: session.clerkId });
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
      opts.recordBestEffort?.({
        event: 'clerk.locked',
        outcome: 'ok',
        clerk: session.sessionId,
        clerkId: session.clerkId,
      });
      live = undefined;
      return ok(null);
    },
    lockAll() {
      if (live)
        opts.recordBestEffort?.({
          event: 'clerk.locked',
          outcome: 'ok',
          clerk: live.sessionId,
          clerkId: live.clerkId,
          code: 'session-end',
        });
      live = undefined;
    },
    isUnlocked: () => current() !== undefined,
  };
}
