// Numbered, forward-only schema migrations of the fleet registry on PostgreSQL (docs/fleet.md).
// They run under a session advisory lock, so ten kiosks starting at once migrate once: the first
// applies them, the others wait and then find nothing left to do. Each migration commits together
// with its `schema_version` row. A database written by a newer version is refused, never modified.
// Same rules as the SQLite registry (../migrations): the keyed ID hash only, times as integers
// (ms since epoch), partial unique indexes that make "one issued, one reserved per ID" a property
// of the database itself.
import type { Result } from '../../result';
import { err, ok } from '../../result';
import type { PgClient } from './pg-connection';

export interface PgMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
      CREATE TABLE issuance (
        id                     bigserial PRIMARY KEY,
        id_hash                text   NOT NULL CHECK (length(id_hash) = 64),
        uvci                   text   NOT NULL UNIQUE,
        status                 text   NOT NULL CHECK (status IN ('reserved', 'issued', 'superseded')),
        kiosk_id               text   NOT NULL,
        reserved_at            bigint NOT NULL,
        issued_at              bigint,
        superseded_at          bigint,
        reservation_owner      text,
        reservation_expires_at bigint,
        replaces_uvci          text
      );
      CREATE UNIQUE INDEX issuance_one_issued_per_id ON issuance (id_hash) WHERE status = 'issued';
      CREATE UNIQUE INDEX issuance_one_reserved_per_id ON issuance (id_hash) WHERE status = 'reserved';
      CREATE TABLE attempt (
        id    bigserial PRIMARY KEY,
        scope text   NOT NULL CHECK (scope IN ('id', 'kiosk', 'clerk')),
        key   text   NOT NULL,
        at    bigint NOT NULL,
        state text   NOT NULL CHECK (state IN ('running', 'failed'))
      );
      CREATE INDEX attempt_by_key ON attempt (scope, key, at);
      CREATE TABLE audit_line (
        kiosk_id text   NOT NULL,
        seq      bigint NOT NULL,
        event    text   NOT NULL,
        uvci     text,
        prev     text   NOT NULL,
        hash     text   NOT NULL,
        line     text   NOT NULL,
        PRIMARY KEY (kiosk_id, seq)
      );
      CREATE INDEX audit_line_by_uvci ON audit_line (uvci) WHERE uvci IS NOT NULL;
    `,
  },
];

export const PG_LATEST_SCHEMA_VERSION = PG_MIGRATIONS.length;
/** pg_advisory_lock key of the migration step ("GKMIGRAT" as bytes). */
const MIGRATION_LOCK = '5137284777070707028';

export async function migratePg(c: PgClient, target = PG_LATEST_SCHEMA_VERSION): Promise<Result<number>> {
  await c.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK]);
  try {
    await c.query('CREATE TABLE IF NOT EXISTS schema_version (version int PRIMARY KEY, applied_at bigint NOT NULL)');
    const current = async () =>
      Number((await c.query('SELECT coalesce(max(version), 0) AS v FROM schema_version')).rows[0].v);
    const found = await current();
    if (found > PG_LATEST_SCHEMA_VERSION) {
      return err('REGISTRY_UNAVAILABLE', { reason: 'schema-newer-than-app', schemaVersion: found });
    }
    for (const m of PG_MIGRATIONS) {
      if (m.version <= found || m.version > target) continue;
      await c.query('BEGIN');
      try {
        await c.query(m.sql);
        await c.query('INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)', [m.version, Date.now()]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
    return ok(await current());
  } finally {
    await c.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK]).catch(() => undefined);
  }
}
