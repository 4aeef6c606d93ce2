// Merges one SQLite registry's rows into the fleet registry (docs/fleet.md, "Moving a city over").
// Idempotent: a row is identified by its UVCI; a UVCI already present is left alone, except that
// an issued row the source has since superseded (a clerk reissue) is marked superseded. Each row
// is written under its ID's advisory lock, like a kiosk's reserve and commit (pg-registry.ts), so
// kiosks already on the fleet may keep issuing meanwhile. An ID issued by several kiosks (a
// duplicate that exists in the world today) keeps the certificate the fleet already holds as
// issued; the other is stored as superseded, so its UVCI stays known, and reported and audited.
import type { SourceRow, SqliteSource } from '../import/sqlite-source';
import { idHashBytes, STATE } from '../issuance-schema';
import type { AuditKey } from '../../audit/audit-line';
import { appendAuditLine, LOCK_CLASS } from './pg-audit';
import type { PgClient } from './pg-connection';
import { createKioskRefs, type KioskRef } from './pg-kiosk';

export interface ImportDuplicate {
  readonly uvci: string;
  readonly kioskId: string;
  readonly keptUvci: string;
  readonly keptKioskId: string;
}

export interface SourceReport {
  readonly path: string;
  readonly kioskIds: readonly string[];
  readonly rows: number;
  readonly inserted: number;
  /** Issued in the fleet, superseded in the source since an earlier run. */
  readonly updated: number;
  readonly unchanged: number;
  readonly openReservations: number;
  readonly duplicates: readonly ImportDuplicate[];
  /** A UVCI the fleet holds for another ID hash (never expected): left alone. */
  readonly conflicts: number;
}

/** Rows per transaction: keeps the advisory locks held at once well below the lock table's size. */
const BATCH = 500;

type Outcome = 'inserted' | 'updated' | 'unchanged' | 'conflict' | ImportDuplicate;

export async function importSqliteSource(
  c: PgClient,
  src: SqliteSource,
  auditKioskId: string,
  now: () => Date,
  /** The config's audit key (`audit.keyFile`): the import's lines join that kiosk's keyed chain. */
  auditKey?: AuditKey,
): Promise<SourceReport> {
  const counts = { inserted: 0, updated: 0, unchanged: 0, conflicts: 0 };
  const duplicates: ImportDuplicate[] = [];
  for (let i = 0; i < src.rows.length; i += BATCH) {
    await inTransaction(c, async () => {
      // Per transaction: a kiosk id this batch inserts is only known once the batch commits.
      const kioskRef = createKioskRefs();
      for (const row of src.rows.slice(i, i + BATCH)) {
        const outcome = await importRow(c, row, auditKioskId, now(), kioskRef, auditKey);
        if (typeof outcome === 'object') {
          duplicates.push(outcome);
          counts.inserted++;
        } else if (outcome === 'conflict') counts.conflicts++;
        else counts[outcome]++;
      }
    });
  }
  const report: SourceReport = {
    path: src.path,
    kioskIds: src.kioskIds,
    rows: src.rows.length,
    ...counts,
    openReservations: src.openReservations,
    duplicates,
  };
  await inTransaction(c, () =>
    appendAuditLine(
      c,
      {
        event: 'registry.imported',
        outcome: 'ok',
        code: 'sqlite',
        count: report.inserted,
        reason:
          `kiosks ${src.kioskIds.join(',') || '-'}: ${report.inserted} new, ${report.updated} updated, ` +
          `${report.unchanged} unchanged, ${duplicates.length} duplicate, ${report.conflicts} conflict`,
      },
      auditKioskId,
      now(),
      auditKey,
    ),
  );
  return report;
}

async function importRow(
  c: PgClient,
  row: SourceRow,
  auditKioskId: string,
  at: Date,
  kioskRef: KioskRef,
  auditKey: AuditKey | undefined,
): Promise<Outcome> {
  await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.id, row.id_hash]);
  const existing = (
    await c.query<{ id_hash: string; state: number }>(
      "SELECT encode(id_hash, 'hex') AS id_hash, state FROM issuance WHERE uvci = $1",
      [row.uvci],
    )
  ).rows[0];
  if (existing) {
    if (existing.id_hash !== row.id_hash || existing.state === STATE.reserved) return 'conflict';
    if (existing.state === STATE.issued && row.status === 'superseded') {
      await c.query('UPDATE issuance SET state = 2, superseded_at = $1 WHERE uvci = $2 AND state = 1', [
        row.superseded_at ?? at.getTime(),
        row.uvci,
      ]);
      return 'updated';
    }
    return 'unchanged';
  }
  const kept =
    row.status === 'issued'
      ? (
          await c.query<{ uvci: string; kiosk_id: string }>(
            'SELECT i.uvci, k.kiosk_id FROM issuance i JOIN kiosk k ON k.id = i.kiosk WHERE i.id_hash = $1 AND i.state = 1',
            [idHashBytes(row.id_hash)],
          )
        ).rows[0]
      : undefined;
  const state = kept ? STATE.superseded : STATE[row.status];
  const supersededAt = kept ? at.getTime() : row.superseded_at;
  await c.query(
    `INSERT INTO issuance (id_hash, uvci, state, kiosk, reserved_at, issued_at, superseded_at, replaces_uvci)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      idHashBytes(row.id_hash),
      row.uvci,
      state,
      await kioskRef(c, row.kiosk_id),
      row.reserved_at,
      row.issued_at,
      supersededAt,
      row.replaces_uvci,
    ],
  );
  if (!kept) return 'inserted';
  await appendAuditLine(
    c,
    {
      event: 'registry.import-duplicate',
      outcome: 'refused',
      idHash: row.id_hash,
      uvci: row.uvci,
      code: 'ALREADY_ISSUED',
    },
    auditKioskId,
    at,
    auditKey,
  );
  return { uvci: row.uvci, kioskId: row.kiosk_id, keptUvci: kept.uvci, keptKioskId: kept.kiosk_id };
}

async function inTransaction<T>(c: PgClient, fn: () => Promise<T>): Promise<T> {
  await c.query('BEGIN');
  try {
    const value = await fn();
    await c.query('COMMIT');
    return value;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
