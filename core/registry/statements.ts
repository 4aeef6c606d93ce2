// Typed prepared statements of the registry (core/registry/registry.ts) on the schema of
// migrations/004-compact-issuance.ts. Rows come back as the rest of the registry speaks: the ID
// hash in hex, the whole UVCI; parameters go in the same way and are translated here
// (issuance-schema.ts). Every statement finds its rows by the primary key (id_hash, state, seq)
// or, for open reservations, by the small partial index. Nothing else writes the issuance table.
import type { RegistryDatabase } from './database';
import { idHashBytes, splitUvci } from './issuance-schema';

/** A reserved or issued row, as registry.ts sees it. */
export interface IssuanceRow {
  readonly id_hash: string;
  readonly uvci: string;
  readonly issued_at: number | null;
  readonly reservation_owner: string | null;
  readonly reservation_expires_at: number | null;
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

const ROW = `lower(hex(i.id_hash)) AS id_hash, p.prefix || i.uvci_rest AS uvci, i.issued_at,
  i.reservation_owner, i.reservation_expires_at
  FROM issuance i JOIN uvci_prefix p ON p.id = i.uvci_prefix`;
/** The row of one ID in a state with seq 0 (reserved: 0, issued: 1) whose UVCI is `@prefix || @rest`. */
const SAME_UVCI = 'uvci_rest = @rest AND uvci_prefix = (SELECT id FROM uvci_prefix WHERE prefix = @prefix)';

export function prepareStatements(db: RegistryDatabase) {
  const issuedFor = db.prepare<[Buffer], IssuanceRow>(
    `SELECT ${ROW} WHERE i.id_hash = ? AND i.state = 1 AND i.seq = 0`,
  );
  const reservedFor = db.prepare<[Buffer], IssuanceRow>(
    `SELECT ${ROW} WHERE i.id_hash = ? AND i.state = 0 AND i.seq = 0`,
  );
  const allReserved = db.prepare<[], IssuanceRow>(`SELECT ${ROW} WHERE i.state = 0`);
  const countIssued = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM issuance WHERE state = 1');
  const countSuperseded = db.prepare<[Buffer], { n: number }>(
    'SELECT count(*) AS n FROM issuance WHERE id_hash = ? AND state = 2',
  );
  const addKiosk = db.prepare<[string]>('INSERT OR IGNORE INTO kiosk (kiosk_id) VALUES (?)');
  const addPrefix = db.prepare<[string]>('INSERT OR IGNORE INTO uvci_prefix (prefix) VALUES (?)');
  const insertReservation = db.prepare<
    [
      {
        idHash: Buffer;
        prefix: string;
        rest: string;
        kioskId: string;
        at: number;
        owner: string;
        expiresAt: number;
        replaces: string | null;
      },
    ]
  >(
    `INSERT INTO issuance (id_hash, state, seq, uvci_prefix, uvci_rest, kiosk, reserved_at, reservation_owner,
                           reservation_expires_at, replaces_uvci)
     VALUES (@idHash, 0, 0, (SELECT id FROM uvci_prefix WHERE prefix = @prefix), @rest,
             (SELECT id FROM kiosk WHERE kiosk_id = @kioskId), @at, @owner, @expiresAt, @replaces)`,
  );
  const markIssued = db.prepare<[{ at: number; idHash: Buffer; prefix: string; rest: string; owner: string }]>(
    `UPDATE issuance SET state = 1, issued_at = @at, reservation_owner = NULL, reservation_expires_at = NULL
     WHERE id_hash = @idHash AND state = 0 AND seq = 0 AND reservation_owner = @owner AND ${SAME_UVCI}`,
  );
  const supersede = db.prepare<[{ at: number; idHash: Buffer; prefix: string; rest: string }]>(
    `UPDATE issuance SET state = 2, superseded_at = @at,
       seq = (SELECT coalesce(max(seq), 0) + 1 FROM issuance WHERE id_hash = @idHash AND state = 2)
     WHERE id_hash = @idHash AND state = 1 AND seq = 0 AND ${SAME_UVCI}`,
  );
  const deleteReservation = db.prepare<[{ idHash: Buffer; prefix: string; rest: string; owner: string | null }]>(
    `DELETE FROM issuance
     WHERE id_hash = @idHash AND state = 0 AND seq = 0 AND reservation_owner IS @owner AND ${SAME_UVCI}`,
  );

  return {
    issuedFor: (idHash: string) => issuedFor.get(idHashBytes(idHash)),
    reservedFor: (idHash: string) => reservedFor.get(idHashBytes(idHash)),
    allReserved: () => allReserved.all(),
    countIssued: () => countIssued.get()?.n ?? 0,
    countSuperseded: (idHash: string) => countSuperseded.get(idHashBytes(idHash))?.n ?? 0,
    insertReservation: (p: InsertReservationParams) => {
      const { prefix, rest } = splitUvci(p.uvci);
      addKiosk.run(p.kioskId);
      addPrefix.run(prefix);
      insertReservation.run({ ...p, idHash: idHashBytes(p.idHash), prefix, rest });
    },
    /** Changes 1 row when the reservation is still ours, else 0. */
    markIssued: (at: number, idHash: string, uvci: string, owner: string) =>
      markIssued.run({ at, idHash: idHashBytes(idHash), ...splitUvci(uvci), owner }).changes,
    supersede: (at: number, idHash: string, uvci: string) =>
      supersede.run({ at, idHash: idHashBytes(idHash), ...splitUvci(uvci) }).changes,
    deleteReservation: (idHash: string, uvci: string, owner: string | null) =>
      deleteReservation.run({ idHash: idHashBytes(idHash), ...splitUvci(uvci), owner }).changes,
  };
}
