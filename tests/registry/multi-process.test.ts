// Exactly once across processes: several Node processes share one data directory (one SQLite
// registry, one secret, one audit log) and issue for the same IDs at the same moment, each with
// the real demo signer and its own simulator. Every ID must get exactly one certificate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { verifyAuditChain } from '../../core/audit/verify-chain';
import { loadOrCreateDemoTrust } from '../../core/dcc/demo-trust';
import { verifyHc1 } from '../../core/dcc/verify';
import { makeDirs, person } from '../issuance/kiosk-helpers';

const WORKERS = 4;
const repoRoot = resolve(__dirname, '../..');
const worker = join(repoRoot, 'tests/registry/workers/issue-worker.ts');

export function runNode(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

const NOW = new Date();
const people = Array.from({ length: 6 }, (_, i) =>
  person(NOW, `Parallel${'abcdef'[i]}`, 'P', `198${i}-01-0${i + 1}`, 40 + i),
);
let dirs: ReturnType<typeof makeDirs>;
let dscDer: Uint8Array;

beforeAll(async () => {
  dirs = makeDirs();
  // The demo key pair is created once up front (its creation is not the subject here).
  dscDer = (await loadOrCreateDemoTrust(dirs.dataDir)).dscDer;
  writeFileSync(join(dirs.configDir, 'records.json'), JSON.stringify({ records: people }));
});
afterAll(() => dirs.cleanup());

describe('registry shared by several processes', () => {
  it('issues exactly one certificate per ID', { timeout: 300_000 }, async () => {
    const barrier = join(dirs.configDir, 'barrier');
    mkdirSync(barrier);
    const pending = Promise.all(
      Array.from({ length: WORKERS }, () =>
        runNode([worker, dirs.dataDir, join(dirs.configDir, 'records.json'), barrier]),
      ),
    );
    // Release all workers together once each has opened the shared registry.
    while (readdirSync(barrier).filter((f) => f.startsWith('ready-')).length < WORKERS)
      await new Promise((r) => setTimeout(r, 20));
    writeFileSync(join(barrier, 'go'), '');
    const runs = await pending;
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const results = runs.flatMap((r) =>
      r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    );
    expect(results).toHaveLength(WORKERS * people.length);

    for (const p of people) {
      const mine = results.filter((r) => r.genesenenId === p.genesenenId);
      const issued = mine.filter((r) => r.ok);
      expect(issued).toHaveLength(1);
      for (const r of mine.filter((x) => !x.ok)) expect(['ALREADY_ISSUED', 'ISSUANCE_IN_PROGRESS']).toContain(r.code);
      const report = await verifyHc1(issued[0].hc1, { dscs: [dscDer] }, { now: new Date() });
      expect(report.ok).toBe(true);
    }

    const db = new Database(join(dirs.dataDir, 'registry.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT uvci, status FROM issuance_view ORDER BY uvci').all();
    db.close();
    const issuedUvcis = results
      .filter((r) => r.ok)
      .map((r) => r.uvci)
      .sort();
    expect(rows).toEqual(issuedUvcis.map((uvci) => ({ uvci, status: 'issued' })));

    const chain = verifyAuditChain(join(dirs.dataDir, 'audit'));
    expect(chain.ok).toBe(true);
    const auditEvents = readdirSync(join(dirs.dataDir, 'audit')).flatMap((f) =>
      readFileSync(join(dirs.dataDir, 'audit', f), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l).event),
    );
    expect(auditEvents.filter((e) => e === 'certificate.issued')).toHaveLength(people.length);
    const outcomes = results.map((r) => (r.ok ? 'issued' : r.code));
    console.info(
      'multi-process outcomes:',
      Object.fromEntries([...new Set(outcomes)].map((o) => [o, outcomes.filter((x) => x === o).length])),
    );
  });
});
