// `npm run cli -- clerk add|remove|list` (docs/configuration.md, "Clerk accounts"): manages
// `clerk.accounts` in the kiosk configuration. `add` reads the new PIN twice from standard input,
// so it never lands in the shell history or the process list, and hashes it with the configured
// pepper (`clerk.pepperFile`, or `--pepper-file`). Without `--config` it prints the entry to paste.
// A config with `clerk.accountsInRegistry` manages the fleet registry's table instead (clerk-fleet.ts).
// Output names clerk ids only: never a PIN, a hash of a PIN in an error, or the pepper.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { loadClerkPepper } from '../../clerk/clerk-pepper';
import { ACCOUNT_PIN_PATTERN, hashPin } from '../../clerk/pin-hash';
import { CLERK_ID_PATTERN } from '../../config/config-schema';
import { parseArgs, requireFlag, stringFlag, UsageError, type ParsedArgs } from '../args';
import { fleetClerk } from './clerk-fleet';

export interface ClerkCliIo {
  readonly input: NodeJS.ReadableStream;
  readonly out: (text: string) => void;
  readonly errOut: (text: string) => void;
}

const processIo: ClerkCliIo = {
  input: process.stdin,
  out: (t) => process.stdout.write(t),
  errOut: (t) => process.stderr.write(t),
};

/** The first `count` lines of the input (fewer when it ends early). */
async function readLines(input: NodeJS.ReadableStream, count: number): Promise<string[]> {
  const rl = createInterface({ input, terminal: false });
  const lines: string[] = [];
  for await (const line of rl) {
    lines.push(line.trim());
    if (lines.length === count) break;
  }
  rl.close();
  return lines;
}

interface ConfigFile {
  readonly path: string;
  readonly json: boolean;
  readonly doc: Document;
}

function openConfig(path: string): ConfigFile {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch {
    throw new UsageError('cannot read the --config file');
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new UsageError('the --config file is not valid YAML or JSON');
  return { path: absolute, json: extname(absolute).toLowerCase() === '.json', doc };
}

function saveConfig(c: ConfigFile): void {
  const text = c.json ? `${JSON.stringify(c.doc.toJS(), null, 2)}\n` : c.doc.toString();
  writeFileSync(c.path, text);
}

const accountIds = (c: ConfigFile): string[] => {
  const accounts = c.doc.getIn(['clerk', 'accounts']);
  if (!isSeq(accounts)) return [];
  return accounts.items.map((item) => (isMap(item) ? String(item.get('id')) : '')).filter((id) => id !== '');
};

/** The new PIN, typed twice on standard input; undefined (after saying why) when it is not usable. */
async function readNewPin(io: ClerkCliIo): Promise<string | undefined> {
  io.errOut('New PIN (6-12 digits), then the same PIN again:\n');
  const [pin, again] = await readLines(io.input, 2);
  if (pin === undefined || !ACCOUNT_PIN_PATTERN.test(pin)) {
    io.errOut('clerk: the PIN must be 6 to 12 digits\n');
    return undefined;
  }
  if (again !== pin) {
    io.errOut('clerk: the two PINs differ\n');
    return undefined;
  }
  return pin;
}

function runFleet(action: string | undefined, args: ParsedArgs, configPath: string, io: ClerkCliIo): Promise<number> {
  if (action === 'list') return fleetClerk(configPath, { action }, io);
  const id = requireFlag(args, 'id');
  if (!CLERK_ID_PATTERN.test(id)) throw new UsageError('--id must be 2-32 lower-case letters, digits, . _ or -');
  if (action === 'remove') return fleetClerk(configPath, { action, id }, io);
  if (action !== 'add') throw new UsageError('expected: clerk add|remove|list');
  return fleetClerk(configPath, { action, id, readPin: () => readNewPin(io) }, io);
}

export async function run(argv: readonly string[], io: ClerkCliIo = processIo): Promise<number> {
  const args = parseArgs(argv, { id: 'string', config: 'string', 'pepper-file': 'string' });
  const [action, ...extra] = args.positional;
  if (extra.length > 0) throw new UsageError('too many arguments');
  const configPath = stringFlag(args, 'config');
  const config = configPath === undefined ? undefined : openConfig(configPath);
  if (config && configPath && config.doc.getIn(['clerk', 'accountsInRegistry']) === true) {
    return runFleet(action, args, configPath, io);
  }

  if (action === 'list') {
    if (!config) throw new UsageError('--config is required');
    const ids = accountIds(config);
    // A config with only `clerk.pinHash` (or the demo) has the one account `clerk`.
    io.out(`${(ids.length > 0 ? ids : ['clerk']).join('\n')}\n`);
    return 0;
  }

  const id = requireFlag(args, 'id');
  if (!CLERK_ID_PATTERN.test(id)) throw new UsageError('--id must be 2-32 lower-case letters, digits, . _ or -');

  if (action === 'remove') {
    if (!config) throw new UsageError('--config is required');
    const ids = accountIds(config);
    const at = ids.indexOf(id);
    if (at === -1) {
      io.errOut(`clerk: no account ${id}\n`);
      return 1;
    }
    if (ids.length === 1) {
      io.errOut('clerk: the last account cannot be removed (nobody could unlock clerk mode)\n');
      return 1;
    }
    config.doc.deleteIn(['clerk', 'accounts', at]);
    saveConfig(config);
    io.out(`removed ${id}\n`);
    return 0;
  }

  if (action !== 'add') throw new UsageError('expected: clerk add|remove|list');
  if (config && config.doc.getIn(['clerk', 'pinHash']) !== undefined) {
    io.errOut('clerk: the config has clerk.pinHash (one PIN for all); replace it by clerk.accounts first\n');
    return 1;
  }
  if (config && accountIds(config).includes(id)) {
    io.errOut(`clerk: account ${id} exists; remove it first to set a new PIN\n`);
    return 1;
  }
  const pepperFlag = stringFlag(args, 'pepper-file');
  const configured = config?.doc.getIn(['clerk', 'pepperFile']);
  const pepperFile =
    pepperFlag ??
    (typeof configured === 'string'
      ? isAbsolute(configured)
        ? configured
        : resolve(dirname(config!.path), configured)
      : undefined);
  if (pepperFlag !== undefined && typeof configured === 'string')
    throw new UsageError('the config names clerk.pepperFile; leave out --pepper-file');
  let pepper: Buffer | undefined;
  if (pepperFile !== undefined) {
    const loaded = loadClerkPepper(pepperFile);
    if (!loaded.ok) {
      io.errOut(`clerk: the pepper file cannot be used (${String(loaded.error.details?.['reason'])})\n`);
      return 1;
    }
    pepper = loaded.value;
  } else {
    io.errOut('clerk: no pepper file; this entry is for the demo only (docs/configuration.md)\n');
  }

  const pin = await readNewPin(io);
  if (pin === undefined) return 2;
  const entry = { id, pinHash: await hashPin(pin, undefined, pepper) };
  if (!config) {
    io.out(`${JSON.stringify(entry)}\n`);
    return 0;
  }
  const accounts = config.doc.getIn(['clerk', 'accounts']);
  if (isSeq(accounts)) accounts.add(config.doc.createNode(entry));
  else config.doc.setIn(['clerk', 'accounts'], config.doc.createNode([entry]));
  saveConfig(config);
  io.out(`added ${id}\n`);
  return 0;
}
