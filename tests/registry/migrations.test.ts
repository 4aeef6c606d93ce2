// Registry migrations: numbered, applied once, and an old database (created by migration 1 only)
// is upgraded in place without losing what it recorded.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import { openRegistryDatabase } from '../../core/registry/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, currentSchemaVersion } from '../../core/registry/migrations/migration';
import { createRegistry } from '../../core/registry/registry';
import { fakeIdHash, insertV3Row, sequentialUvci, tempDir } from './helpers';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

const tableNames = (db: import('better-sqlite3').Database): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('registry migrations', () => {
  it('are numbered 1..n without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('migration 1 alone creates the issuance table and nothing of later migrations', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = openRegistryDatabase(join(t.dir, 'r.sqlite'), { schemaVersion: 1 });
    if (!db.ok) throw new Error(db.error.code);
    expect(currentSchemaVersion(db.value)).toBe(1);
    expect(tableNames(db.value)).toEqual(['issuance', 'schema_version']);
    db.value.close();
  });

  it('upgrades a database created by migration 1 only, keeping its issued certificates', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'r.sqlite');
    const v1 = openRegistryDatabase(path, { schemaVersion: 1 });
    if (!v1.ok) throw new Error(v1.error.code);
    // What the registry of that version wrote for one issued certificate.
    const uvci = sequentialUvci();
    insertV3Row(v1.value, {
      idHash: fakeIdHash(1),
      uvci,
      status: 'issued',
      kioskId: 'kiosk-a',
      reservedAt: 1,
      issuedAt: 2,
    });
    v1.value.close();

    const latest = openRegistryDatabase(path);
    if (!latest.ok) throw new Error(latest.error.code);
    expect(currentSchemaVersion(latest.value)).toBe(LATEST_SCHEMA_VERSION);
    expect(tableNames(latest.value)).toContain('failed_attempt');
    const registry = createRegistry(latest.value);
    const again = registry.reserve(fakeIdHash(1), 'kiosk-a', sequentialUvci);
    expect(again).toEqual({ ok: true, value: { kind: 'already-issued', uvci, issuedAt: new Date(2) } });
    const versions = latest.value.prepare('SELECT version FROM schema_version ORDER BY version').all();
    expect(versions).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    latest.value.close();
  });

  it('opening twice applies nothing twice', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'r.sqlite');
    for (let i = 0; i < 2; i++) {
      const db = openRegistryDatabase(path);
      if (!db.ok) throw new Error(db.error.code);
      expect((db.value.prepare('SELECT count(*) AS n FROM schema_version').get() as { n: number }).n).toBe(
        LATEST_SCHEMA_VERSION,
      );
      db.value.close();
    }
  });

  it('refuses a database written by a newer version of the app', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'r.sqlite');
    const db = openRegistryDatabase(path);
    if (!db.ok) throw new Error(db.error.code);
    db.value.prepare('INSERT INTO schema_version (version, applied_at) VALUES (?, 0)').run(LATEST_SCHEMA_VERSION + 1);
    db.value.close();
    const reopened = openRegistryDatabase(path);
    expect(reopened.ok ? 'opened' : reopened.error.code).toBe('REGISTRY_UNAVAILABLE');
  });

  it('uses WAL, synchronous=FULL and a private file', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'r.sqlite');
    const db = openRegistryDatabase(path);
    if (!db.ok) throw new Error(db.error.code);
    expect(db.value.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.value.pragma('synchronous', { simple: true })).toBe(2); // FULL
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o077).toBe(0);
    db.value.close();
  });
});
