// What `cli doctor` asks a PostgreSQL registry (docs/monitoring.md, "Installation check"): one
// connection with the kiosk's own settings (TLS, timeouts) under the configured deadline; the
// schema version; whether this role can write every table the kiosk writes — proved by inserts
// inside a transaction that is rolled back, so no row is left — or, on a schema behind this
// build, create tables as a migration does; the issued count; and the server's clock. It never
// migrates: a shared database changes only when a kiosk starts (docs/fleet.md). Failures come
// back as Result values whose reason comes from an error code (pg-describe.ts).
import pg from 'pg';
import type { PgRegistryConfig } from '../../config/config-schema';
import type { Result } from '../../result';
import { err, ok } from '../../result';
import { pgPoolConfig } from '../../registry/pg/pg-connection';
import { PG_LATEST_SCHEMA_VERSION } from '../../registry/pg/pg-migrations';
import { pgFailureReason } from './pg-describe';

export interface PgProbe {
  /** Highest applied migration; 0 for a database no kiosk has used yet. */
  readonly schemaVersion: number;
  /** Table privileges the kiosk needs but this role lacks, e.g. `issuance UPDATE`. */
  readonly missingPrivileges: readonly string[];
  /** Below the latest version: whether this role may apply the migrations (create tables). */
  readonly mayMigrate: boolean;
  /** Issued certificates (0 before the schema exists). */
  readonly issued: number;
  /** Server clock minus this machine's clock, estimated at the middle of the round trip. */
  readonly serverAheadMs: number;
  readonly roundTripMs: number;
}

/** What the kiosk does to each table and sequence (core/registry/pg/*.ts; roles in docs/fleet.md). */
const NEEDED: readonly (readonly [string, string])[] = [
  ...['SELECT', 'INSERT', 'UPDATE', 'DELETE'].flatMap((p) => [['issuance', p] as const, ['attempt', p] as const]),
  ['audit_line', 'SELECT'],
  ['audit_line', 'INSERT'],
  ['schema_version', 'SELECT'],
];
const SEQUENCES = ['attempt_id_seq'];
/** Since schema v2 (pg-migrations.ts): the kiosk registers its id in `kiosk` on its first reservation. */
const NEEDED_V2: readonly (readonly [string, string])[] = [
  ['kiosk', 'SELECT'],
  ['kiosk', 'INSERT'],
];
/** Since schema v3: clerk accounts for the fleet are read from `clerk_account` (docs/fleet.md). */
const NEEDED_V3: readonly (readonly [string, string])[] = [['clerk_account', 'SELECT']];
const SEQUENCES_V1 = ['issuance_id_seq'];
const SEQUENCES_V2 = ['kiosk_id_seq'];
const LATEST = PG_LATEST_SCHEMA_VERSION;

async function ask(c: pg.Client): Promise<PgProbe> {
  const hasSchema = (await c.query<{ t: string | null }>("SELECT to_regclass('schema_version') AS t")).rows[0]?.t;
  const schemaVersion = hasSchema
    ? Number(
        (await c.query<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_version')).rows[0]?.v ?? 0,
      )
    : 0;
  const missingPrivileges: string[] = [];
  let issued = 0;
  let mayMigrate = false;
  await c.query('BEGIN');
  try {
    if (schemaVersion > 0) {
      const needed = [...NEEDED, ...(schemaVersion >= 2 ? NEEDED_V2 : []), ...(schemaVersion >= 3 ? NEEDED_V3 : [])];
      const sequences = [...SEQUENCES, ...(schemaVersion >= 2 ? SEQUENCES_V2 : SEQUENCES_V1)];
      for (const [table, privilege] of needed) {
        const r = await c.query<{ ok: boolean }>('SELECT has_table_privilege($1, $2) AS ok', [table, privilege]);
        if (!r.rows[0]?.ok) missingPrivileges.push(`${table} ${privilege}`);
      }
      for (const seq of sequences) {
        const r = await c.query<{ ok: boolean }>("SELECT has_sequence_privilege($1, 'USAGE') AS ok", [seq]);
        if (!r.rows[0]?.ok) missingPrivileges.push(`${seq} USAGE`);
      }
      if (missingPrivileges.length === 0) {
        await c.query("INSERT INTO attempt (scope, key, at, state) VALUES ('kiosk', 'doctor-probe', 0, 'failed')");
        if (schemaVersion >= 2) await c.query("INSERT INTO kiosk (kiosk_id) VALUES ('doctor-probe')");
        await c.query(
          "INSERT INTO audit_line (kiosk_id, seq, event, prev, hash, line) VALUES ('doctor-probe', -1, 'doctor.probe', '', '', '')",
        );
      }
      issued = Number(
        (
          await c.query<{ n: string }>(
            schemaVersion >= 2
              ? 'SELECT count(*) AS n FROM issuance WHERE state = 1'
              : "SELECT count(*) AS n FROM issuance WHERE status = 'issued'",
          )
        ).rows[0]?.n,
      );
    }
    if (schemaVersion < LATEST) {
      // Migrations create tables: the role the first kiosk starts with must be allowed to.
      await c.query('SAVEPOINT doctor_migrate');
      try {
        await c.query('CREATE TABLE doctor_write_probe (x int)');
        mayMigrate = true;
      } catch (e) {
        if ((e as { code?: string }).code !== '42501') throw e;
        await c.query('ROLLBACK TO SAVEPOINT doctor_migrate');
      }
    }
  } finally {
    // Also after a failed insert; if the connection is gone, the server has rolled back already.
    await c.query('ROLLBACK').catch(() => undefined);
  }
  const sent = Date.now();
  const server = (await c.query<{ ms: string }>('SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms'))
    .rows[0]?.ms;
  const received = Date.now();
  return {
    schemaVersion,
    missingPrivileges,
    mayMigrate,
    issued,
    serverAheadMs: Number(server) - (sent + received) / 2,
    roundTripMs: received - sent,
  };
}

/** Connects, asks, disconnects — all within `cfg.deadlineMs` (the kiosk's own per-call limit). */
export async function probePgRegistry(cfg: PgRegistryConfig, kioskId: string): Promise<Result<PgProbe>> {
  let client: pg.Client;
  try {
    client = new pg.Client(pgPoolConfig(cfg, kioskId));
  } catch {
    return err('REGISTRY_UNAVAILABLE', { reason: 'TLS files unreadable' });
  }
  // A dropped connection emits 'error' on the client; unheard, it would end the doctor process.
  client.on('error', () => undefined);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('deadline: timeout')), cfg.deadlineMs);
  });
  const work = (async () => {
    await client.connect();
    return ask(client);
  })();
  try {
    return ok(await Promise.race([work, deadline]));
  } catch (e) {
    work.catch(() => undefined);
    const reason = pgFailureReason(e).replace('the deadline', `${cfg.deadlineMs} ms`);
    return err('REGISTRY_UNAVAILABLE', { reason });
  } finally {
    clearTimeout(timer);
    // end() waits for the server's goodbye, which a hung server never sends.
    await Promise.race([client.end().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]);
  }
}
