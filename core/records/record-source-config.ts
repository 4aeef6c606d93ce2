// Which health-office system the kiosk asks, from the kiosk config file (docs/record-sources.md):
// the built-in simulator (demo mode), DiKoMa (our OpenAPI contract, docs/dikoma-openapi.yaml)
// or SORMAS (REST). Validated at the config boundary; `createRecordSource` turns a valid config
// into a RecordSource. Plain HTTP is refused except to 127.0.0.1, so names and dates of birth
// never cross a network unencrypted.
import { z } from 'zod';
import { createDikomaSource } from './dikoma-client';
import type { Fixture } from './fixture';
import { createFixtureSource } from './fixture-source';
import type { HttpAuth, HttpClientConfig, RecordSourceLog } from './http-client';
import type { RecordSource } from './record-source';
import { SIMULATOR_FAULT_MODES, type SimulatorFaultMode } from './simulator-faults';
import { createSormasSource } from './sormas-client';

export type { RecordSourceLog } from './http-client';

const parseUrl = (u: string): URL | undefined => {
  try {
    return new URL(u);
  } catch {
    return undefined;
  }
};

const serviceUrl = z
  .url({ protocol: /^https?$/ })
  .refine((u) => {
    const url = parseUrl(u);
    return url !== undefined && (url.protocol === 'https:' || url.hostname === '127.0.0.1');
  }, 'https required (http only for 127.0.0.1)')
  .refine((u) => {
    const url = parseUrl(u);
    return url !== undefined && url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  }, 'no credentials, query or fragment in baseUrl');

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const timing = {
  /** The citizen's whole wait for one lookup, retries included. */
  timeoutMs: z.int().min(100).max(60_000).default(8000),
  /** Optional cap per attempt, so a hung attempt can be retried within timeoutMs. */
  attemptTimeoutMs: z.int().min(50).max(60_000).optional(),
  retries: z.int().min(0).max(5).default(2),
  /** Kept-alive connections (docs/record-sources.md, "Connections"); 0 = a new one per request. */
  maxConnections: z.int().min(0).max(16).default(2),
  /** A kept connection unused this long is closed (a shorter server Keep-Alive hint wins). */
  idleConnectionMs: z.int().min(1000).max(300_000).default(30_000),
};
const tlsFiles = {
  clientCertPath: z.string().min(1).optional(),
  clientKeyPath: z.string().min(1).optional(),
  caPath: z.string().min(1).optional(),
};

export const simulatorFaultsSchema = z.strictObject({
  mode: z.enum(SIMULATOR_FAULT_MODES as [SimulatorFaultMode, ...SimulatorFaultMode[]]),
  rate: z.number().min(0).max(1).optional(),
  count: z.int().min(0).optional(),
});

export const recordSourceConfigSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('simulator'),
    /** Fixture file; default: the demo people (docs/record-sources.md). */
    fixture: z.string().min(1).optional(),
    latencyMs: z.int().min(0).max(60_000).optional(),
    faults: simulatorFaultsSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('dikoma'),
    baseUrl: serviceUrl,
    bearerToken: z.string().min(1).max(4096).optional(),
    /** The token from a 0600 file or systemd credential instead (read once at start-up). */
    bearerTokenFile: z.string().min(1).max(1024).optional(),
    ...tlsFiles,
    ...timing,
  }),
  z.strictObject({
    kind: z.literal('sormas'),
    /** Up to and including the REST root, e.g. https://sormas.example.de/sormas-rest */
    baseUrl: serviceUrl,
    auth: z.union([
      z.strictObject({ basic: z.strictObject({ user: z.string().min(1), password: z.string().min(1) }) }),
      z.strictObject({ bearerToken: z.string().min(1).max(4096) }),
      // Secrets from 0600 files or systemd credentials (read once at start-up by load-config.ts).
      z.strictObject({ basic: z.strictObject({ user: z.string().min(1), passwordFile: z.string().min(1).max(1024) }) }),
      z.strictObject({ bearerTokenFile: z.string().min(1).max(1024) }),
    ]),
    /** Case field holding the Genesenen-ID. */
    idField: z.enum(['externalID', 'externalToken', 'epidNumber', 'uuid']).default('externalID'),
    timeZone: z.string().min(1).refine(isTimeZone, 'unknown IANA time zone').default('Europe/Berlin'),
    /** A NOT_FOUND answer takes at least this long (docs/record-sources.md, constant-shape lookups). */
    answerFloorMs: z.int().min(0).max(30_000).default(0),
    ...tlsFiles,
    ...timing,
  }),
]);

