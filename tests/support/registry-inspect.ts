// Looks at a kiosk's data directory from outside, the way an operator or auditor would (docs/reliability.md):
// registry rows and SQLite's own integrity check, the audit log's lines and hash chain, and the
// ID hash of a Genesenen-ID (with the installation's secret). Read-only in effect; opening the
// registry read-write only lets SQLite recover a WAL left behind by a killed process.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditLine } from '../../core/audit/audit-line';
import { verifyAuditChain } from '../../core/audit/verify-chain';
import { createIdFormat } from '../../core/id/genesenen-id';
import { createIdHasher, loadOrCreateSecret, secretPathFor } from '../../core/registry/id-hash';
import { readableIssuance } from '../../core/registry/issuance-schema';
import { dataPaths } from '../../core/paths';

export interface RegistryRow {
  readonly id_hash: string;
  readonly uvci: string;
  readonly status: 'reserved' | 'issued' | 'superseded';
  readonly kiosk_id: string;
  readonly reservation_owner: string | null;
}

export interface RegistrySnapshot {
  readonly integrity: string;
  readonly rows: readonly RegistryRow[];
}

export function inspectRegistry(registryPath: string): RegistrySnapshot {
  if (!existsSync(registryPath)) return { integrity: 'ok', rows: [] };
  const db = new Database(registryPath, { timeout: 10_000 });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    // Schema v4 shows hex hashes and whole UVCIs through issuance_view (core/registry/issuance-schema.ts).
    const rows = db
      .prepare(
        `SELECT id_hash, uvci, status, kiosk_id, reservation_owner FROM ${readableIssuance(db)}
         ORDER BY reserved_at, status = 'reserved', status = 'issued', uvci`,
      )
      .all() as RegistryRow[];
    return { integrity, rows };
  } finally {
    db.close();
  }
}

export const registryPathOf = (dataDir: string): string => dataPaths(dataDir).registry;

/** The ID hash the kiosk stores for a Genesenen-ID (as typed: with or without hyphens). */
export function idHashIn(dataDir: string): (genesenenId: string) => string {
  const secret = loadOrCreateSecret(secretPathFor(registryPathOf(dataDir)));
  if (!secret.ok) throw new Error(`registry secret: ${secret.error.code}`);
  const hash = createIdHasher(secret.value);
  const format = createIdFormat();
  return (id) => {
    const n = format.normalize(id);
    if (!n.ok) throw new Error('not a valid Genesenen-ID');
    return hash(n.value.normalized);
  };
}

export function auditLines(dataDir: string): AuditLine[] {
  const dir = dataPaths(dataDir).auditDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as AuditLine),
    );
}

export function auditChain(dataDir: string) {
  const dir = dataPaths(dataDir).auditDir;
  return existsSync(dir) ? verifyAuditChain(dir) : ({ ok: true, value: { lines: 0, lastHash: '' } } as const);
}

/**
 * The audit log tells the registry's story: every UVCI the registry holds as issued (or
 * superseded) has its `certificate.issued`/`reissued` line, and every such line whose UVCI the
 * registry does not hold is followed by a `reservation.released` or `.stale-released` for it (the
 * line is written inside the commit transaction; the process died, or the commit failed — disk
 * full — after it was written). Returns the violations.
 */
export function auditMatchesRegistry(lines: readonly AuditLine[], rows: readonly RegistryRow[]): string[] {
  const problems: string[] = [];
  const issuedLines = lines.filter((l) => l.event === 'certificate.issued' || l.event === 'certificate.reissued');
  const granted = new Set(rows.filter((r) => r.status !== 'reserved').map((r) => r.uvci));
  const logged = new Set(issuedLines.map((l) => l.uvci));
  for (const uvci of granted) if (!logged.has(uvci)) problems.push(`registry issued ${uvci} without an audit line`);
  for (const line of issuedLines) {
    if (granted.has(line.uvci!)) continue;
    const releasedLater = lines.some(
      (l) =>
        l.seq > line.seq &&
        (l.event === 'reservation.stale-released' || l.event === 'reservation.released') &&
        l.uvci === line.uvci,
    );
    const stillReserved = rows.some((r) => r.uvci === line.uvci && r.status === 'reserved');
    if (!releasedLater && !stillReserved)
      problems.push(`audit says ${line.uvci} issued; registry has no such certificate and no release`);
  }
  return problems;
}
