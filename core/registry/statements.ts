// Typed prepared statements of the registry (core/registry/registry.ts). Row types mirror
// migrations/001-initial.ts column by column; nothing else reads or writes the issuance table.
import type { RegistryDatabase } from './database';

export interface IssuanceRow {
  readonly id: number;
  readonly id_hash: string;
  readonly uvci: string;
  readonly status: 'reserved' | 'issued' | 'superseded';
  readonly kiosk_id: string;
  readonly reserved_at: number;
  readonly issued_at: number | null;
  readonly superseded_at: number | null;
  readonly reservation_owner: string | null;
  readonly reservation_expires_at: number | null;
  readonly replaces_uvci: string | null;
}

export interface InsertReservationParams {
  readonly idHash: string;
  readonly uvci: string;
  readonly kioskId: string;
  readonly at: number;
  readonly owner: string;
  readonly expiresAt: number;
  readonly replaces: string | null;
}

export function prepareStatements(db: RegistryDatabase) {
  return {
    issuedFor: db.prepare<[string], IssuanceRow>("SELECT * FROM issuance WHERE id_hash = ? AND status = 'issued'"),
    reservedFor: db.prepare<[string], IssuanceRow>("SELECT * FROM issuance WHERE id_hash = ? AND status = 'reserved'"),
    allReserved: db.prepare<[], IssuanceRow>("SELECT * FROM issuance WHERE status = 'reserved'"),
    countIssued: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM issuance WHERE status = 'issued'"),
    countSuperseded: db.prepare<[string], { n: number }>(
      "SELECT count(*) AS n FROM issuance WHERE id_hash = ? AND status = 'superseded'",
    ),
    insertReservation: db.prepare<[InsertReservationParams]>(
      `INSERT INTO issuance (id_hash, uvci, status, kiosk_id, reserved_at, reservation_owner, reservation_expires_at, replaces_uvci)
       VALUES (@idHash, @uvci, 'reserved', @kioskId, @at, @owner, @expiresAt, @replaces)`,
    ),
    markIssued: db.prepare<[number, string, string]>(
      `UPDATE issuance SET status = 'issued', issued_at = ?, reservation_owner = NULL, reservation_expires_at = NULL
       WHERE uvci = ? AND status = 'reserved' AND reservation_owner = ?`,
    ),
    supersede: db.prepare<[number, string]>(
      "UPDATE issuance SET status = 'superseded', superseded_at = ? WHERE uvci = ? AND status = 'issued'",
    ),
    deleteReservation: db.prepare<[string, string | null]>(
      "DELETE FROM issuance WHERE uvci = ? AND status = 'reserved' AND reservation_owner IS ?",
    ),
  };
}