export type RecordSourceConfig = z.output<typeof recordSourceConfigSchema>;
export type RecordSourceConfigInput = z.input<typeof recordSourceConfigSchema>;

export interface RecordSourceDeps {
  readonly now: () => Date;
  /** Fixture for the simulator kind (else config.fixture, else the demo people). */
  readonly fixture?: Fixture;
  /** URL of a running simulator (startSimulator): the simulator kind then goes over HTTP. */
  readonly simulatorUrl?: string;
  readonly log?: RecordSourceLog;
}

/**
 * simulator + simulatorUrl: the DiKoMa client against the running simulator (the production
 * code path; start it with the config's fixture/latency/faults). simulator without a URL: the
 * same fixture matching, latency and faults in process (fixture-source.ts).
 */
export function createRecordSource(config: RecordSourceConfig, deps: RecordSourceDeps): RecordSource {
  const log = deps.log;
  switch (config.kind) {
    case 'dikoma':
      return createDikomaSource(
        httpConfig('dikoma', config, config.bearerToken ? { bearerToken: config.bearerToken } : undefined, log),
      );
    case 'sormas':
      return createSormasSource(httpConfig('sormas', config, resolvedAuth(config.auth), log), {
        idField: config.idField,
        timeZone: config.timeZone,
        answerFloorMs: config.answerFloorMs,
      });
    case 'simulator':
      if (deps.simulatorUrl !== undefined) {
        return createDikomaSource(
          { source: 'simulator', baseUrl: deps.simulatorUrl, timeoutMs: 8000, retries: 1, ...(log ? { log } : {}) },
          'simulator',
        );
      }
      return createFixtureSource({
        now: deps.now,
        ...(deps.fixture ? { fixture: deps.fixture } : {}),
        ...(config.fixture ? { fixturePath: config.fixture } : {}),
        ...(config.latencyMs ? { latencyMs: config.latencyMs } : {}),
        ...(config.faults ? { faults: config.faults } : {}),
        ...(log ? { log } : {}),
      });
  }
}

/** Secret files are read by loadConfig (core/config/load-config.ts); here only values remain. */
function resolvedAuth(auth: Extract<RecordSourceConfig, { kind: 'sormas' }>['auth']): HttpAuth {
  if ('bearerToken' in auth) return auth;
  if ('basic' in auth && 'password' in auth.basic) return { basic: auth.basic };
  throw new Error('record source secret files must be resolved by loadConfig');
}

function httpConfig(
  source: string,
  c: { baseUrl: string; timeoutMs: number; attemptTimeoutMs?: number | undefined; retries: number } & {
    maxConnections: number;
    idleConnectionMs: number;
    clientCertPath?: string | undefined;
    clientKeyPath?: string | undefined;
    caPath?: string | undefined;
  },
  auth: HttpAuth | undefined,
  log: RecordSourceLog | undefined,
): HttpClientConfig {
  return {
    source,
    baseUrl: c.baseUrl,
    timeoutMs: c.timeoutMs,
    retries: c.retries,
    connections: { maxConnections: c.maxConnections, idleConnectionMs: c.idleConnectionMs },
    ...(c.attemptTimeoutMs !== undefined ? { attemptTimeoutMs: c.attemptTimeoutMs } : {}),
    ...(auth ? { auth } : {}),
    ...(c.clientCertPath ? { clientCertPath: c.clientCertPath } : {}),
    ...(c.clientKeyPath ? { clientKeyPath: c.clientKeyPath } : {}),
    ...(c.caPath ? { caPath: c.caPath } : {}),
    ...(log ? { log } : {}),
  };
}
