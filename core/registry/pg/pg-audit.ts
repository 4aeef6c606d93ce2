// The audit log on PostgreSQL (docs/fleet.md): the same lines and hash chain per kiosk as the
// file log (core/audit/audit-line.ts), one row each in `audit_line`. An issuance's line is
// inserted in the registry's commit transaction, so the central registry and the audit can never
// disagree. A transaction-scoped advisory lock per kiosk id orders the appends of one kiosk's
// processes; (kiosk_id, seq) is the primary key behind it. With the kiosk's audit key (docs/audit.md)
// every line is an HMAC link, as in the file log: whoever can write the table (a database
// administrator, a stolen backup restored) but holds no kiosk's key cannot rewrite a chain that
// `audit verify --config … --key …` accepts.
import { timingSafeEqual } from 'node:crypto';
import type { AuditEntry, AuditKey, AuditLine } from '../../audit/audit-line';
import { GENESIS_HASH, lineHash, nextAuditLine } from '../../audit/audit-line';
import type { Result } from '../../result';
import { ok } from '../../result';
import type { PgClient, XactLock } from './pg-connection';

/** First key of the two-int advisory locks: one class per purpose (ids, audit, attempts). */
export const LOCK_CLASS = { id: 1, audit: 2, attempt: 3 } as const;

export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** The transaction lock that orders one kiosk's appends (ids, then audit, where both are taken). */
export const auditLock = (kioskId: string): XactLock => ({ cls: LOCK_CLASS.audit, key: kioskId });

/** The kiosk's last line; `kiosk` is the SQL for its id (a parameter), so a larger statement can embed it. */
export const auditHeadSql = (kiosk: string): string =>
  `SELECT seq, hash FROM audit_line WHERE kiosk_id = ${kiosk} ORDER BY seq DESC LIMIT 1`;

export const auditHead = (row: { seq: string | null; hash: string | null } | undefined): AuditHead =>
  row?.seq != null && row.hash != null ? { seq: Number(row.seq), hash: row.hash } : { seq: 0, hash: GENESIS_HASH };

/**
 * Chains `entry` onto `head` and inserts it. The caller holds `auditLock(kioskId)` and read
 * `head` in a statement after taking it (a fresh snapshot), all in this transaction.
 */
export async function insertAuditLine(
  c: PgClient,
  entry: AuditEntry,
  head: AuditHead,
  kioskId: string,
  ts: Date,
  key?: AuditKey,
): Promise<AuditLine> {
  const line = nextAuditLine(entry, head, ts, kioskId, key);
  await c.query(
    'INSERT INTO audit_line (kiosk_id, seq, event, uvci, prev, hash, line) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [kioskId, line.seq, line.event, line.uvci ?? null, line.prev, line.hash, JSON.stringify(line)],
  );
  return line;
}

/** Lock, head, insert: for a transaction that did not take the audit lock at its start. */
export async function appendAuditLine(
  c: PgClient,
  entry: AuditEntry,
  kioskId: string,
  ts: Date,
  key?: AuditKey,
): Promise<AuditLine> {
  await c.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS.audit, kioskId]);
  return appendAuditLineLocked(c, entry, kioskId, ts, key);
}

/** Head and insert, under an audit lock the transaction took at its start (`auditLock`). */
export async function appendAuditLineLocked(
  c: PgClient,
  entry: AuditEntry,
  kioskId: string,
  ts: Date,
  key?: AuditKey,
): Promise<AuditLine> {
  const head = await c.query<{ seq: string; hash: string }>(auditHeadSql('$1'), [kioskId]);
  return insertAuditLine(c, entry, auditHead(head.rows[0]), kioskId, ts, key);
}

export interface PgAuditReport {
  readonly kiosks: number;
  readonly lines: number;
  /** kioskId → the last hash (keep it elsewhere to detect a later truncation). */
  readonly heads: Readonly<Record<string, { readonly seq: number; readonly hash: string }>>;
  readonly broken: readonly { readonly kioskId: string; readonly seq: number; readonly reason: PgAuditProblem }[];
}

export type PgAuditProblem = 'unparseable' | 'hash-mismatch' | 'prev-mismatch' | 'seq-gap' | 'unkeyed' | 'wrong-key';

const sameHex = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/**
 * Checks every kiosk's chain in the table: hash, link to the previous line, seq without gaps.
 * Without keys a keyed line's HMAC cannot be recomputed: only its links are checked. With `keys`
 * (every kiosk's audit key), every line of every kiosk must be keyed with one of them (`unkeyed`,
 * `wrong-key`) and every HMAC is recomputed: a chain re-made without the key is found, and so is
 * one stripped of its keys to look like an old unkeyed chain.
 */
export async function verifyPgAudit(c: PgClient, keys: readonly AuditKey[] = []): Promise<Result<PgAuditReport>> {
  const rows = await c.query<{ kiosk_id: string; seq: string; hash: string; line: string }>(
    'SELECT kiosk_id, seq, hash, line FROM audit_line ORDER BY kiosk_id, seq',
  );
  const byId = new Map(keys.map((k) => [k.keyId, k]));
  const heads: Record<string, { seq: number; hash: string }> = {};
  const broken: { kioskId: string; seq: number; reason: PgAuditProblem }[] = [];
  for (const r of rows.rows) {
    const seq = Number(r.seq);
    let line: AuditLine | undefined;
    try {
      line = JSON.parse(r.line) as AuditLine;
    } catch {
      broken.push({ kioskId: r.kiosk_id, seq, reason: 'unparseable' });
      continue;
    }
    const prev = heads[r.kiosk_id]?.hash ?? GENESIS_HASH;
    const want = (heads[r.kiosk_id]?.seq ?? 0) + 1;
    const problem = lineProblem(line, r, prev, want, keys.length > 0 ? byId : undefined);
    if (problem) broken.push({ kioskId: r.kiosk_id, seq, reason: problem });
    heads[r.kiosk_id] = { seq, hash: line.hash };
  }
  return ok({ kiosks: Object.keys(heads).length, lines: rows.rows.length, heads, broken });
}

function lineProblem(
  line: AuditLine,
  row: { kiosk_id: string; seq: string; hash: string },
  prev: string,
  want: number,
  keys: ReadonlyMap<string, AuditKey> | undefined,
): PgAuditProblem | undefined {
  if (line.hash !== row.hash || line.kioskId !== row.kiosk_id) return 'hash-mismatch';
  if (keys) {
    if (line.alg !== 'hmac-sha256' || !line.keyId) return 'unkeyed';
    const key = keys.get(line.keyId);
    if (!key) return 'wrong-key';
    if (!sameHex(lineHash(line, key.key), line.hash)) return 'hash-mismatch';
  } else if (line.alg === undefined && lineHash(line) !== line.hash) return 'hash-mismatch';
  if (line.prev !== prev) return 'prev-mismatch';
  if (Number(row.seq) !== want || line.seq !== want) return 'seq-gap';
  return undefined;
}
