// Builds the kiosk's back end from a validated configuration: logger, registry (with
// its secret and attempt limits), audit log, record source (in demo mode a real HTTP simulator on
// 127.0.0.1 spoken to by the DiKoMa client), signer and the issuance use case. Shared by the
// KioskApi (create-kiosk-api.ts) and the `issue` CLI command. Only the registry is fatal when
// broken (the kiosk cannot promise "exactly once" without it); a broken signer or record source
// leaves a running kiosk that refuses with a typed code and shows why on the clerk screen.
import type { AuditHealth } from '../audit/audit-log';
import { loadClerkPepper } from '../clerk/clerk-pepper';
import { warmUpQrEncoder } from '../dcc/qr';
import { compileSchemaValidators } from '../dcc/schema-validate';
import type { KioskConfig } from '../config/load-config';
import { createIdFormat, type IdFormat } from '../id/genesenen-id';
import type { IssuanceDeps } from '../issuance/issuance-deps';
import { createIssuanceService, type IssuanceService } from '../issuance/issuance-service';
import { activeSigner, loadSigner, readySigner, signerStatus, type LoadedSigner } from '../issuance/signer-state';
import { createFileSink } from '../log/file-sink';
import { asEventLog, createLogger, errorName, stdoutSink, teeSink, type Logger, type LogSink } from '../log/logger';
import { createKioskMetrics, type KioskMetrics } from '../metrics/metrics';
import { observeIssuance, observeRecordSource } from '../metrics/observe';
import { createSqliteProbes } from '../metrics/sqlite-probes';
import { dataPaths } from '../paths';
import { demoFixture } from '../records/demo-records';
import { loadFixture, type Fixture } from '../records/fixture';
import { createRecordSource } from '../records/record-source-config';
import type { RecordSource } from '../records/record-source';
import { startSimulator, type RunningSimulator } from '../records/simulator';
import { openRegistryEngine } from '../registry/open-engine';
import type { AttemptGate, IssuanceRegistry, RecordBestEffort } from '../registry/registry-port';
import type { Result } from '../result';
import { err, ok } from '../result';
import { loadRuleSet, type LoadedRuleSet } from '../rules/rule-set';
import packageJson from '../../package.json';

export interface KioskRuntimeOptions {
  readonly dataDir: string;
  readonly config: KioskConfig;
  readonly now?: () => Date;
  readonly logSink?: LogSink;
  /** Overrides the simulator's fixture (`issue --records FILE`). */
  readonly fixture?: Fixture;
  /** Crash-test checkpoints of the issuance use case; only the kill tests pass one. */
  readonly checkpoint?: IssuanceDeps['checkpoint'];
}

export interface KioskRuntime {
  readonly config: KioskConfig;
  readonly now: () => Date;
  readonly log: Logger;
  readonly registry: IssuanceRegistry;
  readonly limiter: AttemptGate;
  /** Appends an audit line outside any registry change; never throws (failures are logged and counted). */
  readonly recordBestEffort: RecordBestEffort;
  /** The audit log's size alarm (docs/audit.md); always ok where the registry keeps the audit. */
  readonly auditHealth: () => AuditHealth;
  readonly idFormat: IdFormat;
  readonly recordSource: RecordSource;
  /** The in-process simulator when the record source is `simulator` (tests switch its faults). */
  readonly simulator?: RunningSimulator;
  readonly signer: LoadedSigner;
  /** The business rules of the release check, and when this kiosk loaded them (clerk status). */
  readonly ruleSet: LoadedRuleSet & { readonly loadedAt: Date };
  readonly issuance: IssuanceService;
  /** Counted always, served only when configured (docs/monitoring.md). */
  readonly metrics: KioskMetrics;
  /** `clerk.pepperFile`'s secret (core/clerk/clerk-pepper.ts); absent when none is configured. */
  readonly clerkPepper?: Buffer;
  /** `clerk.accountsInRegistry`: the fleet registry's clerk accounts (docs/fleet.md). */
  readonly clerkPinHash?: (clerkId: string) => Promise<Result<string | undefined>>;
  close(): Promise<void>;
}

