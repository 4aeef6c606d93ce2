// A read-only registry (docs/reliability.md): issuing stops with REGISTRY_READ_ONLY and nothing is written.
//   - at start-up, by file modes (registry 0444 and directory 0555; directory 0555 only; audit
//     directory 0555). File modes do not bind root, so as root the kiosk runs as `nobody` in a
//     child process (tests/support/child-kiosk.ts) — the same code path, honest permissions;
//   - while running: `PRAGMA query_only` on the kiosk's own connection (SQLITE_READONLY).
// A read-only registry must not become a free oracle either: a wrong guess is not counted then,
// so it must not be answered NOT_FOUND while a right one gets REGISTRY_READ_ONLY.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { dataPaths } from '../../core/paths';
import { makeDirs, type TestPerson } from '../issuance/kiosk-helpers';
import { repoRoot, startWorker } from '../support/child-kiosk';
import { spyOnConnections } from '../support/kiosk-connection';
import { bulkPeople, writeKioskConfigs } from '../support/people';
import { inspectRegistry, registryPathOf } from '../support/registry-inspect';

const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;
/** As root, the file-mode tests need `nobody` to reach this checkout's node_modules. */
const nobodyCannotRun = asRoot
  ? spawnSync(
      process.execPath,
      ['-e', `require(require.resolve('better-sqlite3', { paths: [${JSON.stringify(repoRoot)}] }))`],
      { ...NOBODY, stdio: 'ignore' },
    ).status !== 0
  : false;
if (nobodyCannotRun)
  console.warn('read-only: file-mode tests skipped: user nobody cannot read this checkout (e.g. under /root)');
const people = bulkPeople(12, new Date(), 'Schreibschutz');
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** A data directory with a registry (one certificate issued) and audit log, kiosk closed. */
async function preparedKiosk(): Promise<{ dataDir: string; configPath: string }> {
  const dirs = makeDirs();
  cleanups.push(() => {
    chmodTree(dirname(dirs.dataDir), 0o700);
    dirs.cleanup();
  });
  const [configPath] = writeKioskConfigs(dirs.configDir, people, ['kiosk-ro']);
  const kiosk = await open(dirs.dataDir, configPath!);
  expect((await kiosk.api.issue({ ...people[0]!, lang: 'de' })).ok).toBe(true);
  await kiosk.close();
  if (asRoot) chownTree(dirname(dirs.dataDir));
  chmodSync(dirname(dirs.dataDir), 0o755);
  return { dataDir: dirs.dataDir, configPath: configPath! };
}

function chownTree(path: string): void {
  chownSync(path, NOBODY.uid, NOBODY.gid);
  if (statSync(path).isDirectory()) for (const f of readdirSync(path)) chownTree(join(path, f));
}
function chmodTree(path: string, mode: number): void {
  try {
    chmodSync(path, mode);
    if (statSync(path).isDirectory()) for (const f of readdirSync(path)) chmodTree(join(path, f), mode);
  } catch {
    // already gone
  }
}

async function open(dataDir: string, configPath: string): Promise<Kiosk> {
  const k = await createKiosk({ dataDir, configPath, logSink: () => undefined });
  if (!k.ok) throw new Error(`kiosk did not start: ${k.error.code}`);
  return k.value;
}

/** Starts the kiosk (as `nobody` when we are root) and asks for one certificate. */
async function tryToIssue(dataDir: string, configPath: string, p: TestPerson): Promise<string> {
  const w = await startWorker(
    { dataDir, configPath, requests: [p] },
    dirname(configPath),
    {},
    asRoot ? NOBODY : undefined,
  );
  await w.exited;
  const fatal = w.lines.find((l) => l.event === 'fatal');
  if (fatal) return `start: ${fatal.code}`;
  const result = w.lines.find((l) => l.event === 'result');
  if (!result) throw new Error(`worker said nothing: ${w.stderr()}`);
  return result.ok ? 'issued' : `issue: ${result.code}`;
}

describe.skipIf(nobodyCannotRun)('read-only at start-up (file modes)', () => {
  it(
    'registry 0444 in a 0555 directory: the kiosk refuses to start with REGISTRY_READ_ONLY, the file is untouched',
    { timeout: 30_000 },
    async () => {
      const { dataDir, configPath } = await preparedKiosk();
      const registry = registryPathOf(dataDir);
      const before = readFileSync(registry);
      chmodSync(registry, 0o444);
      chmodSync(dataDir, 0o555);
      expect(await tryToIssue(dataDir, configPath, people[1]!)).toBe('start: REGISTRY_READ_ONLY');
      expect(readFileSync(registry)).toEqual(before);
    },
  );

  it('a 0555 directory (no WAL can be created) is REGISTRY_READ_ONLY too', { timeout: 30_000 }, async () => {
    const { dataDir, configPath } = await preparedKiosk();
    chmodSync(dataDir, 0o555);
    expect(await tryToIssue(dataDir, configPath, people[2]!)).toBe('start: REGISTRY_READ_ONLY');
  });

  it(
    'a read-only audit directory: the kiosk starts, issuing is REGISTRY_READ_ONLY, no certificate recorded',
    { timeout: 30_000 },
    async () => {
      const { dataDir, configPath } = await preparedKiosk();
      const audit = dataPaths(dataDir).auditDir;
      for (const f of readdirSync(audit)) chmodSync(join(audit, f), 0o444);
      chmodSync(audit, 0o555);
      expect(await tryToIssue(dataDir, configPath, people[3]!)).toBe('issue: REGISTRY_READ_ONLY');
      chmodTree(dataDir, 0o755);
      expect(inspectRegistry(registryPathOf(dataDir)).rows.map((r) => r.status)).toEqual(['issued']);
    },
  );
});

describe('registry turns read-only while the kiosk runs (query_only on its connection)', () => {
  it(
    'issuing is REGISTRY_READ_ONLY and reserves nothing; afterwards the same ID issues once',
    { timeout: 30_000 },
    async () => {
      const dirs = makeDirs();
      cleanups.push(dirs.cleanup);
      const [configPath] = writeKioskConfigs(dirs.configDir, people, ['kiosk-ro']);
      const spy = spyOnConnections();
      const kiosk = await open(dirs.dataDir, configPath!);
      const db = spy.connectionTo(registryPathOf(dirs.dataDir));
      spy.restore();
      db.pragma('query_only = 1');
      const right = await kiosk.api.issue({ ...people[4]!, lang: 'de' });
      expect(right.ok ? 'issued' : right.error.code).toBe('REGISTRY_READ_ONLY');
      // A wrong guess cannot be counted now; it must look exactly like the right entry.
      const wrong = await kiosk.api.issue({ ...people[5]!, familyName: 'Rateversuch', lang: 'de' });
      expect(wrong.ok ? 'issued' : wrong.error.code).toBe('REGISTRY_READ_ONLY');
      expect(inspectRegistry(registryPathOf(dirs.dataDir)).rows).toEqual([]);
      db.pragma('query_only = 0');
      const again = await kiosk.api.issue({ ...people[4]!, lang: 'de' });
      expect(again.ok ? 'issued' : again.error.code).toBe('issued');
      await kiosk.close();
      expect(inspectRegistry(registryPathOf(dirs.dataDir)).rows.map((r) => r.status)).toEqual(['issued']);
    },
  );
});
