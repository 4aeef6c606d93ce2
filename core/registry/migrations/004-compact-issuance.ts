// Registry schema v4: the issuance table made compact (docs/reliability.md, "Registry schema"; sizes in
// docs/performance.md). Same rows, same guarantees, about a third of the bytes:
// - the ID hash as 32 bytes (BLOB) instead of 64 hex characters;
// - the status as a small integer (`state`: 0 reserved, 1 issued, 2 superseded);
// - the kiosk id and the UVCI's prefix (`URN:UVCI:01:DE:<ISSUER>/`) once each in lookup tables
//   (`kiosk`, `uvci_prefix`); a row keeps the UVCI's random rest;
// - WITHOUT ROWID, keyed by (id_hash, state, seq): `seq` is 0 for the reserved and the issued row
//   and numbers an ID's superseded rows 1, 2, …. The primary key itself therefore allows at most one
//   issued and one reserved row per ID — what the partial unique indexes of v1 guaranteed — and
//   every lookup by ID is a lookup of the key. One small partial index finds open reservations.
// - no unique index on the UVCI: nothing looks a row up by its UVCI alone, and the opaque part
//   holds 124 bits from a CSPRNG (core/dcc/uvci.ts). The PostgreSQL registry keeps its UVCI
//   index: the import finds rows by UVCI there.
// `issuance_view` shows the rows with the columns of v1–v3 (hex, whole UVCI, status words) for
// readers and operators. Every row is copied; the copy is checked by count before the old table
// is dropped, in the migration's own transaction (migration.ts): a failure leaves v3 untouched.
import type { Migration } from './migration';
import { splitUvci } from '../issuance-schema';

export const migration004CompactIssuance: Migration = {
  version: 4,
  name: 'compact-issuance',
  up: (db) => {
    db.function('uvci_prefix_of', { deterministic: true }, (uvci: unknown) => splitUvci(String(uvci)).prefix);
    db.function('uvci_rest_of', { deterministic: true }, (uvci: unknown) => splitUvci(String(uvci)).rest);
    db.exec(`
      CREATE TABLE kiosk (
        id       INTEGER PRIMARY KEY,
        kiosk_id TEXT    NOT NULL UNIQUE
      );
      CREATE TABLE uvci_prefix (
        id     INTEGER PRIMARY KEY,
        prefix TEXT    NOT NULL UNIQUE
      );
      CREATE TABLE issuance_v4 (
        id_hash                BLOB    NOT NULL CHECK (typeof(id_hash) = 'blob' AND length(id_hash) = 32),
        state                  INTEGER NOT NULL CHECK (state IN (0, 1, 2)),
        seq                    INTEGER NOT NULL CHECK ((state = 2) = (seq > 0) AND seq >= 0),
        uvci_prefix            INTEGER NOT NULL REFERENCES uvci_prefix (id),
        uvci_rest              TEXT    NOT NULL,
        kiosk                  INTEGER NOT NULL REFERENCES kiosk (id),
        reserved_at            INTEGER NOT NULL,
        issued_at              INTEGER,
        superseded_at          INTEGER,
        reservation_owner      TEXT,
        reservation_expires_at INTEGER,
        replaces_uvci          TEXT,
        PRIMARY KEY (id_hash, state, seq)
      ) WITHOUT ROWID;

      INSERT INTO kiosk (kiosk_id) SELECT DISTINCT kiosk_id FROM issuance ORDER BY kiosk_id;
      INSERT INTO uvci_prefix (prefix) SELECT DISTINCT uvci_prefix_of(uvci) AS p FROM issuance ORDER BY p;
      INSERT INTO issuance_v4 (id_hash, state, seq, uvci_prefix, uvci_rest, kiosk, reserved_at, issued_at,
                               superseded_at, reservation_owner, reservation_expires_at, replaces_uvci)
        SELECT unhex(i.id_hash),
               CASE i.status WHEN 'reserved' THEN 0 WHEN 'issued' THEN 1 ELSE 2 END,
               CASE i.status WHEN 'superseded'
                 THEN row_number() OVER (PARTITION BY i.id_hash, i.status ORDER BY i.superseded_at, i.id)
                 ELSE 0 END,
               p.id, uvci_rest_of(i.uvci), k.id, i.reserved_at, i.issued_at,
               i.superseded_at, i.reservation_owner, i.reservation_expires_at, i.replaces_uvci
        FROM issuance i
        JOIN kiosk k ON k.kiosk_id = i.kiosk_id
        JOIN uvci_prefix p ON p.prefix = uvci_prefix_of(i.uvci)
        ORDER BY 1, 2, 3;
    `);
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    if (count('issuance_v4') !== count('issuance')) throw new Error('migration 4: row count differs after the copy');
    db.exec(`
      DROP TABLE issuance;
      ALTER TABLE issuance_v4 RENAME TO issuance;
      CREATE INDEX issuance_open_reservations ON issuance (reservation_expires_at) WHERE state = 0;
      CREATE VIEW issuance_view AS
        SELECT lower(hex(i.id_hash)) AS id_hash,
               p.prefix || i.uvci_rest AS uvci,
               CASE i.state WHEN 0 THEN 'reserved' WHEN 1 THEN 'issued' ELSE 'superseded' END AS status,
               k.kiosk_id AS kiosk_id,
               i.reserved_at, i.issued_at, i.superseded_at, i.reservation_owner, i.reservation_expires_at,
               i.replaces_uvci, i.state, i.seq
        FROM issuance i
        JOIN uvci_prefix p ON p.id = i.uvci_prefix
        JOIN kiosk k ON k.id = i.kiosk;
    `);
  },
};
