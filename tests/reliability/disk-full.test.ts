// Disk full while the kiosk runs (docs/reliability.md): issuing stops with DISK_FULL, nothing is half-written
// — no certificate handed out without its registry row, no reservation left blocking the ID, no
// torn audit line — and once there is space again the same citizen gets exactly one certificate.
// Two ways to fill the disk, both on the kiosk's real code path (createKiosk → KioskApi.issue):
//   - portable: `PRAGMA max_page_count` on the kiosk's own registry connection (SQLITE_FULL);
//   - real: the whole data directory on a small tmpfs that a filler file fills to within 0–8
//     pages, so the disk runs out at every write of an issuance in turn (needs `mount`).
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { makeDirs, type TestPerson } from '../issuance/kiosk-helpers';
import { spyOnConnections } from '../support/kiosk-connection';
import { mountTmpfs } from '../support/mounts';
import { bulkPeople, writeKioskConfigs } from '../support/people';
import {
  auditChain,
  auditLines,
  auditMatchesRegistry,
  idHashIn,
  inspectRegistry,
  registryPathOf,
} from '../support/registry-inspect';

const dirs = makeDirs();
const people = bulkPeople(120, new Date(), 'Plattenvoll');
const [configPath] = writeKioskConfigs(dirs.configDir, people, ['kiosk-full']);
afterAll(() => dirs.cleanup());

async function open(dataDir: string): Promise<Kiosk> {
  const k = await createKiosk({ dataDir, configPath: configPath!, logSink: () => undefined });
  if (!k.ok) throw new Error(`kiosk did not start: ${k.error.code}`);
  return k.value;
}

const outcome = async (k: Kiosk, p: TestPerson) => {
  const r = await k.api.issue({ ...p, lang: 'de' });
  return r.ok ? 'issued' : r.error.code;
};

/** Nothing half-written: integrity, no reservation left, audit chain and story intact. */
function expectConsistent(dataDir: string): void {
  const { integrity, rows } = inspectRegistry(registryPathOf(dataDir));
  expect(integrity).toBe('ok');
  expect(rows.filter((r) => r.status === 'reserved')).toEqual([]);
  expect(auditChain(dataDir).ok).toBe(true);
  expect(auditMatchesRegistry(auditLines(dataDir), rows)).toEqual([]);
}

describe('registry full (SQLite max_page_count on the kiosk connection)', () => {
  it(
    'DISK_FULL as soon as the registry cannot grow; after space is freed the ID issues once',
    { timeout: 60_000 },
    async () => {
      const dataDir = join(dirs.configDir, 'pages');
      const spy = spyOnConnections();
      const kiosk = await open(dataDir);
      const db = spy.connectionTo(registryPathOf(dataDir));
      spy.restore();
      // Migration 004 leaves the pages of the v3 table free, and a compact row is ~100 bytes: without
      // the VACUUM the first hundred certificates would fit into free pages and never need to grow.
      const vacuum = new Database(registryPathOf(dataDir));
      vacuum.exec('VACUUM');
      vacuum.close();
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
      const codes: string[] = [];
      let failed: TestPerson | undefined;
      for (const p of people.slice(0, 100)) {
        const code = await outcome(kiosk, p);
        codes.push(code);
        if (code !== 'issued') {
          failed = p;
          break;
        }
      }
      expect(codes.at(-1)).toBe('DISK_FULL');
      expect(codes.slice(0, -1).every((c) => c === 'issued')).toBe(true);
      const hash = idHashIn(dataDir)(failed!.genesenenId);
      expect(inspectRegistry(registryPathOf(dataDir)).rows.filter((r) => r.id_hash === hash)).toEqual([]);
      expectConsistent(dataDir);

      db.pragma('max_page_count = 1073741823');
      expect(await outcome(kiosk, failed!)).toBe('issued');
      expect(await outcome(kiosk, failed!)).toBe('ALREADY_ISSUED');
      await kiosk.close();
      expectConsistent(dataDir);
      console.info(`disk full (max_page_count): DISK_FULL after ${codes.length - 1} certificates`);
    },
  );
});

const tmpfs = mountTmpfs(4096);
if ('unavailable' in tmpfs) console.warn(`disk-full: real ENOSPC part skipped: ${tmpfs.unavailable}`);
afterAll(() => {
  if (!('unavailable' in tmpfs)) tmpfs.unmount();
});

describe('data directory on a full tmpfs', () => {
  it.skipIf('unavailable' in tmpfs)(
    'every write of an issuance hitting ENOSPC: DISK_FULL or issued, never half; retry issues once',
    { timeout: 90_000 },
    async () => {
      if ('unavailable' in tmpfs) return;
      const dataDir = join(tmpfs.dir, 'data');
      mkdirSync(dataDir);
      const kiosk = await open(dataDir);
      const seen: Record<string, number> = {};
      let next = 0;
      for (let round = 0; round < 3; round++) {
        for (let free = 0; free <= 8; free++) {
          const p = people[next++]!;
          tmpfs.fill(free);
          const first = await outcome(kiosk, p);
          tmpfs.unfill();
          expect(['issued', 'DISK_FULL']).toContain(first);
          seen[first] = (seen[first] ?? 0) + 1;
          // The citizen tries again once the clerk has freed space.
          expect(await outcome(kiosk, p), `${free} pages free, first ${first}`).toBe(
            first === 'issued' ? 'ALREADY_ISSUED' : 'issued',
          );
          expectConsistent(dataDir);
        }
      }
      await kiosk.close();
      expectConsistent(dataDir);
      console.info('disk full (tmpfs):', JSON.stringify(seen));
      expect(seen.DISK_FULL).toBeGreaterThan(0);
    },
  );
});
