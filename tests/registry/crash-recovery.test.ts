// Crash recovery: a kiosk process killed with SIGKILL between reserve and commit must not block
// the ID forever nor lead to a second certificate; one killed after the commit must leave the
// ID issued. Runs the `issue` CLI command with the crash tests' checkpoint
// (tests/support/workers/issue-cli-worker.ts) to stop it at an exact step, then kills it.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openKioskRuntime } from '../../core/api/kiosk-runtime';
import { verifyAuditChain } from '../../core/audit/verify-chain';
import { loadConfig } from '../../core/config/load-config';
import { loadOrCreateDemoTrust } from '../../core/dcc/demo-trust';
import { makeDirs, person } from '../issuance/kiosk-helpers';

const repoRoot = resolve(__dirname, '../..');
let dirs: ReturnType<typeof makeDirs> | undefined;
afterEach(() => dirs?.cleanup());

async function crashAt(point: 'after-reserve' | 'after-commit') {
  dirs = makeDirs();
  const { dataDir, configDir } = dirs;
  await loadOrCreateDemoTrust(dataDir);
  const p = person(new Date(), 'Absturz', 'Arno', '1966-06-06', 45);
  const fixturePath = join(configDir, 'records.json');
  writeFileSync(fixturePath, JSON.stringify({ records: [p] }));
  const marker = join(configDir, 'paused');
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'tests/support/workers/issue-cli-worker.ts',
      '--genesenen-id',
      p.genesenenId,
      '--name',
      p.familyName,
      '--dob',
      p.dateOfBirth,
      '--records',
      fixturePath,
      '--data-dir',
      dataDir,
      '--json',
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, KIOSK_TEST_PAUSE_AT: point, KIOSK_TEST_PAUSE_MARKER: marker },
      stdio: 'pipe',
    },
  );
  const exited = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, signal) => done(signal)));
  while (!existsSync(marker)) {
    if (child.exitCode !== null) throw new Error('child ended before pausing');
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  const db = new Database(join(dataDir, 'registry.sqlite'), { readonly: true });
  const before = db.prepare('SELECT uvci, status FROM issuance_view').all() as { uvci: string; status: string }[];
  db.close();

  // "Restart": a new kiosk process (here: this one) opens the same data directory.
  const config = loadConfig();
  if (!config.ok) throw new Error('config');
  const fixture = { records: [{ ...p, genesenenId: p.genesenenId.replaceAll('-', '') }] };
  const runtime = await openKioskRuntime({ dataDir, config: config.value, fixture, logSink: () => undefined });
  if (!runtime.ok) throw new Error(runtime.error.code);
  const retry = await runtime.value.issuance.issue(p);
  const count = await runtime.value.registry.issuedCount();
  await runtime.value.close();
  const audit = readdirSync(join(dataDir, 'audit')).flatMap((f) =>
    readFileSync(join(dataDir, 'audit', f), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l)),
  );
  return { before, retry, issuedCount: count.ok ? count.value : -1, audit, dataDir };
}

describe('crash between reserve and commit', () => {
  it(
    'killed after reserve: the reservation is released at restart and the ID is issued once',
    { timeout: 60_000 },
    async () => {
      const { before, retry, issuedCount, audit, dataDir } = await crashAt('after-reserve');
      expect(before).toHaveLength(1);
      expect(before[0]!.status).toBe('reserved');
      if (!retry.ok) throw new Error(retry.error.code);
      expect(retry.value.uvci).not.toBe(before[0]!.uvci);
      expect(issuedCount).toBe(1);
      expect(audit.find((l) => l.event === 'reservation.stale-released')).toMatchObject({
        uvci: before[0]!.uvci,
        code: 'owner-gone',
      });
      expect(audit.filter((l) => l.event === 'certificate.issued').map((l) => l.uvci)).toEqual([retry.value.uvci]);
      expect(verifyAuditChain(join(dataDir, 'audit')).ok).toBe(true);
    },
  );

  it('killed after commit: the certificate stays issued and is not issued again', { timeout: 60_000 }, async () => {
    const { before, retry, issuedCount, audit } = await crashAt('after-commit');
    expect(before).toEqual([{ uvci: expect.any(String), status: 'issued' }]);
    expect(retry.ok ? 'issued again' : retry.error.code).toBe('ALREADY_ISSUED');
    expect(issuedCount).toBe(1);
    expect(audit.filter((l) => l.event === 'certificate.issued').map((l) => l.uvci)).toEqual([before[0]!.uvci]);
  });
});
