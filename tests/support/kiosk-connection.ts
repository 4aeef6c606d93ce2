// The kiosk's own registry connection, for fault injection on the real code path (docs/reliability.md): a
// disk that fills (`PRAGMA max_page_count`) or a database that turns read-only
// (`PRAGMA query_only`) while the kiosk runs, without root. Every better-sqlite3 connection calls
// `pragma()` while it is opened (journal_mode, synchronous), so recording `this` there finds the
// connection createKiosk made — no hook in core is needed.
import Database from 'better-sqlite3';
import { vi } from 'vitest';

/** Every open connection the kiosk made on one file (the issuance connection and the attempt
 *  counters' own connection, core/registry/open-engine.ts): a fault applies to all of them. */
export interface KioskConnections {
  readonly count: number;
  /** Runs the pragma on every connection; returns the first connection's answer. */
  pragma(sql: string, options?: Database.PragmaOptions): unknown;
}

export interface ConnectionSpy {
  /** The open connections on `path` made since the spy was installed. */
  connectionTo(path: string): KioskConnections;
  restore(): void;
}

export function spyOnConnections(): ConnectionSpy {
  const seen = new Set<Database.Database>();
  const original = Database.prototype.pragma;
  const spy = vi.spyOn(Database.prototype, 'pragma').mockImplementation(function (this: Database.Database, ...args) {
    seen.add(this);
    return original.apply(this, args);
  });
  return {
    connectionTo(path) {
      const found = [...seen].filter((db) => db.open && db.name === path);
      if (found.length === 0) throw new Error(`expected an open connection to ${path}, found none`);
      return {
        count: found.length,
        pragma: (sql, options) => found.map((db) => db.pragma(sql, options))[0],
      };
    },
    restore: () => spy.mockRestore(),
  };
}
