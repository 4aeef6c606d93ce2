// `npm run bench` (docs/performance.md): the kiosk's benchmark suite. Flags:
//   --json          print one JSON object { machine, results, ratios } on stdout, nothing else
//                   (progress goes to stderr; so does any stray console.log of the code measured)
//   --only a,b      measure only these result names (see --list)
//   --quick         small sample counts, skips registry_reserve_10m (smoke tests, ~seconds)
//   --list          print the result names and exit
// docs/performance.md explains the figures. Exit code 0, 1 when a benchmark failed, 2 on usage.
import { writeSync } from 'node:fs';
import { parseArgs, stringFlag, UsageError } from '../core/cli/args';
import { benchGroups } from './groups';
import { removeBenchTempDir } from './fixtures';
import type { BenchContext, BenchResult } from './harness';
import { machineInfo } from './machine';
import { formatTable, type BenchReport } from './report';

const USAGE = 'usage: npm run bench -- [--json] [--quick] [--only name1,name2] [--list]';

/** Names run by default but left out by --quick (set-up takes minutes and gigabytes). */
const SLOW_NAMES: ReadonlySet<string> = new Set(['registry_reserve_10m']);

function selection(only: string | undefined, quick: boolean, known: readonly string[]): Set<string> {
  if (only === undefined) return new Set(known.filter((n) => !(quick && SLOW_NAMES.has(n))));
  const asked = only
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = asked.filter((n) => !known.includes(n));
  if (unknown.length > 0) throw new UsageError(`unknown benchmark(s): ${unknown.join(', ')} (see --list)`);
  return new Set(asked);
}

export async function main(argv: readonly string[]): Promise<number> {
  const groups = benchGroups();
  const known = groups.flatMap((g) => g.names);
  let json: boolean;
  let wanted: Set<string>;
  let quick: boolean;
  let onlyGiven: boolean;
  try {
    const args = parseArgs(argv, {
      json: 'boolean',
      quick: 'boolean',
      only: 'string',
      list: 'boolean',
      help: 'boolean',
    });
    if (args.flags.help || args.positional.length > 0) {
      console.log(USAGE);
      return args.flags.help ? 0 : 2;
    }
    if (args.flags.list) {
      console.log(known.join('\n'));
      return 0;
    }
    json = args.flags.json === true;
    quick = args.flags.quick === true;
    onlyGiven = stringFlag(args, 'only') !== undefined;
    wanted = selection(stringFlag(args, 'only'), quick, known);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`bench: ${e.message}\n${USAGE}`);
    return 2;
  }

  // stdout belongs to the report alone: anything the measured code prints goes to stderr.
  const stdoutFd = 1;
  console.log = console.error;
  console.info = console.error;
  const ctx: BenchContext = {
    quick,
    wanted: (name) => wanted.has(name),
    progress: (line) => process.stderr.write(`bench: ${line}\n`),
  };
  // Ctrl+C must not leave gigabytes of registry files in the temp directory (a running SQLite
  // fill finishes its statement first; the handler runs right after it).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      removeBenchTempDir();
      process.exit(130);
    });
  }
  const machine = machineInfo();
  const results: Record<string, BenchResult> = {};
  const ratios: Record<string, number> = {};
  const notMeasured: Record<string, string> = {};
  if (quick && onlyGiven === false) for (const name of SLOW_NAMES) notMeasured[name] = 'skipped by --quick';
  let failed = false;
  try {
    for (const group of groups) {
      if (!group.names.some((n) => wanted.has(n))) continue;
      try {
        const out = await group.run(ctx);
        for (const name of group.names) if (out.results[name] && wanted.has(name)) results[name] = out.results[name];
        Object.assign(ratios, out.ratios ?? {});
        Object.assign(notMeasured, out.skipped ?? {});
      } catch (e) {
        failed = true;
        const reason = `FAILED: ${e instanceof Error ? e.message : String(e)}`;
        for (const name of group.names.filter((n) => wanted.has(n))) notMeasured[name] = reason;
        ctx.progress(`${group.names.join(', ')}: ${reason}`);
      }
    }
  } finally {
    removeBenchTempDir();
  }
  const report: BenchReport = { machine, results, ratios };
  writeSync(stdoutFd, `${json ? JSON.stringify(report, null, 2) : formatTable(report, notMeasured)}\n`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
