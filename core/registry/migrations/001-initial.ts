// Registry schema v1 (docs/reliability.md, "exactly once"): one row per certificate identity (UVCI), keyed by
// the HMAC of the Genesenen-ID. Partial unique indexes make "at most one issued and at most one
// reserved certificate per ID" a property of the database, not just of our code, so even a bug
// or a second process cannot issue twice. No name, date of birth, certificate or HC1 is stored.
// Times are integers (ms since epoch), never date strings that could resemble a date of birth.
import type { Migration } from './migration';

export const migration001Initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE issuance (
        id                     INTEGER PRIMARY KEY,
        id_hash                TEXT    NOT NULL CHECK (length(id_hash) = 64),
        uvci                   TEXT    NOT NULL,
        status                 TEXT    NOT NULL CHECK (status IN ('reserved', 'issued', 'superseded')),
        kiosk_id               TEXT    NOT NULL,
        reserved_at            INTEGER NOT NULL,
        issued_at              INTEGER,
        superseded_at          INTEGER,
        reservation_owner      TEXT,
        reservation_expires_at INTEGER,
        replaces_uvci          TEXT
      );
      CREATE UNIQUE INDEX issuance_uvci ON issuance (uvci);
      CREATE UNIQUE INDEX issuance_one_issued_per_id ON issuance (id_hash) WHERE status = 'issued';
      CREATE UNIQUE INDEX issuance_one_reserved_per_id ON issuance (id_hash) WHERE status = 'reserved';
    `);
  },
};
