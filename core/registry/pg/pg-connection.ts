// The fleet registry's connection to PostgreSQL (docs/fleet.md): a small pool, server-side
// `statement_timeout` and `idle_in_transaction_session_timeout` (a frozen kiosk cannot hold
// locks), and a deadline on every call so a citizen never waits on a hung or unreachable server.
// When the deadline passes, the connection is destroyed (the server then rolls its transaction
// back) and the call answers REGISTRY_UNAVAILABLE: the kiosk fails closed. Broken connections
// leave the pool; the next call opens a new one, so the kiosk reconnects by itself.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { PgRegistryConfig } from '../../config/config-schema';
import type { Logger } from '../../log/logger';
import type { Result } from '../../result';
import { err } from '../../result';

export type PgClient = pg.PoolClient;

/** A transaction-scoped advisory lock: `pg_advisory_xact_lock(cls, hashtext(key))`. */
export interface XactLock {
  readonly cls: number;
  readonly key: string;
}

/**
 * BEGIN and the transaction's first advisory locks as one simple-protocol message: one round
 * trip instead of one each. The node driver sends a query only after the previous one's answer,
 * and a parameterised query is one statement alone, so the keys are literals here (escaped; the
 * class an integer). One statement per lock, in the order given: a statement after a lock gets a
 * fresh READ COMMITTED snapshot, so what it reads is what the lock's previous holder committed.
 * The keys are the same `hashtext` values as before, so kiosks of two versions still exclude each other.
 */
export function beginSql(locks: readonly XactLock[], opts: TxOptions = {}): string {
  const lock = ({ cls, key }: XactLock) => {
    if (!Number.isSafeInteger(cls)) throw new Error('advisory lock class must be an integer');
    return `SELECT pg_advisory_xact_lock(${cls}, hashtext(${pg.escapeLiteral(key)}))`;
  };
  const commitMode = opts.flushLater ? ['SET LOCAL synchronous_commit TO OFF'] : [];
  return ['BEGIN', ...commitMode, ...locks.map(lock)].join('; ');
}

export interface TxOptions {
  /**
   * COMMIT answers before the WAL is flushed (and before a synchronous standby has it). Only for a
   * transaction whose loss in a server crash is safe: the next flushed commit makes it durable
   * anyway (WAL is flushed in order), and without it a later step fails closed
   * (docs/fleet.md, "What the database holds and how it keeps exactly once").
   */
  readonly flushLater?: boolean;
}

export interface PgConnection {
  /**
   * Runs `fn` in one transaction within the deadline, holding `locks` (taken in this order) from
   * its start. An err Result from `fn` rolls back and is returned as is; any exception, timeout
   * or lost connection is REGISTRY_UNAVAILABLE.
   */
  tx<T>(fn: (c: PgClient) => Promise<Result<T>>, locks?: readonly XactLock[], opts?: TxOptions): Promise<Result<T>>;
  /** The same without BEGIN/COMMIT (single reads). */
  read<T>(fn: (c: PgClient) => Promise<Result<T>>): Promise<Result<T>>;
  close(): Promise<void>;
}

export function pgPoolConfig(cfg: PgRegistryConfig, kioskId: string): pg.PoolConfig {
  const ssl = cfg.tls
    ? {
        // Node verifies the chain and the host name: libpq's sslmode=verify-full.
        ca: readFileSync(cfg.tls.caPath, 'utf8'),
        ...(cfg.tls.certPath ? { cert: readFileSync(cfg.tls.certPath, 'utf8') } : {}),
        ...(cfg.tls.keyPath ? { key: readFileSync(cfg.tls.keyPath, 'utf8') } : {}),
        rejectUnauthorized: true,
      }
    : undefined;
  return {
    connectionString: cfg.url,
    ...(ssl ? { ssl } : {}),
    max: cfg.poolSize,
    connectionTimeoutMillis: cfg.deadlineMs,
    statement_timeout: cfg.deadlineMs,
    query_timeout: cfg.deadlineMs + 250,
    idle_in_transaction_session_timeout: cfg.deadlineMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: `genesenen-kiosk ${kioskId}`.slice(0, 63),
  };
}

export function createPgConnection(
  cfg: PgRegistryConfig,
  kioskId: string,
  log: Logger,
  ensureReady: (c: PgClient) => Promise<Result<null>>,
): PgConnection {
  const pool = new pg.Pool(pgPoolConfig(cfg, kioskId));
  // An idle connection dropped by the server (restart, failover) must not crash the kiosk.
  pool.on('error', (e) => log.warn('registry.connection-lost', { code: (e as { code?: string }).code ?? 'unknown' }));
  let ready: Promise<Result<null>> | undefined;

  const run = async <T>(
    locks: readonly XactLock[] | undefined,
    fn: (c: PgClient) => Promise<Result<T>>,
    opts: TxOptions = {},
  ): Promise<Result<T>> => {
    let client: PgClient | undefined;
    let released = false;
    // A checked-out connection that dies between two statements emits 'error'; unheard, that
    // would end the kiosk process. The call itself then fails by its query or its deadline.
    const onError = (e: Error) =>
      log.warn('registry.connection-lost', { code: (e as { code?: string }).code ?? 'unknown' });
    const release = (destroy: boolean) => {
      if (client && !released) {
        released = true;
        client.off('error', onError);
        client.release(destroy ? new Error('registry call abandoned') : undefined);
      }
    };
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const work = (async (): Promise<Result<T>> => {
      client = await pool.connect();
      client.on('error', onError);
      if (timedOut) throw new Error('deadline passed');
      if (!ready) ready = ensureReady(client);
      const schema = await ready;
      if (!schema.ok) {
        // A newer schema stays refused; any other failure is retried by the next call.
        if (schema.error.details?.reason !== 'schema-newer-than-app') ready = undefined;
        return schema;
      }
      if (!locks) return fn(client);
      await client.query(beginSql(locks, opts));
      const result = await fn(client);
      await client.query(result.ok ? 'COMMIT' : 'ROLLBACK');
      return result;
    })();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new Error('deadline passed'));
      }, cfg.deadlineMs);
    });
    try {
      const result = await Promise.race([work, deadline]);
      release(false);
      return result;
    } catch (e) {
      work.catch(() => undefined);
      release(true);
      // A late connection from pool.connect() after the deadline: give it back broken too.
      void work.finally(() => release(true)).catch(() => undefined);
      log.warn('registry.call-failed', { code: (e as { code?: string }).code ?? (timedOut ? 'deadline' : 'unknown') });
      return err('REGISTRY_UNAVAILABLE');
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    tx: (fn, locks = [], opts = {}) => run(locks, fn, opts),
    read: (fn) => run(undefined, fn),
    close: () => pool.end().catch(() => undefined),
  };
}
