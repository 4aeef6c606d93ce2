// A kiosk's data directory from before migration 004, end to end: a certificate issued by the kiosk, the registry then turned back into schema v3 (the rows as v3 stored them), and
// the kiosk started again. After the upgrade the person is ALREADY_ISSUED, a new person gets one
// certificate, the audit chain verifies and still tells the registry's story.
import { afterEach, describe, expect, it } from 'vitest';
import { renameSync, rmSync } from 'node:fs';
import { openRegistryDatabase } from '../../core/registry/database';
import { currentSchemaVersion, LATEST_SCHEMA_VERSION } from '../../core/registry/migrations/migration';
import { utcDay } from '../../core/issuance/validity-rules';
import { makeDirs, openKiosk } from '../issuance/kiosk-helpers';
import {
  auditChain,
  auditLines,
  auditMatchesRegistry,
  inspectRegistry,
  registryPathOf,
} from '../support/registry-inspect';

const NOW = new Date();
const erika = { genesenenId: 'rzjq mtfb 84wv', familyName: 'mustermann', dateOfBirth: '1964-08-12', lang: 'de' };
const other = {
  genesenenId: 'TN4N-W47J-XHSX',
  familyName: 'Müller-Lüdenscheidt',
  dateOfBirth: '1975-03-01',
  lang: 'de',
};

let dirs: ReturnType<typeof makeDirs> | undefined;
afterEach(() => dirs?.cleanup());

/** Rewrites the registry file as schema v3 with the same rows (the kiosk is closed). */
function backToV3(path: string): void {
  const tmp = `${path}.v3`;
  const v3 = openRegistryDatabase(tmp, { schemaVersion: 3 });
  if (!v3.ok) throw new Error(v3.error.code);
  v3.value.prepare('ATTACH DATABASE ? AS cur').run(path);
  v3.value.exec(`
    INSERT INTO issuance (id_hash, uvci, status, kiosk_id, reserved_at, issued_at, superseded_at, reservation_owner,
                          reservation_expires_at, replaces_uvci)
      SELECT id_hash, uvci, status, kiosk_id, reserved_at, issued_at, superseded_at, reservation_owner,
             reservation_expires_at, replaces_uvci
      FROM cur.issuance_view ORDER BY reserved_at, state DESC;
    INSERT INTO failed_attempt (scope, key, at, state) SELECT scope, key, at, state FROM cur.failed_attempt;
    DETACH DATABASE cur;
  `);
  v3.value.close();
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
  renameSync(tmp, path);
}

describe('migration 004 on a kiosk data directory', () => {
  it('keeps the issued certificates, their audit story and exactly once', { timeout: 60_000 }, async () => {
    dirs = makeDirs();
    const { dataDir } = dirs;
    let kiosk = await openKiosk({ dataDir, now: () => NOW });
    const first = await kiosk.api.issue(erika);
    if (!first.ok) throw new Error(JSON.stringify(first.error));
    await kiosk.close();

    const path = registryPathOf(dataDir);
    const before = inspectRegistry(path).rows;
    backToV3(path);
    const old = openRegistryDatabase(path, { schemaVersion: 3 });
    if (!old.ok) throw new Error(old.error.code);
    expect(currentSchemaVersion(old.value)).toBe(3);
    old.value.close();

    kiosk = await openKiosk({ dataDir, now: () => NOW });
    try {
      expect(await kiosk.api.issue(erika)).toEqual({
        ok: false,
        error: { code: 'ALREADY_ISSUED', details: { issuedOn: utcDay(NOW) } },
      });
      const second = await kiosk.api.issue(other);
      if (!second.ok) throw new Error(JSON.stringify(second.error));
      expect(await kiosk.api.issue(other)).toMatchObject({ ok: false, error: { code: 'ALREADY_ISSUED' } });
    } finally {
      await kiosk.close();
    }
    const after = inspectRegistry(path);
    expect(after.integrity).toBe('ok');
    expect(before).toHaveLength(1);
    expect(after.rows).toHaveLength(2);
    expect(after.rows).toEqual(expect.arrayContaining([...before]));
    expect(after.rows.map((r) => r.status)).toEqual(['issued', 'issued']);
    const db = openRegistryDatabase(path);
    if (!db.ok) throw new Error(db.error.code);
    expect(currentSchemaVersion(db.value)).toBe(LATEST_SCHEMA_VERSION);
    db.value.close();
    expect(auditChain(dataDir).ok).toBe(true);
    expect(auditMatchesRegistry(auditLines(dataDir), after.rows)).toEqual([]);
  });
});
