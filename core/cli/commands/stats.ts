// `stats --from YYYY-MM-DD --to YYYY-MM-DD [--by day|kiosk|office] [--format csv|json]
// [--config FILE[,FILE…]] [--data-dir DIR]`: usage figures without personal data
// (core/stats/usage-stats.ts, docs/monitoring.md). The first configuration names the registry;
// every configuration given adds its kioskId → office pair (a shared registry holds many kiosks).
import path from 'node:path';
import { loadConfig } from '../../config/load-config';
import { dataPaths, defaultDataDir } from '../../paths';
import { statsCsv, usageStats, type StatsGrouping } from '../../stats/usage-stats';
import { parseArgs, requireFlag, stringFlag, UsageError } from '../args';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) =>
  DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, {
    from: 'string',
    to: 'string',
    by: 'string',
    format: 'string',
    config: 'string',
    'data-dir': 'string',
  });
  const from = requireFlag(args, 'from');
  const to = requireFlag(args, 'to');
  if (!isDate(from) || !isDate(to)) throw new UsageError('--from and --to must be dates YYYY-MM-DD');
  if (from > to) throw new UsageError('--from must not be after --to');
  const by = stringFlag(args, 'by') ?? 'day';
  if (by !== 'day' && by !== 'kiosk' && by !== 'office') throw new UsageError('--by must be day, kiosk or office');
  const format = stringFlag(args, 'format') ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');

  const configPaths = (stringFlag(args, 'config') ?? '').split(',').filter((p) => p !== '');
  const configs = [];
  for (const p of configPaths.length ? configPaths : [undefined]) {
    const c = loadConfig(p === undefined ? undefined : path.resolve(p));
    if (!c.ok) {
      process.stderr.write(`stats: configuration ${p ?? ''} invalid: ${JSON.stringify(c.error.details)}\n`);
      return 2;
    }
    configs.push(c.value);
  }
  const dataDir = path.resolve(stringFlag(args, 'data-dir') ?? defaultDataDir());
  const paths = dataPaths(dataDir);
  const offices = new Map(configs.flatMap((c) => (c.office ? [[c.kioskId, c.office] as const] : [])));
  let stats;
  try {
    stats = usageStats(
      { registryPath: configs[0]!.registryPath ?? paths.registry, auditDir: paths.auditDir, offices },
      from,
      to,
      by as StatsGrouping,
    );
  } catch (e) {
    process.stderr.write(`stats: registry not readable (${(e as { code?: string }).code ?? 'error'})\n`);
    return 1;
  }
  process.stdout.write(format === 'json' ? `${JSON.stringify(stats, null, 2)}\n` : statsCsv(stats));
  return 0;
}
