// The audit log on PostgreSQL (docs/fleet.md): the same lines and hash chain per kiosk as the
// file log (core/audit/audit-line.ts), one row each in `audit_line`. An issuance's line is
// inserted in the registry's commit transaction, so the central registry and the audit can never
// disagree. A transaction-scoped advisory lock per kiosk id orders the appends of one kiosk's
// processes; (kiosk_id, seq) is the primary key behind it.
import type { AuditEntry, AuditLine } from '../../audit/audit-line';
import { GENESIS_HASH, lineHash, nextAuditLine } from '../../audit/audit-line';
import type { Result } from '../../result';
import { ok } from '../../result';
import type { PgClient } from './pg-connection';

/** First key of the two-int advisory locks: one class per purpose (ids, audit, attempts). */
export const LOCK_CLASS = { id: 1, audit: 2, attempt: 3 } as const;

export async function appendAuditLine(c: PgClient, entry: AuditEntry, kioskId: string, ts: Date): Promise<AuditLine> {
  await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.audit, kioskId]);
  const head = await c.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM audit_line WHERE kiosk_id = $1 ORDER BY seq DESC LIMIT 1',
    [kioskId],
  );
  const last = head.rows[0];
  const line = nextAuditLine(
    entry,
    last ? { seq: Number(last.seq), hash: last.hash } : { seq: 0, hash: GENESIS_HASH },
    ts,
    kioskId,
  );
  await c.query(
    'INSERT INTO audit_line (kiosk_id, seq, event, uvci, prev, hash, line) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [kioskId, line.seq, line.event, line.uvci ?? null, line.prev, line.hash, JSON.stringify(line)],
  );
  return line;
}

export interface PgAuditReport {
  readonly kiosks: number;
  readonly lines: number;
  /** kioskId → the last hash (keep it elsewhere to detect a later truncation). */
  readonly heads: Readonly<Record<string, string>>;
  readonly broken: readonly { readonly kioskId: string; readonly seq: number; readonly reason: string }[];
}

/** Checks every kiosk's chain in the table: hash, link to the previous line, seq without gaps. */
export async function verifyPgAudit(c: PgClient): Promise<Result<PgAuditReport>> {
  const rows = await c.query<{ kiosk_id: string; seq: string; hash: string; line: string }>(
    'SELECT kiosk_id, seq, hash, line FROM audit_line ORDER BY kiosk_id, seq',
  );
  const heads: Record<string, string> = {};
  const expected: Record<string, number> = {};
  const broken: { kioskId: string; seq: number; reason: string }[] = [];
  for (const r of rows.rows) {
    const seq = Number(r.seq);
    let line: AuditLine | undefined;
    try {
      line = JSON.parse(r.line) as AuditLine;
    } catch {
      broken.push({ kioskId: r.kiosk_id, seq, reason: 'unparseable' });
      continue;
    }
    const prev = heads[r.kiosk_id] ?? GENESIS_HASH;
    const want = (expected[r.kiosk_id] ?? 0) + 1;
    if (line.hash !== r.hash || lineHash(line) !== line.hash || line.kioskId !== r.kiosk_id) {
      broken.push({ kioskId: r.kiosk_id, seq, reason: 'hash-mismatch' });
    } else if (line.prev !== prev) broken.push({ kioskId: r.kiosk_id, seq, reason: 'prev-mismatch' });
    else if (seq !== want || line.seq !== seq) broken.push({ kioskId: r.kiosk_id, seq, reason: 'seq-gap' });
    heads[r.kiosk_id] = line.hash;
    expected[r.kiosk_id] = seq;
  }
  return ok({ kiosks: Object.keys(heads).length, lines: rows.rows.length, heads, broken });
}
