// The shape and hashing of one audit line (docs/configuration.md, "Audit log"). Each line carries the hash of
// the previous one, and its own hash is SHA-256 over prev + the canonical JSON of the line
// (keys sorted, `hash` left out), so changing, deleting or reordering a line breaks the chain.
// No personal data: the ID appears only as its keyed hash, and clerk reasons are capped.
import { createHash } from 'node:crypto';

export type AuditEvent =
  | 'certificate.issued'
  | 'certificate.reissued'
  | 'issuance.refused'
  | 'reservation.released'
  | 'reservation.stale-released'
  | 'clerk.unlocked'
  | 'clerk.pin-wrong'
  | 'clerk.locked'
  | 'kiosk.started';

export type AuditOutcome = 'ok' | 'refused' | 'failed';

/** What a caller supplies; seq, ts, kioskId, prev and hash are filled in by the audit log. */
export interface AuditEntry {
  readonly event: AuditEvent;
  readonly outcome: AuditOutcome;
  /** Keyed hash of the Genesenen-ID (core/registry/id-hash.ts). */
  readonly idHash?: string;
  readonly uvci?: string;
  /** For a reissue: the UVCI it supersedes. */
  readonly supersedes?: string;
  readonly code?: string;
  /** Random id of the clerk session (one per unlock), linking a clerk's actions. */
  readonly clerk?: string;
  /** The clerk's reason text (docs/configuration.md: never personal data). */
  readonly reason?: string;
  /** The business rule a release check failed on, e.g. `RR-DE-0002 1.0.3` (docs/business-rules.md). */
  readonly rule?: string;
  /** Issuance lines: which record source kind answered and which signer kind signed (or would
   *  have), so an auditor sees whether a certificate came from real records and a real key. */
  readonly recordSource?: string;
  readonly signer?: string;
}

export interface AuditLine extends AuditEntry {
  readonly seq: number;
  readonly ts: string;
  readonly kioskId: string;
  readonly prev: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
export const REASON_MAX_LENGTH = 200;

/** Control characters become spaces (one line stays one line), then trim and cap. */
export const sanitizeReason = (reason: string): string =>
  reason
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')
    .trim()
    .slice(0, REASON_MAX_LENGTH);

export function canonicalJson(value: Readonly<Record<string, unknown>>): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) sorted[key] = value[key];
  return JSON.stringify(sorted);
}

export function lineHash(line: Omit<AuditLine, 'hash'>): string {
  const { hash: _ignored, ...rest } = line as AuditLine;
  return createHash('sha256').update(line.prev).update(canonicalJson(rest)).digest('hex');
}

/** The line that follows `head` in a kiosk's chain (the file log and the PostgreSQL table). */
export function nextAuditLine(entry: AuditEntry, head: { seq: number; hash: string }, ts: Date, kioskId: string): AuditLine {
  const base = {
    ...entry,
    ...(entry.reason !== undefined ? { reason: sanitizeReason(entry.reason) } : {}),
    seq: head.seq + 1,
    ts: ts.toISOString(),
    kioskId,
    prev: head.hash,
  };
  return { ...base, hash: lineHash(base) };
}
