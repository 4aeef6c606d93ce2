// `npm run sim -- [--records FIXTURE.json] [--port N] [--latency MS] [--fault MODE] [--fault-rate R]`:
// runs the health-office simulator (DiKoMa contract) on 127.0.0.1 for demos and manual testing.
// Without --records it serves the demo people (docs/record-sources.md), dated relative to now.
import { parseArgs, stringFlag, UsageError } from '../cli/args';
import { demoFixture } from './demo-records';
import { loadFixture } from './fixture';
import { SIMULATOR_FAULT_MODES, startSimulator, type SimulatorFaultMode } from './simulator';

const USAGE =
  'usage: npm run sim -- [--records FIXTURE.json] [--port N] [--latency MS] [--fault MODE] [--fault-rate 0..1]';

function intFlag(value: string | undefined, name: string, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/u.test(value) || Number(value) > max) throw new UsageError(`--${name} must be an integer 0..${max}`);
  return Number(value);
}

export async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, {
    records: 'string',
    port: 'string',
    latency: 'string',
    fault: 'string',
    'fault-rate': 'string',
  });
  const port = intFlag(stringFlag(args, 'port'), 'port', 65535) ?? 8787;
  const latencyMs = intFlag(stringFlag(args, 'latency'), 'latency', 600_000) ?? 0;
  const mode = stringFlag(args, 'fault') ?? 'none';
  if (!(SIMULATOR_FAULT_MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`--fault must be one of ${SIMULATOR_FAULT_MODES.join(', ')}`);
  }
  const rateRaw = stringFlag(args, 'fault-rate');
  const rate = rateRaw === undefined ? undefined : Number(rateRaw);
  if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new UsageError('--fault-rate must be 0..1');

  const records = stringFlag(args, 'records');
  let fixture: Parameters<typeof startSimulator>[0]['fixture'] = () => demoFixture(new Date());
  if (records !== undefined) {
    const loaded = loadFixture(records);
    if (!loaded.ok) {
      process.stderr.write(`fixture rejected: ${JSON.stringify(loaded.error)}\n`);
      return 1;
    }
    fixture = loaded.value;
  }
  const sim = await startSimulator({
    fixture,
    port,
    latencyMs,
    faults: { mode: mode as SimulatorFaultMode, ...(rate !== undefined ? { rate } : {}) },
  });
  process.stdout.write(`${sim.url}\n`);
  const stop = () => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return await new Promise<number>(() => {}); // runs until a signal
}

const invokedDirectly = process.argv[1]?.endsWith('simulator-cli.ts') ?? false;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(e instanceof UsageError ? `${e.message}\n${USAGE}\n` : 'simulator failed to start\n');
      process.exit(2);
    },
  );
}
