// Minimal, strict argument parsing for the CLI: `--flag value`, `--flag=value`, boolean flags,
// repeatable flags (`--from-sqlite A --from-sqlite B`) and positional arguments. Unknown flags are
// an error, so typos never pass silently.

export interface ParsedArgs {
  readonly flags: Readonly<Record<string, string | true>>;
  readonly positional: readonly string[];
  /** Values of 'repeated' flags, in the order given. */
  readonly repeated: Readonly<Record<string, readonly string[]>>;
}

export class UsageError extends Error {}

/** `spec` maps a flag name to 'string' (takes a value), 'repeated' (takes one each time) or 'boolean'. */
export function parseArgs(
  argv: readonly string[],
  spec: Readonly<Record<string, 'string' | 'repeated' | 'boolean'>>,
): ParsedArgs {
  const flags: Record<string, string | true> = {};
  const repeated: Record<string, string[]> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option --${name}`);
    if (kind === 'boolean') {
      flags[name] = true;
      continue;
    }
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (kind === 'repeated') (repeated[name] ??= []).push(value);
    else flags[name] = value;
  }
  return { flags, positional, repeated };
}

export const stringFlag = (args: ParsedArgs, name: string): string | undefined => {
  const v = args.flags[name];
  return typeof v === 'string' ? v : undefined;
};

export const requireFlag = (args: ParsedArgs, name: string): string => {
  const v = stringFlag(args, name);
  if (v === undefined) throw new UsageError(`--${name} is required`);
  return v;
};
