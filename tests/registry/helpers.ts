// Shared set-up for the registry tests: a temporary directory per test and an opened registry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openRegistryDatabase, type RegistryDatabase } from '../../core/registry/database';
import { createRegistry, type Registry, type RegistryOptions } from '../../core/registry/registry';

export function tempDir(prefix = 'kiosk-registry-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTestRegistry(
  path: string,
  opts: RegistryOptions = {},
): { db: RegistryDatabase; registry: Registry } {
  const db = openRegistryDatabase(path);
  if (!db.ok) throw new Error(`registry did not open: ${db.error.code}`);
  return { db: db.value, registry: createRegistry(db.value, opts) };
}

/** A 64-hex-character stand-in for an ID hash. */
export const fakeIdHash = (n: number): string => n.toString(16).padStart(64, '0');

let uvciCounter = 0;
export const sequentialUvci = (): string => `URN:UVCI:01:DE:TEST/${(++uvciCounter).toString().padStart(8, '0')}`;

/** The pid of a process that has exited (and been reaped), for "owner gone" tests. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

export interface RawIssuanceRow {
  readonly idHash: string;
  readonly uvci: string;
  readonly status: 'reserved' | 'issued' | 'superseded';
  readonly kioskId: string;
  readonly reservedAt: number;
  readonly issuedAt?: number | null;
  readonly supersededAt?: number | null;
  readonly owner?: string | null;
  readonly expiresAt?: number | null;
  readonly replacesUvci?: string | null;
  /** Superseded rows only: 1, 2, … per ID (schema v4). */
  readonly seq?: number;
}

/** Writes a row straight into the v4 table (core/registry/migrations/004-compact-issuance.ts), bypassing the registry. */
export function insertRawRow(db: RegistryDatabase, r: RawIssuanceRow): void {
  const cut = r.uvci.lastIndexOf('/') + 1;
  db.prepare('INSERT OR IGNORE INTO kiosk (kiosk_id) VALUES (?)').run(r.kioskId);
  db.prepare('INSERT OR IGNORE INTO uvci_prefix (prefix) VALUES (?)').run(r.uvci.slice(0, cut));
  db.prepare(
    `INSERT INTO issuance (id_hash, state, seq, uvci_prefix, uvci_rest, kiosk, reserved_at, issued_at, superseded_at,
                           reservation_owner, reservation_expires_at, replaces_uvci)
     VALUES (unhex(?), ?, ?, (SELECT id FROM uvci_prefix WHERE prefix = ?), ?, (SELECT id FROM kiosk WHERE kiosk_id = ?),
             ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.idHash,
    { reserved: 0, issued: 1, superseded: 2 }[r.status],
    r.seq ?? (r.status === 'superseded' ? 1 : 0),
    r.uvci.slice(0, cut),
    r.uvci.slice(cut),
    r.kioskId,
    r.reservedAt,
    r.issuedAt ?? null,
    r.supersededAt ?? null,
    r.owner ?? null,
    r.expiresAt ?? null,
    r.replacesUvci ?? null,
  );
}

/** Writes a row into the issuance table of schema v1–v3, as the kiosk did before migration 004. */
export function insertV3Row(db: RegistryDatabase, r: RawIssuanceRow): void {
  db.prepare(
    `INSERT INTO issuance (id_hash, uvci, status, kiosk_id, reserved_at, issued_at, superseded_at, reservation_owner,
                           reservation_expires_at, replaces_uvci)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.idHash,
    r.uvci,
    r.status,
    r.kioskId,
    r.reservedAt,
    r.issuedAt ?? null,
    r.supersededAt ?? null,
    r.owner ?? null,
    r.expiresAt ?? null,
    r.replacesUvci ?? null,
  );
}
