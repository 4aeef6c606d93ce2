// The shape and hashing of one audit line (docs/configuration.md, "Audit log"). Each line carries the hash of
// the previous one, and its own hash is SHA-256 over prev + the canonical JSON of the line
// (keys sorted, `hash` left out), so changing, deleting or reordering a line breaks the chain.
// No personal data: the ID appears only as its keyed hash, and clerk reasons are capped.
// With an audit key (docs/audit.md) the hash is an HMAC-SHA256 under a key kept outside the data
// directory, and the line says so (`alg`, `keyId`): whoever can write the data directory but not
// read the key cannot recompute a chain that `audit verify --key` accepts.
import { createHash, createHmac } from 'node:crypto';
import type { RevocationHashes } from '../revocation/revocation-hashes';
import { REASON_MAX_LENGTH } from '../limits';

export type AuditEvent =
  | 'certificate.issued'
  | 'certificate.reissued'
  | 'issuance.refused'
  | 'reservation.released'
  | 'reservation.stale-released'
  | 'clerk.unlocked'
  | 'clerk.pin-wrong'
  | 'clerk.locked'
  | 'kiosk.started'
  /** A clerk ended the kiosk-wide attempt limit ("Sperre aufheben"). */
  | 'kiosk.lock-lifted'
  | 'certificate.revoked'
  | 'audit.refusals-suppressed'
  /** `cli registry import` (docs/fleet.md): one line per source, one per duplicate found. */
  | 'registry.imported'
  | 'registry.import-duplicate';

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
  /** The clerk account (`clerk.accounts[].id`, docs/audit.md) behind a clerk action; never a citizen's name. */
  readonly clerkId?: string;
  /** A reissue beyond `clerk.maxReissuesPerId`: the second clerk who confirmed it. */
  readonly confirmedBy?: string;
  /** The clerk's reason text (docs/configuration.md: never personal data). */
  readonly reason?: string;
  /** The business rule a release check failed on, e.g. `RR-DE-0002 1.0.3` (docs/business-rules.md). */
  readonly rule?: string;
  /** Issuance lines: which record source kind answered and which signer kind signed (or would
   *  have), so an auditor sees whether a certificate came from real records and a real key. */
  readonly recordSource?: string;
  readonly signer?: string;
  /** Identical consecutive refusals aggregated into this line (docs/audit.md). */
  readonly count?: number;
  /** EU DCC revocation hashes of the certificate issued (docs/revocation.md). */
  readonly revocation?: RevocationHashes;
}

export interface AuditLine extends AuditEntry {
  readonly seq: number;
  readonly ts: string;
  readonly kioskId: string;
  readonly prev: string;
  readonly hash: string;
  /** `hmac-sha256` when the line is keyed; absent for the unkeyed SHA-256 chain. */
  readonly alg?: 'hmac-sha256';
  /** First 16 hex digits of SHA-256 over the key: tells a wrong key from a rewritten line. */
  readonly keyId?: string;
}

export interface AuditKey {
  readonly key: Buffer;
  readonly keyId: string;
}

export const auditKeyId = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

export const GENESIS_HASH = '0'.repeat(64);

/** Control characters become spaces (one line stays one line), then trim and cap. */
export const sanitizeReason = (reason: string): string =>
  reason
    .replace(/[\p{Cc}\u2028\u2029]/gu, ' ')
    .trim()
    .slice(0, REASON_MAX_LENGTH);

export function canonicalJson(value: Readonly<Record<string, unknown>>): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) sorted[key] = value[key];
  return JSON.stringify(sorted);
}

/** SHA-256 (no key) or HMAC-SHA256 (key) over prev + the canonical JSON of the line without `hash`. */
export function lineHash(line: Omit<AuditLine, 'hash'>, key?: Buffer): string {
  const { hash: _ignored, ...rest } = line as AuditLine;
  const h = key ? createHmac('sha256', key) : createHash('sha256');
  return h.update(line.prev).update(canonicalJson(rest)).digest('hex');
}

/** The line that follows `head` in a kiosk's chain (the file log and the PostgreSQL table); keyed
 *  (HMAC, docs/audit.md) when a key is given. */
export function nextAuditLine(
  entry: AuditEntry,
  head: { seq: number; hash: string },
  ts: Date,
  kioskId: string,
  key?: AuditKey,
): AuditLine {
  const base = {
    ...entry,
    ...(entry.reason !== undefined ? { reason: sanitizeReason(entry.reason) } : {}),
    seq: head.seq + 1,
    ts: ts.toISOString(),
    kioskId,
    prev: head.hash,
    ...(key ? { alg: 'hmac-sha256' as const, keyId: key.keyId } : {}),
  };
  return { ...base, hash: lineHash(base, key?.key) };
}
