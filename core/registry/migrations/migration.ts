// Numbered, forward-only schema migrations for the registry (docs/reliability.md). Each runs in its own
// `BEGIN IMMEDIATE` transaction together with its `schema_version` row, so two kiosk processes
// starting at once cannot both apply it, and a crash mid-migration leaves the previous version.
import type BetterSqlite3 from 'better-sqlite3';
import { migration001Initial } from './001-initial';
import { migration002FailedAttempts } from './002-failed-attempts';
import { migration003RunningAttempts } from './003-running-attempts';
import { migration004CompactIssuance } from './004-compact-issuance';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: BetterSqlite3.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  migration001Initial,
  migration002FailedAttempts,
  migration003RunningAttempts,
  migration004CompactIssuance,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

export function currentSchemaVersion(db: BetterSqlite3.Database): number {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  const row = db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies every migration above the database's version, up to `target` (tests use a lower
 * target to create an old database). Returns the version reached. A database newer than this
 * code is left alone and reported, so an old build never writes to a schema it does not know.
 */
export function migrate(db: BetterSqlite3.Database, target = LATEST_SCHEMA_VERSION, now = Date.now()): number {
  for (const m of MIGRATIONS) {
    if (m.version > target) break;
    db.transaction(() => {
      if (currentSchemaVersion(db) >= m.version) return;
      m.up(db);
      db.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, ?)').run(m.version, now);
    }).immediate();
  }
  return currentSchemaVersion(db);
}
