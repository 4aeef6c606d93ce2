// Smoke test of the benchmark suite (docs/performance.md): `bench/run.ts --json --quick --only …` runs as a
// user runs it and prints exactly one JSON object of the documented shape — machine facts,
// results {unit, median, p99, n} with finite numbers, ratios — plus the usage paths. It never
// looks at the figures themselves (they depend on the machine), and the harness's statistics are
// checked on fixed samples.
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { latencyResult, median, percentile, throughputResult } from '../../bench/harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = join(repoRoot, 'node_modules/.bin/tsx');

function bench(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(tsx, ['bench/run.ts', ...args], { cwd: repoRoot, maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const CHEAP = ['sign_raw_nodecrypto', 'issue_core', 'verify_hc1', 'qr_svg'] as const;

describe('npm run bench -- --json', () => {
  it('prints one JSON object with machine, results and ratios of the requested figures', async () => {
    const run = await bench(['--json', '--quick', '--only', CHEAP.join(',')]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as {
      machine: Record<string, unknown>;
      results: Record<string, Record<string, unknown>>;
      ratios: Record<string, unknown>;
    };
    expect(Object.keys(report).sort()).toEqual(['machine', 'ratios', 'results']);

    const { machine } = report;
    expect(typeof machine.cpuModel).toBe('string');
    expect(Number.isInteger(machine.cores) && (machine.cores as number) > 0).toBe(true);
    expect(machine.node).toBe(process.version);
    expect(typeof machine.os).toBe('string');
    expect(Number.isNaN(Date.parse(machine.date as string))).toBe(false);

    expect(Object.keys(report.results).sort()).toEqual([...CHEAP].sort());
    for (const [name, r] of Object.entries(report.results)) {
      expect(['ms', 'ops/s'], name).toContain(r.unit);
      for (const key of ['median', 'p99', 'n']) expect(Number.isFinite(r[key]), `${name}.${key}`).toBe(true);
      expect(r.n as number, name).toBeGreaterThan(0);
    }
    expect(report.results.sign_raw_nodecrypto!.unit).toBe('ops/s');
    expect(report.results.verify_hc1!.unit).toBe('ms');
    // Both sides of the headline ratio were measured in this run, so the ratio is there.
    expect(Number.isFinite(report.ratios.issue_core_vs_sign_raw)).toBe(true);
    for (const v of Object.values(report.ratios)) expect(Number.isFinite(v)).toBe(true);
    // Progress went to stderr, not into the JSON.
    expect(run.stderr).toContain('bench:');
  }, 180_000);

  it('refuses an unknown benchmark name with exit code 2 and lists the known ones', async () => {
    const bad = await bench(['--only', 'no_such_bench']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no_such_bench');
    const list = await bench(['--list']);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n')).toEqual(
      expect.arrayContaining([
        'issue_usecase_latency',
        'registry_reserve_10m',
        'registry_pg_reserve_commit',
        'fleet_issue_throughput',
        'web_confirm_to_qr',
        'a4_pdf',
      ]),
    );
  }, 60_000);
});

describe('bench statistics', () => {
  it('uses nearest-rank percentiles and the middle of the samples as median', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 1)).toBe(1);
    expect(percentile([5], 99)).toBe(5);
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2.5);
  });

  it('reports the slow tail as p99 for latencies and for rates alike', () => {
    const lat = latencyResult([3, 1, 2, 100]);
    expect(lat).toMatchObject({ unit: 'ms', median: 2.5, p99: 100, n: 4 });
    const rate = throughputResult([1000, 10, 900, 1100]);
    expect(rate).toMatchObject({ unit: 'ops/s', median: 950, p99: 10, n: 4 });
    expect(rate.usPerOp).toBeCloseTo(1e6 / 950);
  });
});
