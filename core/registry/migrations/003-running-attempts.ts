// Registry schema v3: an attempt is recorded as `running` before the record lookup or PIN check
// it guards and settled afterwards (core/registry/attempt-limits.ts), so attempts in flight count
// against the limit. Rows written by v2 are failures.
import type { Migration } from './migration';

export const migration003RunningAttempts: Migration = {
  version: 3,
  name: 'running-attempts',
  up: (db) => {
    db.exec(
      `ALTER TABLE failed_attempt ADD COLUMN state TEXT NOT NULL DEFAULT 'failed' CHECK (state IN ('running', 'failed'))`,
    );
  },
};
