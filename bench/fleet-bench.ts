// Certificates per second of 8 kiosk processes (docs/fleet.md, docs/performance.md): the fleet on
// one PostgreSQL registry (a throwaway local server, tests/support/pg-cluster.ts) against the same
// 8 processes on one PC's SQLite registry, in the same run, rounds interleaved. Each process
// issues its own share of distinct IDs (no refusals: every request is a full reserve → sign →
// self-verify → commit), two requests in flight, all starting together behind a barrier. The
// figure is issued certificates / seconds from "go" until the last process reported its last
// result. Goal: the fleet at least 0.5× the single-PC SQLite figure. Skipped with the reason when
// the PostgreSQL binaries are missing.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirs } from '../tests/issuance/kiosk-helpers';
import { startWorker, type RunningWorker } from '../tests/support/child-kiosk';
import { bulkPeople, writeKioskConfigs } from '../tests/support/people';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../tests/support/pg-cluster';
import { throughputResult, type BenchGroup, type GroupOutput } from './harness';

const NAME = 'fleet_issue_throughput';
const PROCESSES = 8;
const CONCURRENCY = 2;

// Limits out of the way: this measures issuing, and every request here is a right one.
const attemptLimits = {
  perId: { max: 10_000, windowSeconds: 3600 },
  perKiosk: { max: 10_000, windowSeconds: 3600 },
  clerkPin: { max: 5, windowSeconds: 900 },
};

/** One round: 8 processes, `perProcess` distinct IDs each; returns certificates per second. */
async function round(engine: 'postgres' | 'sqlite', perProcess: number, cluster: PgCluster, n: number) {
  const dirs = makeDirs();
  try {
    const people = bulkPeople(PROCESSES * perProcess, new Date(), 'Flottenlast');
    const kioskIds = Array.from({ length: PROCESSES }, (_, i) => `kiosk-bench-${i + 1}`);
    const registry =
      engine === 'postgres'
        ? { registry: await pgRegistryConfig(cluster, `fleet_${n}`, dirs.configDir, { deadlineMs: 20_000 }) }
        : {};
    const configs = writeKioskConfigs(dirs.configDir, people, kioskIds, { ...registry, attemptLimits });
    // SQLite: one PC, one data directory, one registry file. PostgreSQL: every process its own PC.
    const dataDirOf = (i: number) => (engine === 'sqlite' ? dirs.dataDir : join(dirs.dataDir, `pc-${i}`));
    const barrierDir = join(dirs.configDir, 'barrier');
    mkdirSync(barrierDir);
    const workers: RunningWorker[] = await Promise.all(
      configs.map((configPath, i) =>
        startWorker(
          {
            dataDir: dataDirOf(i),
            configPath,
            requests: people.filter((_, k) => k % PROCESSES === i),
            concurrency: CONCURRENCY,
            barrierDir,
          },
          dirs.configDir,
        ),
      ),
    );
    const ready = () => readdirSync(barrierDir).filter((f) => f.startsWith('ready-')).length === workers.length;
    while (!ready()) {
      const dead = workers.find((w) => w.child.exitCode !== null);
      if (dead)
        throw new Error(
          `bench: worker died before start (${dead.child.exitCode}): ${JSON.stringify(dead.lines)} ${dead.stderr()}`,
        );
      await new Promise((r) => setTimeout(r, 20));
    }
    const started = performance.now();
    writeFileSync(join(barrierDir, 'go'), '');
    const done = () => workers.every((w) => w.lines.some((l) => l.event === 'done'));
    while (!done()) {
      const dead = workers.find((w) => w.child.exitCode !== null && !w.lines.some((l) => l.event === 'done'));
      if (dead) throw new Error(`bench: worker died: ${dead.stderr()}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(workers.map((w) => w.exited));
    const results = workers.flatMap((w) => w.lines).filter((l) => l.event === 'result');
    const issued = results.filter((l) => l.ok).length;
    if (issued !== people.length) {
      const codes = [...new Set(results.filter((l) => !l.ok).map((l) => l.code))].join(', ');
      throw new Error(`bench: ${engine} issued ${issued} of ${people.length} (${codes})`);
    }
    return issued / seconds;
  } finally {
    dirs.cleanup();
  }
}

export const fleetGroup: BenchGroup = {
  names: [NAME],
  async run(ctx): Promise<GroupOutput> {
    const skip = pgSkipReason();
    if (skip) return { results: {}, skipped: { [NAME]: skip } };
    const cluster = await startPgCluster();
    try {
      const perProcess = ctx.quick ? 6 : 40;
      const rounds = ctx.quick ? 1 : 3;
      const pgRates: number[] = [];
      const sqliteRates: number[] = [];
      for (let r = 0; r < rounds; r++) {
        // Alternating order, so a warming machine or a neighbour hits both alike.
        for (const engine of r % 2 === 0 ? (['postgres', 'sqlite'] as const) : (['sqlite', 'postgres'] as const)) {
          ctx.progress(`${NAME}: round ${r + 1}/${rounds}, ${engine}, ${PROCESSES} × ${perProcess} certificates`);
          (engine === 'postgres' ? pgRates : sqliteRates).push(await round(engine, perProcess, cluster, r));
        }
      }
      const sqlite = throughputResult(sqliteRates);
      const fleet = throughputResult(pgRates, {
        processes: PROCESSES,
        certificatesPerRound: PROCESSES * perProcess,
        sqliteSinglePcMedian: sqlite.median,
      });
      return { results: { [NAME]: fleet }, ratios: { fleet_vs_single_pc_sqlite: fleet.median / sqlite.median } };
    } finally {
      cluster.destroy();
    }
  },
};
