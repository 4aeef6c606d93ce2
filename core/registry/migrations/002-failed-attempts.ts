// Registry schema v2: failed attempts for the brute-force limits (`attemptLimits` in docs/configuration.md).
// Persisted in SQLite so that restarting the kiosk does not reset a counter. `key` is the ID's
// keyed hash or the kiosk id — never the typed ID, name or date of birth.
import type { Migration } from './migration';

export const migration002FailedAttempts: Migration = {
  version: 2,
  name: 'failed-attempts',
  up: (db) => {
    db.exec(`
      CREATE TABLE failed_attempt (
        id    INTEGER PRIMARY KEY,
        scope TEXT    NOT NULL CHECK (scope IN ('id', 'kiosk', 'clerk')),
        key   TEXT    NOT NULL,
        at    INTEGER NOT NULL
      );
      CREATE INDEX failed_attempt_by_key ON failed_attempt (scope, key, at);
    `);
  },
};
