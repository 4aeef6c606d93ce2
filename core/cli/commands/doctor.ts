// `doctor --config FILE [--data-dir DIR] [--cupsd-conf FILE] [--json]`: is this kiosk ready?
// Checks every configured component for real (core/cli/doctor/run-doctor.ts) and prints one line
// per check and a verdict; exit code 0 only when no check failed (docs/monitoring.md).
import path from 'node:path';
import { defaultDataDir } from '../../paths';
import { parseArgs, stringFlag } from '../args';
import { formatDoctorReport, runDoctor } from '../doctor/run-doctor';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { config: 'string', 'data-dir': 'string', 'cupsd-conf': 'string', json: 'boolean' });
  const configPath = stringFlag(args, 'config');
  const cupsdConf = stringFlag(args, 'cupsd-conf');
  const report = await runDoctor({
    ...(configPath ? { configPath: path.resolve(configPath) } : {}),
    dataDir: path.resolve(stringFlag(args, 'data-dir') ?? defaultDataDir()),
    ...(cupsdConf ? { cupsdConf: path.resolve(cupsdConf) } : {}),
  });
  process.stdout.write(args.flags.json === true ? `${JSON.stringify(report)}\n` : formatDoctorReport(report));
  return report.ready ? 0 : 1;
}
