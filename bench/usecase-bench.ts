// One citizen's issuance through the whole kiosk back end (docs/performance.md, `issue_usecase_latency`,
// goal p99 < 15 ms): KioskApi.issue on a kiosk made by createKiosk (temp data dir, demo signer,
// default file logging) — ID check, attempt limits, DiKoMa client → HTTP → simulator at zero
// latency, registry reserve/commit (SQLite, WAL, synchronous=FULL), signing, self-verification,
// audit line, QR SVG for the screen. Every issuance uses a fresh Genesenen-ID from a fixture of
// N people; endSession between citizens is not timed.
// `issue_usecase_latency_loaded` measures the same while a second kiosk process (usecase-load.ts)
// issues back to back on the same machine; it runs after the unloaded figure (starting and
// stopping a process per round would dominate), so compare the two only from one run.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKiosk } from '../core/api/create-kiosk-api';
import { benchTempDir, onBenchExit, writeKioskConfig, writePeopleFixture } from './fixtures';
import { latencyResult, type BenchContext, type BenchGroup, type BenchResult } from './harness';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function measureIssuance(ctx: BenchContext, name: string): Promise<number[]> {
  const n = ctx.quick ? 10 : 300;
  const warmup = ctx.quick ? 2 : 20;
  const people = writePeopleFixture(name, n + warmup);
  const dataDir = join(benchTempDir(), `${name}-data`);
  mkdirSync(dataDir, { recursive: true });
  const kiosk = await createKiosk({ dataDir, configPath: writeKioskConfig(name, people) });
  if (!kiosk.ok) throw new Error(`bench: createKiosk failed: ${kiosk.error.code}`);
  const { api } = kiosk.value;
  const samples: number[] = [];
  try {
    ctx.progress(`${name}: ${warmup} warm-up + ${n} issuances`);
    for (const [i, genesenenId] of people.ids.entries()) {
      const request = { genesenenId, familyName: people.familyName, dateOfBirth: people.dateOfBirth, lang: 'de' };
      const start = performance.now();
      const issued = await api.issue(request);
      const ms = performance.now() - start;
      if (!issued.ok) throw new Error(`bench: issuance failed: ${issued.error.code}`);
      if (i >= warmup) samples.push(ms);
      await api.endSession({});
    }
  } finally {
    await kiosk.value.close();
  }
  return samples;
}

interface LoadProcess {
  issued(): number;
  stop(): Promise<void>;
}

/** Starts usecase-load.ts with `count` people of its own; resolves once its kiosk is up. */
function startLoad(count: number): Promise<LoadProcess> {
  const people = writePeopleFixture('usecase-load', count);
  const dataDir = join(benchTempDir(), 'usecase-load-data');
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/usecase-load.ts', writeKioskConfig('usecase-load', people), dataDir, people.path],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const forget = onBenchExit(() => child.kill('SIGKILL'));
  let issued = 0;
  let output = '';
  return new Promise((ready, fail) => {
    child.once('exit', (code) => fail(new Error(`bench: the load process ended early (code ${code})`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const lines = output.split('\n');
      output = lines.pop()!;
      for (const line of lines) {
        const m = /^issued (\d+)$/u.exec(line);
        if (m) issued = Number(m[1]);
        if (line !== 'ready') continue;
        ready({
          issued: () => issued,
          stop: () =>
            new Promise<void>((done) => {
              forget();
              child.removeAllListeners('exit');
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
  });
}

export const usecaseGroup: BenchGroup = {
  names: ['issue_usecase_latency', 'issue_usecase_latency_loaded'],
  async run(ctx) {
    const results: Record<string, BenchResult> = {};
    if (ctx.wanted('issue_usecase_latency')) {
      results.issue_usecase_latency = latencyResult(await measureIssuance(ctx, 'usecase'));
    }
    if (ctx.wanted('issue_usecase_latency_loaded')) {
      ctx.progress('issue_usecase_latency_loaded: starting a second kiosk process that issues at full speed');
      const load = await startLoad(ctx.quick ? 200 : 20_000);
      const before = load.issued();
      const started = performance.now();
      try {
        const samples = await measureIssuance(ctx, 'usecase-loaded');
        const seconds = (performance.now() - started) / 1000;
        results.issue_usecase_latency_loaded = latencyResult(samples, {
          loadIssuedPerSecond: (load.issued() - before) / seconds,
        });
      } finally {
        await load.stop();
      }
    }
    return { results };
  },
};
