// Reads and validates the kiosk configuration (docs/configuration.md): one JSON or YAML file (by extension).
// No file means demo mode. Errors list each invalid field by path with zod's message, which
// names the expected type or range but never the value found, so a mistyped secret (a password
// in recordSource, a key path) is not echoed to the screen or a log. Relative paths in the file
// are resolved against the file's directory, not the working directory of whoever started it.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { DEMO_CLERK_PIN_HASH } from '../clerk/pin-hash';
import type { RecordSourceConfig } from '../records/record-source-config';
import { isBuiltinRuleSet } from '../rules/rule-set';
import { fail, ok, type Result } from '../result';
import type { KioskConfigFile, PgRegistryConfig, RulesConfig, SignerConfig } from './config-schema';

type KeySignerWithNext = Exclude<SignerConfig, { kind: 'demo' }>;
import { kioskConfigFileSchema, SINGLE_CLERK_ID } from './config-schema';
import { describeSecretProblem, readSecretText } from '../dcc/signer/secret-file';

export interface KioskConfig extends Omit<KioskConfigFile, 'kioskId' | 'rules' | 'clerk' | 'recordSource'> {
  readonly kioskId: string;
  /** Default: the simulator serving the demo people. */
  readonly recordSource: RecordSourceConfig;
  /**
   * `signer.kind` is `demo`: signing with the demo keys (no real trust), so the DEMO issuer and UVCI
   * prefix are the defaults and the demo clerk PIN is allowed. Whether the records are simulated is
   * the other, separate fact: `recordSource.kind === 'simulator'` (docs/configuration.md, "Demo mode").
   */
  readonly demoSigner: boolean;
  /** Absolute path of the file read, or undefined in demo mode without a file. */
  readonly configPath?: string;
  readonly rules: RulesConfig & { readonly issuer: string; readonly uvciPrefix: string };
  readonly clerk: Omit<KioskConfigFile['clerk'], 'pinHash' | 'accounts'> & {
    /** Every clerk who may unlock; `clerk.pinHash` and the demo become the one account `clerk`. */
    readonly accounts: readonly ClerkAccount[];
    readonly demoPin: boolean;
  };
}

/** One clerk account, resolved: `peppered` says whether its hash was made with `clerk.pepperFile`. */
export interface ClerkAccount {
  readonly id: string;
  readonly pinHash: string;
  readonly peppered: boolean;
}

export interface ConfigError {
  readonly code: 'CONFIG_INVALID';
  /** Field path (`rules.dfOffsetDays`, `printers.0.uri`, or `file`) → what is wrong. */
  readonly details: Readonly<Record<string, string>>;
}

export const DEMO_ISSUER = 'DEMO – Robert Koch-Institut';
export const REAL_ISSUER = 'Robert Koch-Institut';

/** `kiosk-<host name>`, reduced to the kioskId alphabet. */
export function defaultKioskId(host: string = hostname()): string {
  const slug = host
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 57);
  return `kiosk-${slug || 'unnamed'}`;
}

const invalid = (details: Record<string, string>) => fail<ConfigError>({ code: 'CONFIG_INVALID', details });

export function loadConfig(path?: string): Result<KioskConfig, ConfigError> {
  if (path === undefined) return resolveConfig(kioskConfigFileSchema.parse({}), undefined);
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (e) {
    return invalid({ file: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
  }
  const raw = parseText(text, extname(absolute).toLowerCase());
  if (!raw.ok) return raw;
  return parseConfigObject(raw.value, absolute);
}

/** Validates an already parsed object (tests, and the file path above). */
export function parseConfigObject(raw: unknown, configPath?: string): Result<KioskConfig, ConfigError> {
  const parsed = kioskConfigFileSchema.safeParse(raw ?? {});
  if (!parsed.success) return invalid(describeIssues(parsed.error.issues));
  return resolveConfig(parsed.data, configPath);
}

function parseText(text: string, ext: string): Result<unknown, ConfigError> {
  if (ext === '.yaml' || ext === '.yml') {
    try {
      // logLevel 'error': the parser's warnings (bad tags, directives) quote the source line.
      return ok(parseYaml(text, { logLevel: 'error' }) as unknown);
    } catch (e) {
      // The YAML error message quotes the offending source line; report only its position.
      const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
      return invalid({ file: `is not valid YAML${line ? ` (line ${line})` : ''}` });
    }
  }
  if (ext !== '.json') return invalid({ file: 'must end in .json, .yaml or .yml' });
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return invalid({ file: 'is not valid JSON' });
  }
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const details: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message;
    details[key] = details[key] ? `${details[key]}; ${message}` : message;
  }
  return details;
}

function resolveConfig(file: KioskConfigFile, configPath: string | undefined): Result<KioskConfig, ConfigError> {
  const base = configPath ? dirname(configPath) : process.cwd();
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const demoSigner = file.signer.kind === 'demo';
  const signer = resolveSignerPaths(file.signer, abs);
  const recordSource = file.recordSource ? resolveSourcePaths(file.recordSource, abs) : undefined;
  if (recordSource && !recordSource.ok) return recordSource;
  return {
    ok: true,
    value: {
      ...file,
      kioskId: file.kioskId ?? defaultKioskId(),
      demoSigner,
      ...(configPath ? { configPath } : {}),
      signer,
      recordSource: recordSource ? recordSource.value : { kind: 'simulator' },
      ...(file.registryPath ? { registryPath: abs(file.registryPath) } : {}),
      ...(file.registry?.kind === 'postgres' ? { registry: resolveRegistryPaths(file.registry, abs) } : {}),
      ...(file.logDir ? { logDir: abs(file.logDir) } : {}),
      ...(file.metrics?.tokenFile ? { metrics: { ...file.metrics, tokenFile: abs(file.metrics.tokenFile) } } : {}),
      audit: { ...file.audit, ...(file.audit.keyFile ? { keyFile: abs(file.audit.keyFile) } : {}) },
      rules: {
        ...file.rules,
        businessRules: isBuiltinRuleSet(file.rules.businessRules)
          ? file.rules.businessRules
          : abs(file.rules.businessRules),
        issuer: file.rules.issuer ?? (demoSigner ? DEMO_ISSUER : REAL_ISSUER),
        uvciPrefix: file.rules.uvciPrefix ?? (demoSigner ? 'DEMO' : 'KIOSK'),
      },
      clerk: resolveClerk(file.clerk, abs),
    },
  };
}

