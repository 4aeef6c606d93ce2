// Reads a kiosk's SQLite registry for `cli registry import` (docs/fleet.md, "Moving a city over").
// The rows hold only HMAC(registry.secret, ID), never the ID, so they cannot be re-keyed: a source
// is accepted only when its `registry.secret` (beside the file, id-hash.ts) is byte for byte the
// fleet's idHashKeyFile. Anything else would import hashes no fleet kiosk ever computes, and the
// IDs behind them could be issued again. The file is opened read-only and never migrated.
import { readFileSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import Database from 'better-sqlite3';
import { fail, ok, type AppError, type Result } from '../../result';
import { secretPathFor } from '../id-hash';
import { readableIssuance, type IssuanceStatus } from '../issuance-schema';
import { LATEST_SCHEMA_VERSION } from '../migrations/migration';

/** Refusals of the import (CLI-only, so not in core/errors.ts: no kiosk screen shows them). */
export const IMPORT_CODES = [
  'IMPORT_SOURCE_UNREADABLE',
  'IMPORT_SOURCE_SCHEMA_NEWER',
  'IMPORT_SECRET_MISSING',
  'IMPORT_KEY_MISMATCH',
] as const;
export type ImportCode = (typeof IMPORT_CODES)[number];
export type ImportError = AppError<ImportCode>;

const refuse = (code: ImportCode, source: string, reason: string) =>
  fail<ImportError>({ code, details: { source, reason } });

/** One row as schema v1–v3 stored it and `issuance_view` shows it (v4 on): hex hash, whole UVCI. */
export interface SourceRow {
  readonly id_hash: string;
  readonly uvci: string;
  readonly status: IssuanceStatus;
  readonly kiosk_id: string;
  readonly reserved_at: number;
  readonly issued_at: number | null;
  readonly superseded_at: number | null;
  readonly replaces_uvci: string | null;
}

export interface SqliteSource {
  readonly path: string;
  /** Issued and superseded rows; superseded first within an ID (see pg-import.ts). */
  readonly rows: readonly SourceRow[];
  /** Reservations never handed out (a stopped kiosk's leftovers): not imported. */
  readonly openReservations: number;
  readonly kioskIds: readonly string[];
}

/** Loads one source, checking its secret against the fleet key first. */
export function readSqliteSource(path: string, fleetKey: Buffer): Result<SqliteSource, ImportError> {
  let secret: Buffer;
  try {
    secret = readFileSync(secretPathFor(path));
  } catch {
    return refuse('IMPORT_SECRET_MISSING', path, 'registry.secret beside the registry file is missing or unreadable');
  }
  if (secret.length !== fleetKey.length || !timingSafeEqual(secret, fleetKey)) {
    return refuse('IMPORT_KEY_MISMATCH', path, 'registry.secret differs from the fleet idHashKeyFile');
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    return refuse('IMPORT_SOURCE_UNREADABLE', path, (e as { code?: string }).code ?? 'open-failed');
  }
  try {
    const version = (db.prepare('SELECT max(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0;
    if (version > LATEST_SCHEMA_VERSION) return refuse('IMPORT_SOURCE_SCHEMA_NEWER', path, `schema version ${version}`);
    // A source of any schema version up to ours: v4 on through issuance_view, older the table.
    const from = readableIssuance(db);
    const rows = db
      .prepare(
        `SELECT id_hash, uvci, status, kiosk_id, reserved_at, issued_at, superseded_at, replaces_uvci FROM ${from}
         WHERE status IN ('issued', 'superseded') ORDER BY id_hash, status DESC, superseded_at, reserved_at`,
      )
      .all() as SourceRow[];
    const open = db.prepare(`SELECT count(*) AS n FROM ${from} WHERE status = 'reserved'`).get() as { n: number };
    const kioskIds = [...new Set(rows.map((r) => r.kiosk_id))].sort();
    return ok({ path, rows, openReservations: open.n, kioskIds });
  } catch (e) {
    return refuse('IMPORT_SOURCE_UNREADABLE', path, (e as { code?: string }).code ?? 'not-a-registry');
  } finally {
    db.close();
  }
}
