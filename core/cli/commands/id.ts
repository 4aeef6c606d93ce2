// `npm run cli -- id new [--count N]`: prints fresh, valid Genesenen-IDs (display form, one per
// line) in the default format — for test data, fixtures and the health office's letter trials.
import { defaultIdFormat } from '../../id/genesenen-id';
import { parseArgs, stringFlag, UsageError } from '../args';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { count: 'string' });
  if (args.positional[0] !== 'new' || args.positional.length !== 1) throw new UsageError('expected: id new');
  const raw = stringFlag(args, 'count') ?? '1';
  const count = Number(raw);
  if (!/^\d+$/u.test(raw) || count < 1 || count > 100_000) throw new UsageError('--count must be 1..100000');
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(defaultIdFormat.generate());
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