export async function openKioskRuntime(opts: KioskRuntimeOptions): Promise<Result<KioskRuntime>> {
  const { config, dataDir } = opts;
  const now = opts.now ?? (() => new Date());
  const paths = dataPaths(dataDir);
  let sink: LogSink;
  try {
    sink = opts.logSink ?? createFileSink({ dir: config.logDir ?? paths.logDir });
  } catch {
    sink = () => undefined; // an unwritable log directory must not keep the kiosk from starting
  }
  if (config.logToStdout) sink = teeSink(sink, stdoutSink);
  const version = packageJson.version;
  const context = { kioskId: config.kioskId, version, ...(config.office ? { office: config.office } : {}) };
  const log = createLogger({ sink, level: config.logLevel, now, context });
  const metrics = createKioskMetrics({ ...context, demo: config.demoSigner }, { now });

  // Second line of defence behind the config schema (callers may build a config themselves):
  // a real key never signs for the simulator's or a fixture's invented people.
  if (config.signer.kind !== 'demo' && config.recordSource.kind === 'simulator') {
    log.error('config.real-signer-with-simulator', { kind: config.signer.kind });
    return err('CONFIG_INVALID', { recordSource: 'a real signer needs a real record source (dikoma or sormas)' });
  }
  // A rule file that is malformed or fails an official test case stops the start: the kiosk must
  // not hand out certificates judged by rules nobody can vouch for (docs/business-rules.md).
  const rules = loadRuleSet(config.rules.businessRules);
  if (!rules.ok) {
    log.error('rules.invalid', { count: Object.keys(rules.error).length });
    return err('CONFIG_INVALID', {
      'rules.businessRules': `${config.rules.businessRules} was refused`,
      ...Object.fromEntries(
        Object.entries(rules.error).map(([where, what]) => [`rules.businessRules: ${where}`, what]),
      ),
    });
  }
  const ruleSet = { ...rules.value, loadedAt: now() };
  // A pepper that cannot be read would lock every clerk out with "wrong PIN": refuse to start instead.
  const pepper = config.clerk.pepperFile === undefined ? undefined : loadClerkPepper(config.clerk.pepperFile, dataDir);
  if (pepper && !pepper.ok) {
    log.error('clerk.pepper-unusable', { status: String(pepper.error.details?.['reason']) });
    return pepper;
  }

  const engine = await openRegistryEngine({ config, dataDir, now, log });
  if (!engine.ok) return engine;
  const { registry, attempts: limiter, hashId } = engine.value;
  const recordBestEffort: RecordBestEffort = (entry) => {
    const failed = (e: unknown) => {
      metrics.auditFailure();
      log.error('audit.append-failed', { code: (e as { code?: string }).code ?? 'unknown' });
    };
    try {
      void Promise.resolve(engine.value.appendAudit(entry)).catch(failed);
    } catch (e) {
      failed(e);
    }
  };
  const stale = await registry.releaseStale();
  if (stale.ok && stale.value.length > 0) log.warn('registry.stale-released', { count: stale.value.length });

  let source: Awaited<ReturnType<typeof openRecordSource>>;
  try {
    source = await openRecordSource(config, opts.fixture, now, log);
  } catch (e) {
    // e.g. the simulator could not bind its port; never let start-up reject.
    log.error('record-source.start-failed', { errorName: errorName(e) });
    await registry.close();
    return err('SOURCE_UNREACHABLE', { reason: 'start-failed' });
  }
  const signer = await loadSigner(config.signer, dataDir, { kioskId: config.kioskId });
  if (!signer.ok) log.error('signer.unavailable', { code: signer.error.code, demo: signer.demo, kind: signer.kind });
  const idFormat = createIdFormat(config.idFormat ?? {});
  const recordSource = observeRecordSource(source.recordSource, metrics);
  // Every issuance line names the record source and signer kinds (docs/configuration.md): the
  // refusals through `recordBestEffort`, the issuance itself inside the registry's commit transaction.
  const kinds = () => ({ recordSource: source.recordSource.kind, signer: activeSigner(signer, now()).kind });
  const withKinds: RecordBestEffort = (entry) => recordBestEffort({ ...entry, ...kinds() });
  const registryWithKinds: IssuanceRegistry = {
    ...registry,
    commit: (reservation, entry, hooks) => registry.commit(reservation, { ...entry, ...kinds() }, hooks),
  };
  const service = createIssuanceService({
    kioskId: config.kioskId,
    demo: config.demoSigner,
    now,
    idFormat,
    hashId,
    recordSource,
    // The adapter's own deadline (the simulator client uses 8 s) plus a margin for it to report.
    lookupDeadlineMs: (config.recordSource.kind === 'simulator' ? 8000 : config.recordSource.timeoutMs) + 1500,
    registry: registryWithKinds,
    limiter,
    limits: config.attemptLimits,
    maxReissuesPerId: config.clerk.maxReissuesPerId,
    signer: (at) => readySigner(signer, at),
    rules: config.rules,
    ruleSet,
    recordBestEffort: withKinds,
    log,
    ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}),
  });
  const issuance = observeIssuance(service, metrics);
  const lockRules = {
    id: config.attemptLimits.perId,
    kiosk: config.attemptLimits.perKiosk,
    clerk: config.attemptLimits.clerkPin,
  };
  const sqlite = engine.value.database ? createSqliteProbes(engine.value.database, lockRules, now) : undefined;
  metrics.setProbes({
    registry: () => registry.issuedCount(),
    signer: () => {
      const s = signerStatus(signer, now());
      return { state: s.state, ...(signer.ok ? { notAfter: signer.value.dsc.notAfter } : {}) };
    },
    sourceHealth: { kind: recordSource.kind, probe: (signal) => recordSource.health(signal) },
    dataDir,
    ...(sqlite ? { locks: sqlite.locks, openReservations: sqlite.openReservations } : {}),
  });
  // Loaded is not enough: an expired, not yet valid or wrong-usage DSC cannot sign either.
  const ready = readySigner(signer, now());
  if (signer.ok && !ready.ok) log.error('signer.unavailable', { code: ready.error.code, demo: signer.demo });
  recordBestEffort({
    event: 'kiosk.started',
    outcome: ready.ok ? 'ok' : 'failed',
    ...(ready.ok ? {} : { code: ready.error.code }),
  });
  log.info('kiosk.started', { kioskId: config.kioskId, demo: config.demoSigner, kind: source.recordSource.kind });
  source.recordSource.warm?.(); // the first citizen should not pay for the TLS handshake
  // ... nor for compiling the schema validators and the QR encoder's first run: done once the
  // start-up has returned (docs/performance.md, "The first citizen after a start").
  setTimeout(() => {
    compileSchemaValidators();
    warmUpQrEncoder();
  }, 0).unref();

  return ok({
    config,
    now,
    log,
    // The very object the issuance use case calls (tests slow a method down at this boundary).
    registry: registryWithKinds,
    limiter,
    recordBestEffort,
    auditHealth: () => engine.value.auditHealth?.() ?? { state: 'ok', bytes: 0 },
    idFormat,
    recordSource,
    ...(source.simulator ? { simulator: source.simulator } : {}),
    signer,
    ruleSet,
    issuance,
    metrics,
    ...(pepper ? { clerkPepper: pepper.value } : {}),
    ...(config.clerk.accountsInRegistry && engine.value.clerkPinHash
      ? { clerkPinHash: engine.value.clerkPinHash }
      : {}),
    async close() {
      source.recordSource.close?.();
      await source.simulator?.close();
      engine.value.flushAudit?.();
      signer.close();
      await registry.close();
    },
  });
}

