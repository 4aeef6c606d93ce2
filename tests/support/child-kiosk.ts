// Child kiosk processes for the reliability and stress suites (docs/reliability.md: exactly once across
// processes, SIGKILL at every step). The worker (workers/kiosk-worker.ts) is bundled once with
// esbuild (tsx's own compiler, already installed) into node_modules/.cache so each child starts in
// a fraction of the time `--import tsx` needs — the kill harness starts hundreds of them. Packages
// stay external and resolve from the repository's node_modules, so the child runs the same
// better-sqlite3 and core code as the kiosk. Children talk back in JSON lines on stdout.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { shuffled } from './people';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = join(repoRoot, 'node_modules', '.cache', 'kiosk-reliability');

let bundled: Promise<string> | undefined;

/**
 * Keeps the bundle behaving like the sources: a deep import without extension (`ajv/dist/2020`,
 * fine for tsx, not for Node's ESM loader) gets its `.js`, and `import.meta.url` in our own files
 * stays the source file's URL (the A4 layout finds its fonts relative to it).
 */
const likeTheSources: Plugin = {
  name: 'like-the-sources',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const deep = /^(@[^/]+\/)?[^/@]+\/.+/.test(args.path) && !/\.[cm]?js$/.test(args.path);
      const withJs = `${args.path}.js`;
      return { path: deep && existsSync(join(repoRoot, 'node_modules', withJs)) ? withJs : args.path, external: true };
    });
    b.onLoad({ filter: /\/(core|tests)\/.*\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

const processAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Path of the bundled worker (built on first use, once per test process). */
export function kioskWorkerBundle(): Promise<string> {
  bundled ??= (async () => {
    mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
    // One bundle per test process (parallel test files must not read each other's half-written
    // bundle); bundles of test processes that are gone are removed here.
    for (const f of readdirSync(cacheDir)) {
      const pid = Number(/^kiosk-worker-(\d+)\.mjs$/.exec(f)?.[1]);
      if (pid && !processAlive(pid)) rmSync(join(cacheDir, f), { force: true });
    }
    const outfile = join(cacheDir, `kiosk-worker-${process.pid}.mjs`);
    await build({
      entryPoints: [join(repoRoot, 'tests/support/workers/kiosk-worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      plugins: [likeTheSources],
      logLevel: 'error',
      // Bundled CommonJS helpers need `require` inside an ES module.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    chmodSync(outfile, 0o644); // readable by `nobody` (tests/reliability/read-only.test.ts)
    return outfile;
  })();
  return bundled;
}

export interface IssueWork {
  readonly genesenenId: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
}

/** What a worker is asked to do (written to a JSON file, path passed as argv[2]). */
export interface WorkerJob {
  readonly dataDir: string;
  readonly configPath: string;
  readonly requests: readonly IssueWork[];
  /** Requests in flight at once (default 1: one after the other). */
  readonly concurrency?: number;
  /** Wait for `<barrierDir>/go` after writing `<barrierDir>/ready-<pid>`. */
  readonly barrierDir?: string;
  /** Print every issued certificate in this format (a printer must be configured). */
  readonly print?: 'receipt' | 'a4';
  /** Arm KIOSK_TEST_PAUSE_AT=<pauseAt> just before the request with this index (sequential jobs). */
  readonly pauseAt?: string;
  readonly pauseBeforeIndex?: number;
  /** Worker-level pause after a successful print of the request at pauseBeforeIndex. */
  readonly pauseAfterPrint?: boolean;
  /** Include the HC1 in result lines (to verify it in the parent). */
  readonly includeHc1?: boolean;
  /**
   * Ask again, as a citizen would after "please try again", while the answer is
   * REGISTRY_UNAVAILABLE and this many ms have not passed since the first try.
   */
  readonly retryUnavailableForMs?: number;
  /**
   * After its share, wait for `<barrierDir>/fault-over` and ask once more for the first request
   * (a `probe` result line): every kiosk then shows an answer from the registry after a fault,
   * also one that had finished its share before the fault struck.
   */
  readonly probeAfterFault?: boolean;
}

export interface WorkerLine {
  readonly event: 'ready' | 'result' | 'printed' | 'fatal' | 'done';
  readonly index?: number;
  readonly genesenenId?: string;
  readonly ok?: boolean;
  readonly uvci?: string;
  readonly hc1?: string;
  readonly code?: string;
  /** REGISTRY_UNAVAILABLE answers the worker asked again after (with retryUnavailableForMs). */
  readonly unavailable?: number;
  /** The answer to the question asked after the fault (probeAfterFault), not one of the share's. */
  readonly probe?: boolean;
}

export interface RunningWorker {
  readonly child: ChildProcess;
  readonly lines: WorkerLine[];
  readonly stderr: () => string;
  /** Resolves with the exit code and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let jobCounter = 0;

/** `asUser`: run as that uid/gid (root only) — e.g. `nobody`, for whom file modes are enforced. */
export async function startWorker(
  job: WorkerJob,
  jobDir: string,
  env: NodeJS.ProcessEnv = {},
  asUser?: { readonly uid: number; readonly gid: number },
): Promise<RunningWorker> {
  const bundle = await kioskWorkerBundle();
  const jobPath = join(jobDir, `job-${process.pid}-${++jobCounter}.json`);
  writeFileSync(jobPath, JSON.stringify(job), { mode: 0o644 });
  const child = spawn(process.execPath, [bundle, jobPath], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(asUser ?? {}),
  });
  const lines: WorkerLine[] = [];
  let buffered = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const text = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (text.trim()) lines.push(JSON.parse(text) as WorkerLine);
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('close', (code, signal) => done({ code, signal })),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Polls `ready` every few ms until it is true; throws when `alive` turns false first. */
export async function waitFor(
  ready: () => boolean,
  alive: () => boolean,
  what: string,
  limitMs = 60_000,
): Promise<void> {
  const started = Date.now();
  while (!ready()) {
    if (!alive()) throw new Error(`worker ended before ${what}`);
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Starts one worker per configuration, each asking for every person in its own seeded order, and
 * lets them all go at once (a file barrier), so their requests really overlap.
 */
export async function startWorkersTogether(
  workerDir: string,
  configs: readonly string[],
  dataDirOf: (index: number) => string,
  people: readonly IssueWork[],
  opts: {
    readonly seed: number;
    readonly concurrency: number;
    readonly retryUnavailableForMs?: number;
    readonly probeAfterFault?: boolean;
  },
): Promise<RunningWorker[]> {
  const barrierDir = join(workerDir, 'barrier');
  mkdirSync(barrierDir);
  const workers = await Promise.all(
    configs.map((configPath, i) =>
      startWorker(
        {
          dataDir: dataDirOf(i),
          configPath,
          requests: shuffled(people, opts.seed + i).map(({ genesenenId, familyName, dateOfBirth }) => ({
            genesenenId,
            familyName,
            dateOfBirth,
          })),
          concurrency: opts.concurrency,
          barrierDir,
          includeHc1: true,
          ...(opts.retryUnavailableForMs ? { retryUnavailableForMs: opts.retryUnavailableForMs } : {}),
          ...(opts.probeAfterFault ? { probeAfterFault: true } : {}),
        },
        workerDir,
      ),
    ),
  );
  while (readdirSync(barrierDir).filter((f) => f.startsWith('ready-')).length < workers.length) {
    const dead = workers.find((w) => w.child.exitCode !== null);
    if (dead) throw new Error(`worker died before start: ${dead.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  writeFileSync(join(barrierDir, 'go'), '');
  return workers;
}

/** Lets workers started with probeAfterFault ask their question after the fault. */
export function announceFaultOver(workerDir: string): void {
  writeFileSync(join(workerDir, 'barrier', 'fault-over'), '');
}
