// Opens the registry's SQLite file (docs/reliability.md): WAL so readers never block the writer, a busy
// timeout so concurrent kiosk processes queue instead of failing, and synchronous=FULL.
//
// Why FULL and not NORMAL: in WAL mode NORMAL is safe against an application crash but a commit
// may be rolled back by a power loss or OS crash, because the WAL is only synced at checkpoints.
// The kiosk shows the QR code right after the commit; if a power cut then rolled the commit back,
// the citizen would hold a certificate the registry does not know, and a second one could be
// issued for the same ID. FULL syncs the WAL on every commit, which costs one fsync per issued
// certificate (a few ms, measured in bench/registry-bench.ts) — negligible next to a person
// typing at a kiosk. The reservation before it commits with NORMAL (registry.ts, docs/reliability.md
// "Which commits wait for the disk"): nothing is handed out on a reservation alone.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import type { Result } from '../result';
import { err, ok } from '../result';
import { LATEST_SCHEMA_VERSION, migrate } from './migrations/migration';
import { registryErrorCode } from './sqlite-errors';

export type RegistryDatabase = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /** Migrate only up to this version (tests of upgrades). */
  readonly schemaVersion?: number;
  readonly busyTimeoutMs?: number;
}

export function openRegistryDatabase(path: string, opts: OpenDatabaseOptions = {}): Result<RegistryDatabase> {
  let db: RegistryDatabase | undefined;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // Create the file ourselves so it (and the -wal/-shm files SQLite derives from it) is 0600.
    closeSync(openSync(path, 'a', 0o600));
    db = new Database(path, { timeout: opts.busyTimeoutMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    const version = migrate(db, opts.schemaVersion ?? LATEST_SCHEMA_VERSION);
    if (version > LATEST_SCHEMA_VERSION) {
      db.close();
      return err('REGISTRY_UNAVAILABLE', { reason: 'schema-newer-than-app', schemaVersion: version });
    }
    return ok(db);
  } catch (e) {
    db?.close();
    return err(registryErrorCode(e));
  }
}