async function openRecordSource(
  config: KioskConfig,
  fixtureOverride: Fixture | undefined,
  now: () => Date,
  log: Logger,
): Promise<{ recordSource: RecordSource; simulator?: RunningSimulator }> {
  const sourceLog = asEventLog(log);
  const rc = config.recordSource;
  if (rc.kind !== 'simulator') return { recordSource: createRecordSource(rc, { now, log: sourceLog }) };
  // Demo and test mode: a real HTTP server, so the DiKoMa client's code path is the one exercised.
  let fixture: Fixture | (() => Fixture) = () => demoFixture(now());
  if (fixtureOverride) fixture = fixtureOverride;
  else if (rc.fixture) {
    const loaded = loadFixture(rc.fixture);
    // An unreadable fixture: the in-process source reports it on every lookup and in health().
    if (!loaded.ok) return { recordSource: createRecordSource(rc, { now, log: sourceLog }) };
    fixture = loaded.value;
  }
  const simulator = await startSimulator({
    fixture,
    ...(rc.latencyMs !== undefined ? { latencyMs: rc.latencyMs } : {}),
    ...(rc.faults ? { faults: rc.faults } : {}),
  });
  return { recordSource: createRecordSource(rc, { now, simulatorUrl: simulator.url, log: sourceLog }), simulator };
}