/** Older configs (`clerk.pinHash`, one PIN, no pepper) and the demo become the single account `clerk`. */
function resolveClerk(c: KioskConfigFile['clerk'], abs: (p: string) => string): KioskConfig['clerk'] {
  const { pinHash, accounts, pepperFile, ...rest } = c;
  // Accounts in the fleet registry replace the demo clerk: none is made up locally then.
  const fallback: readonly ClerkAccount[] =
    pinHash === undefined && c.accountsInRegistry
      ? []
      : [{ id: SINGLE_CLERK_ID, pinHash: pinHash ?? DEMO_CLERK_PIN_HASH, peppered: false }];
  const resolved: readonly ClerkAccount[] =
    accounts?.map((a) => ({ id: a.id, pinHash: a.pinHash, peppered: pepperFile !== undefined })) ?? fallback;
  return {
    ...rest,
    ...(pepperFile !== undefined ? { pepperFile: abs(pepperFile) } : {}),
    accounts: resolved,
    demoPin: pinHash === undefined && accounts === undefined && !c.accountsInRegistry,
  };
}

function resolveRegistryPaths(r: PgRegistryConfig, abs: (p: string) => string): PgRegistryConfig {
  const tls = r.tls && {
    caPath: abs(r.tls.caPath),
    ...(r.tls.certPath ? { certPath: abs(r.tls.certPath) } : {}),
    ...(r.tls.keyPath ? { keyPath: abs(r.tls.keyPath) } : {}),
  };
  return { ...r, idHashKeyFile: abs(r.idHashKeyFile), ...(tls ? { tls } : {}) };
}

/** Key, DSC, secret and TLS file paths of the signer and its `next` (a module path stays as given). */
function resolveSignerPaths<S extends SignerConfig | NonNullable<KeySignerWithNext['next']>>(
  s: S,
  abs: (p: string) => string,
): S {
  const opt = (p: string | undefined) => (p === undefined ? undefined : abs(p));
  const strip = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  const withNext = 'next' in s && s.next ? { next: resolveSignerPaths(s.next, abs) } : {};
  switch (s.kind) {
    case 'demo':
      return s;
    case 'pem':
      return strip({
        ...s,
        keyPath: abs(s.keyPath),
        certPath: abs(s.certPath),
        passphraseFile: opt(s.passphraseFile),
        ...withNext,
      });
    case 'pkcs11':
      return { ...s, pinFile: abs(s.pinFile), dscPath: abs(s.dscPath), ...withNext };
    case 'remote':
      return strip({
        ...s,
        dscPath: abs(s.dscPath),
        clientCertPath: abs(s.clientCertPath),
        clientKeyPath: abs(s.clientKeyPath),
        caPath: opt(s.caPath),
        tokenFile: opt(s.tokenFile),
        ...withNext,
      });
  }
}

/** Fixture and TLS file paths, like every path in the file, are relative to the file. Secret
 *  files (`bearerTokenFile`, `passwordFile`) are read here, once, and only when group and others
 *  cannot read them (core/dcc/signer/secret-file.ts); the configuration then holds the value. */
function resolveSourcePaths(
  source: RecordSourceConfig,
  abs: (p: string) => string,
): Result<RecordSourceConfig, ConfigError> {
  if (source.kind === 'simulator') return ok(source.fixture ? { ...source, fixture: abs(source.fixture) } : source);
  const secret = (path: string, field: string): Result<string, ConfigError> => {
    const r = readSecretText(abs(path));
    return r.ok ? r : invalid({ [`recordSource.${field}`]: describeSecretProblem(r.error) });
  };
  const tls = {
    ...(source.clientCertPath ? { clientCertPath: abs(source.clientCertPath) } : {}),
    ...(source.clientKeyPath ? { clientKeyPath: abs(source.clientKeyPath) } : {}),
    ...(source.caPath ? { caPath: abs(source.caPath) } : {}),
  };
  if (source.kind === 'dikoma') {
    const { bearerTokenFile, ...rest } = source;
    if (bearerTokenFile === undefined) return ok({ ...rest, ...tls });
    if (rest.bearerToken !== undefined)
      return invalid({ 'recordSource.bearerTokenFile': 'give bearerToken or bearerTokenFile, not both' });
    const token = secret(bearerTokenFile, 'bearerTokenFile');
    return token.ok ? ok({ ...rest, ...tls, bearerToken: token.value }) : token;
  }
  const auth = source.auth;
  if ('bearerTokenFile' in auth) {
    const token = secret(auth.bearerTokenFile, 'auth.bearerTokenFile');
    return token.ok ? ok({ ...source, ...tls, auth: { bearerToken: token.value } }) : token;
  }
  if ('basic' in auth && 'passwordFile' in auth.basic) {
    const password = secret(auth.basic.passwordFile, 'auth.basic.passwordFile');
    return password.ok
      ? ok({ ...source, ...tls, auth: { basic: { user: auth.basic.user, password: password.value } } })
      : password;
  }
  return ok({ ...source, ...tls });
}
