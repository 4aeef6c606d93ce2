// Builds the kiosk's back end from a validated configuration: logger, registry (with
// its secret and attempt limits), audit log, record source (in demo mode a real HTTP simulator on
// 127.0.0.1 spoken to by the DiKoMa client), signer and the issuance use case. Shared by the
// KioskApi (create-kiosk-api.ts) and the `issue` CLI command. Only the registry is fatal when
// broken (the kiosk cannot promise "exactly once" without it); a broken signer or record source
// leaves a running kiosk that refuses with a typed code and shows why on the clerk screen.
import { createAuditLog, type AuditLog } from '../audit/audit-log';
import { loadOrCreateAuditKey } from '../audit/audit-key';
import type { AuditEntry } from '../audit/audit-line';
import type { KioskConfig } from '../config/load-config';
import { createIdFormat, type IdFormat } from '../id/genesenen-id';
import { createIssuanceService, type IssuanceService } from '../issuance/issuance-service';
import { loadSigner, readySigner, type LoadedSigner } from '../issuance/signer-state';
import { createFileSink } from '../log/file-sink';
import { asEventLog, createLogger, errorName, type Logger, type LogSink } from '../log/logger';
import { dataPaths } from '../paths';
import { demoFixture } from '../records/demo-records';
import { loadFixture, type Fixture } from '../records/fixture';
import { createRecordSource } from '../records/record-source-config';
import type { RecordSource } from '../records/record-source';
import { startSimulator, type RunningSimulator } from '../records/simulator';
import { createAttemptLimiter, type AttemptLimiter } from '../registry/attempt-limits';
import { openRegistryDatabase } from '../registry/database';
import { createIdHasher, loadOrCreateSecret, secretPathFor } from '../registry/id-hash';
import { createRegistry, type Registry } from '../registry/registry';
import type { Result } from '../result';
import { err, ok } from '../result';

export interface KioskRuntimeOptions {
  readonly dataDir: string;
  readonly config: KioskConfig;
  readonly now?: () => Date;
  readonly logSink?: LogSink;
  /** Overrides the simulator's fixture (`issue --records FILE`). */
  readonly fixture?: Fixture;
}

export interface KioskRuntime {
  readonly config: KioskConfig;
  readonly now: () => Date;
  readonly log: Logger;
  readonly registry: Registry;
  readonly limiter: AttemptLimiter;
  readonly auditLog: AuditLog;
  /** Appends an audit line; never throws (failures are logged). */
  readonly audit: (entry: AuditEntry) => void;
  readonly idFormat: IdFormat;
  readonly recordSource: RecordSource;
  /** The in-process simulator when the record source is `simulator` (tests switch its faults). */
  readonly simulator?: RunningSimulator;
  readonly signer: LoadedSigner;
  readonly issuance: IssuanceService;
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
  const log = createLogger({ sink, level: config.logLevel, now });

  const registryPath = config.registryPath ?? paths.registry;
  const secret = loadOrCreateSecret(secretPathFor(registryPath));
  if (!secret.ok) return secret;
  const db = openRegistryDatabase(registryPath);
  if (!db.ok) {
    log.error('registry.open-failed', { code: db.error.code });
    return db;
  }
  let auditLog: AuditLog | undefined;
  const audit = Object.assign(
    (entry: AuditEntry): void => {
      try {
        auditLog?.append(entry);
      } catch (e) {
        log.error('audit.append-failed', { code: (e as { code?: string }).code ?? 'unknown' });
      }
    },
    {
      flush: (): void => {
        try {
          auditLog?.flush();
        } catch (e) {
          log.error('audit.append-failed', { code: (e as { code?: string }).code ?? 'unknown' });
        }
      },
    },
  );
  const registry = createRegistry(db.value, {
    now,
    onStaleReleased: (s) => {
      // Inside the registry transaction: must throw on failure so the release rolls back.
      auditLog?.append({ event: 'reservation.stale-released', outcome: 'ok', idHash: s.idHash, uvci: s.uvci, code: s.reason });
    },
  });
  // The audit key lives outside the data directory (docs/audit.md); a bad key file stops start-up.
  const auditKey = loadOrCreateAuditKey(dataDir, config.audit.keyFile);
  if (!auditKey.ok) {
    log.error('audit.key-invalid', { state: String(auditKey.error.details?.reason ?? 'unknown') });
    registry.close();
    return auditKey;
  }
  if (!config.demo && config.audit.keyFile === undefined) log.warn('audit.key-default-location', {});
  try {
    auditLog = createAuditLog({
      dir: paths.auditDir,
      kioskId: config.kioskId,
      now,
      lock: registry.exclusive,
      key: auditKey.value,
      maxBytes: config.audit.maxBytes,
    });
  } catch {
    registry.close();
    return err('REGISTRY_UNAVAILABLE', { reason: 'audit-dir' });
  }
  const stale = registry.releaseStale();
  if (stale.ok && stale.value.length > 0) log.warn('registry.stale-released', { count: stale.value.length });
  const limiter = createAttemptLimiter(db.value, now);

  let source: Awaited<ReturnType<typeof openRecordSource>>;
  try {
    source = await openRecordSource(config, opts.fixture, now, log);
  } catch (e) {
    // e.g. the simulator could not bind its port; never let start-up reject.
    log.error('record-source.start-failed', { errorName: errorName(e) });
    registry.close();
    return err('SOURCE_UNREACHABLE', { reason: 'start-failed' });
  }
  const signer = await loadSigner(config.signer, dataDir);
  if (!signer.ok) log.error('signer.unavailable', { code: signer.code, demo: signer.demo });
  const idFormat = createIdFormat(config.idFormat ?? {});
  const hashId = createIdHasher(secret.value);
  const issuance = createIssuanceService({
    kioskId: config.kioskId,
    demo: config.demo,
    now,
    idFormat,
    hashId,
    recordSource: source.recordSource,
    // The adapter's own deadline (the simulator client uses 8 s) plus a margin for it to report.
    lookupDeadlineMs: (config.recordSource.kind === 'simulator' ? 8000 : config.recordSource.timeoutMs) + 1500,
    registry,
    limiter,
    limits: config.attemptLimits,
    signer: (at) => readySigner(signer, at),
    rules: config.rules,
    audit: (entry) => auditLog!.append(entry),
    log,
  });
  // Loaded is not enough: an expired, not yet valid or wrong-usage DSC cannot sign either.
  const ready = readySigner(signer, now());
  if (signer.ok && !ready.ok) log.error('signer.unavailable', { code: ready.error.code, demo: signer.demo });
  audit({ event: 'kiosk.started', outcome: ready.ok ? 'ok' : 'failed', ...(ready.ok ? {} : { code: ready.error.code }) });
  log.info('kiosk.started', { kioskId: config.kioskId, demo: config.demo, kind: source.recordSource.kind });

  return ok({
    config,
    now,
    log,
    registry,
    limiter,
    auditLog,
    audit,
    idFormat,
    recordSource: source.recordSource,
    ...(source.simulator ? { simulator: source.simulator } : {}),
    signer,
    issuance,
    async close() {
      await source.simulator?.close();
      audit.flush();
      registry.close();
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
