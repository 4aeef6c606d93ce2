// Output of `npm run bench` (docs/performance.md): a readable table (default) or, with --json, exactly one
// JSON object { machine, results, ratios } on stdout. The performance goals are shown beside
// the figures in the table only; nothing anywhere asserts on them (figures depend on the machine).
import type { BenchResult } from './harness';
import type { MachineInfo } from './machine';

export interface BenchReport {
  readonly machine: MachineInfo;
  readonly results: Record<string, BenchResult>;
  readonly ratios: Record<string, number>;
}

/** Names not measured and why (failed or skipped); the table lists them, the JSON leaves them out. */
export type NotMeasured = Readonly<Record<string, string>>;

interface Goal {
  readonly text: string;
  /** `value` is the median, p99 or ratio named by `of`; 'both' goals also get the p99. */
  readonly met: (value: number, p99: number) => boolean;
  readonly of: 'median' | 'p99' | 'ratio' | 'both';
}

/** The round trip of the delay proxy in front of the simulator (bench/lookup-bench.ts). */
export const LOOKUP_RTT_MS = 40;

/** The performance targets (docs/performance.md), for the "goal" column. */
export const GOALS: Readonly<Record<string, Goal>> = {
  issue_core_vs_sign_raw: { text: '≥ 0.5', of: 'ratio', met: (v) => v >= 0.5 },
  fleet_vs_single_pc_sqlite: { text: '≥ 0.5', of: 'ratio', met: (v) => v >= 0.5 },
  registry_pg_reserve_commit: { text: 'p99 < 10 ms', of: 'p99', met: (v) => v < 10 },
  issue_usecase_latency: { text: 'p99 < 15 ms', of: 'p99', met: (v) => v < 15 },
  issue_usecase_latency_loaded: { text: 'p99 < 15 ms', of: 'p99', met: (v) => v < 15 },
  rules_eval: { text: 'median < 1 ms', of: 'median', met: (v) => v < 1 },
  lookup_tls_keepalive: {
    text: `median ≤ ${LOOKUP_RTT_MS + 5} ms, p99 ≤ 2× median`,
    of: 'both',
    met: (median, p99) => median <= LOOKUP_RTT_MS + 5 && p99 <= 2 * median,
  },
  a4_pdf: { text: 'median < 100 ms', of: 'median', met: (v) => v < 100 },
  web_first_screen: { text: 'median < 500 ms', of: 'median', met: (v) => v < 500 },
  web_confirm_to_qr: { text: 'median < 50 ms', of: 'median', met: (v) => v < 50 },
  qr_svg: { text: 'median < 10 ms', of: 'median', met: (v) => v < 10 },
  qr_png: { text: 'median < 10 ms', of: 'median', met: (v) => v < 10 },
};

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  if (abs >= 1000) return Math.round(v).toLocaleString('en-US');
  if (abs >= 100) return v.toFixed(0);
  if (abs >= 10) return v.toFixed(1);
  if (abs >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

function goalCell(name: string, value: { median: number; p99: number } | number): string {
  const goal = GOALS[name];
  if (!goal) return '';
  const v = typeof value === 'number' ? value : goal.of === 'p99' ? value.p99 : value.median;
  const p99 = typeof value === 'number' ? Number.NaN : value.p99;
  return `${goal.text}: ${goal.met(v, p99) ? 'met' : 'MISSED'}`;
}

function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => (rightAligned.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const [head, ...body] = rows;
  return [line(head!), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const CORE_KEYS = new Set(['unit', 'median', 'p99', 'n']);

export function formatTable(report: BenchReport, notMeasured: NotMeasured = {}): string {
  const m = report.machine;
  const out: string[] = [`Machine: ${m.cpuModel}, ${m.cores} cores, Node ${m.node}, ${m.os}; ${m.date}`, ''];
  const rows: string[][] = [['benchmark', 'median', 'p99', 'unit', 'n', 'goal', 'also']];
  for (const [name, r] of Object.entries(report.results)) {
    const also = Object.entries(r)
      .filter(([k]) => !CORE_KEYS.has(k))
      .map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : v}`)
      .join(' ');
    rows.push([name, formatNumber(r.median), formatNumber(r.p99), r.unit, String(r.n), goalCell(name, r), also]);
  }
  out.push(table(rows, new Set([1, 2, 4])));
  const ratios = Object.entries(report.ratios);
  if (ratios.length > 0) {
    out.push(
      '',
      table(
        [['ratio', 'value', 'goal'], ...ratios.map(([k, v]) => [k, formatNumber(v), goalCell(k, v)])],
        new Set([1]),
      ),
    );
  }
  const missing = Object.entries(notMeasured);
  if (missing.length > 0) out.push('', 'Not measured:', ...missing.map(([name, why]) => `  ${name}: ${why}`));
  out.push(
    '',
    'ops/s: median of ~10 ms batches; its p99 is the rate of the slowest 1 % of batches. ms: per operation.',
  );
  return out.join('\n');
}
