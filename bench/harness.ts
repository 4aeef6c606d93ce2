// Measurement core of the benchmark suite (docs/performance.md). Two shapes of figure:
//   - latency ("ms"): every iteration timed on its own; median and p99 of those samples;
//   - throughput ("ops/s"): iterations timed in batches of ~10 ms; median of the batches' rates,
//     and as "p99" the rate the slowest 1 % of batches fell to (so for both shapes p99 is the
//     bad tail, not the best case).
// Variants that are compared run interleaved — round r runs A,B,… and round r+1 …,B,A — so a
// noisy neighbour, CPU frequency drift or a GC phase hits every variant alike and the ratio
// stays meaningful even when the absolute figures wobble.

export type Unit = 'ms' | 'ops/s';

/** One line of the report. Extra fields are numbers (bytes, per-row sizes, per-op times). */
export interface BenchResult {
  readonly unit: Unit;
  readonly median: number;
  readonly p99: number;
  readonly n: number;
  readonly [extra: string]: number | string;
}

export interface GroupOutput {
  readonly results: Record<string, BenchResult>;
  readonly ratios?: Record<string, number>;
  /** Wanted names that could not be measured here, with the reason (shown in the table). */
  readonly skipped?: Record<string, string>;
}

export interface BenchContext {
  /** Smaller sample counts and the skipping of very slow set-ups (smoke tests). */
  readonly quick: boolean;
  /** True when the user asked for this result name (all are wanted without --only). */
  wanted(name: string): boolean;
  /** A line on stderr (never on stdout: --json prints one object there). */
  progress(line: string): void;
}

/** A set of figures measured together (they share set-up, and their comparisons interleave). */
export interface BenchGroup {
  readonly names: readonly string[];
  run(ctx: BenchContext): Promise<GroupOutput>;
}

/** Nearest-rank percentile of ascending samples (q in 0..100). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((q / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Median of ascending samples (mean of the middle two for an even count). */
export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ascending = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

export function latencyResult(samplesMs: readonly number[], extra: Record<string, number> = {}): BenchResult {
  const s = ascending(samplesMs);
  return { unit: 'ms', median: median(s), p99: percentile(s, 99), n: s.length, ...extra };
}

export function throughputResult(opsPerSecond: readonly number[], extra: Record<string, number> = {}): BenchResult {
  const s = ascending(opsPerSecond);
  const mid = median(s);
  // p99 of the batch time = 1st percentile of the rate; usPerOp makes the per-operation cost explicit.
  return { unit: 'ops/s', median: mid, p99: percentile(s, 1), n: s.length, usPerOp: 1e6 / mid, ...extra };
}

type Task = () => unknown;

/** Lets timers, I/O and signal handlers run (Ctrl+C cleans up); awaiting microtasks does not. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs `rounds` rounds over the variants, alternating the order each round (untimed yields between). */
async function interleaved<T>(
  variants: Readonly<Record<string, Task>>,
  rounds: number,
  measure: (name: string, task: Task) => Promise<T>,
): Promise<Record<string, T[]>> {
  const names = Object.keys(variants);
  const out: Record<string, T[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    await yieldToEventLoop();
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const name of order) out[name]!.push(await measure(name, variants[name]!));
  }
  return out;
}

async function timeOnce(task: Task): Promise<number> {
  const start = performance.now();
  await task();
  return performance.now() - start;
}

/** Latency samples in ms, `n` per variant after `warmup` untimed rounds. */
export async function measureLatency(
  variants: Readonly<Record<string, Task>>,
  opts: { readonly n: number; readonly warmup: number },
): Promise<Record<string, number[]>> {
  await interleaved(variants, opts.warmup, async (_name, task) => task());
  return interleaved(variants, opts.n, (_name, task) => timeOnce(task));
}

/**
 * Throughput samples in ops/s: each variant's batch size is calibrated so one batch takes about
 * `batchMs`, then `batches` batches per variant run interleaved.
 */
export async function measureThroughput(
  variants: Readonly<Record<string, Task>>,
  opts: { readonly batches: number; readonly batchMs: number; readonly warmupMs: number },
): Promise<Record<string, number[]>> {
  const sizes: Record<string, number> = {};
  for (const [name, task] of Object.entries(variants)) {
    let runs = 0;
    const start = performance.now();
    while (performance.now() - start < opts.warmupMs || runs < 3) {
      await task();
      runs++;
    }
    const perOpMs = (performance.now() - start) / runs;
    sizes[name] = Math.max(1, Math.round(opts.batchMs / perOpMs));
  }
  return interleaved(variants, opts.batches, async (name, task) => {
    const size = sizes[name]!;
    const start = performance.now();
    for (let i = 0; i < size; i++) await task();
    return (size * 1000) / (performance.now() - start);
  });
}

/** Picks the variants the user asked for (name → task); unwanted ones are not run at all. */
export function pick(ctx: BenchContext, all: Readonly<Record<string, Task>>): Record<string, Task> {
  return Object.fromEntries(Object.entries(all).filter(([name]) => ctx.wanted(name)));
}

/** a / b of two medians when both were measured. */
export function ratioOf(results: Record<string, BenchResult>, a: string, b: string): number | undefined {
  const x = results[a];
  const y = results[b];
  return x && y ? x.median / y.median : undefined;
}
