// `cli doctor` (docs/monitoring.md, "Installation check"): runs every check against the real
// components of one configuration and prints one table line per check plus a verdict. The list
// below is the only place that knows all checks; a new component adds its function here (the
// registry and id-hash key checks serve SQLite and PostgreSQL alike, doctor-pg-checks.ts). Order
// matters once: the registry check sets the clock check's reference (SQLite's or the server's).
import { mkdirSync } from 'node:fs';
import { loadConfig } from '../../config/load-config';
import { checkConfig, checkMetrics, checkPrinters, checkRecordSource, checkSigner } from './component-checks';
import { checkCupsJobFiles } from './cups-check';
import { runCheck, type CheckResult, type DoctorCheck, type DoctorContext } from './doctor-check';
import { checkClock, checkDataDir, checkIdHashKey, checkRegistry } from './storage-checks';

export const DOCTOR_CHECKS: readonly (readonly [string, DoctorCheck])[] = [
  ['data dir', checkDataDir],
  ['registry', checkRegistry],
  ['id-hash key', checkIdHashKey],
  ['signer', checkSigner],
  ['record source', checkRecordSource],
  ['printers', checkPrinters],
  ['cups job files', checkCupsJobFiles],
  ['metrics', checkMetrics],
  ['clock', checkClock],
];

export interface DoctorReport {
  readonly results: readonly CheckResult[];
  readonly ready: boolean;
}

export async function runDoctor(opts: {
  readonly configPath?: string;
  readonly dataDir: string;
  readonly cupsdConf?: string;
  readonly now?: () => Date;
}): Promise<DoctorReport> {
  const configResult = checkConfig(opts.configPath);
  const config = loadConfig(opts.configPath);
  if (!config.ok) return { results: [configResult], ready: false };
  try {
    mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  } catch {
    // reported by the data dir check
  }
  const ctx: DoctorContext = {
    config: config.value,
    dataDir: opts.dataDir,
    now: opts.now ?? (() => new Date()),
    ...(opts.cupsdConf ? { cupsdConf: opts.cupsdConf } : {}),
  };
  const results: CheckResult[] = [configResult];
  for (const [name, check] of DOCTOR_CHECKS) results.push(...(await runCheck(name, check, ctx)));
  return { results, ready: results.every((r) => r.status !== 'FAIL') };
}

/** The table: CHECK, RESULT, DETAIL columns, then the verdict line. */
export function formatDoctorReport(report: DoctorReport): string {
  const width = Math.max(5, ...report.results.map((r) => r.check.length));
  const lines = [`${'CHECK'.padEnd(width)}  RESULT  DETAIL`];
  for (const r of report.results) lines.push(`${r.check.padEnd(width)}  ${r.status.padEnd(6)}  ${r.detail}`);
  const failed = report.results.filter((r) => r.status === 'FAIL');
  lines.push(
    report.ready
      ? `VERDICT: READY (${report.results.filter((r) => r.status === 'ok').length} checks passed)`
      : `VERDICT: NOT READY (${failed.length} failed: ${failed.map((r) => r.check).join(', ')})`,
  );
  return `${lines.join('\n')}\n`;
}
