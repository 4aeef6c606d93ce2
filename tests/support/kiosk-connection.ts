// The kiosk's own registry connection, for fault injection on the real code path (docs/reliability.md): a
// disk that fills (`PRAGMA max_page_count`) or a database that turns read-only
// (`PRAGMA query_only`) while the kiosk runs, without root. Every better-sqlite3 connection calls
// `pragma()` while it is opened (journal_mode, synchronous), so recording `this` there finds the
// connection createKiosk made — no hook in core is needed.
import Database from 'better-sqlite3';
import { vi } from 'vitest';

export interface ConnectionSpy {
  /** The open connection on `path` made since the spy was installed. */
  connectionTo(path: string): Database.Database;
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
      if (found.length !== 1) throw new Error(`expected one open connection to ${path}, found ${found.length}`);
      return found[0]!;
    },
    restore: () => spy.mockRestore(),
  };
}
