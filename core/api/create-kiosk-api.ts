// The KioskApi implementation and the factory both transports use. `createKiosk`
// loads the configuration (no file: demo mode), opens the runtime (kiosk-runtime.ts) and
// returns the API. Every method returns a Result and never rejects: unexpected exceptions are
// logged by class name only and become INTERNAL. Certificates stay in this process's memory
// (held-certificates.ts); the renderer only ever gets an opaque certificateId for printing.
import packageJson from '../../package.json';
import { sanitizeReason } from '../audit/audit-line';
import { reasonLooksPersonal } from '../audit/reason-check';
import { createClerkSessions } from '../clerk/clerk-session';
import { loadConfig, type KioskConfig } from '../config/load-config';
import { qrSymbol } from '../dcc/qr';
import { recoveryView } from '../dcc/recovery-view';
import type { IssuanceOutcome } from '../issuance/issuance-service';
import { signerStatus } from '../issuance/signer-state';
import { asEventLog, errorName, type Logger, type LogSink } from '../log/logger';
import type { MetricsServer } from '../metrics/metrics-server';
import { startKioskMetrics } from '../metrics/start-metrics';
import type { ElectronPdfPrint } from '../print/printer-config';
import { createPrintService } from '../print/print-service';
import { withMemoryFallback } from '../registry/fallback-attempts';
import { err, fail, ok, type Result } from '../result';
import { citizenServiceState } from './citizen-service-state';
import { createHeldCertificates } from './held-certificates';
import type { CertificateAcceptance, IssuedCertificate, KioskApi, ServiceStatus } from './kiosk-api';
import { rulesStatus } from './rules-status';
import { openKioskRuntime, type KioskRuntime, type KioskRuntimeOptions } from './kiosk-runtime';

export interface CreateKioskOptions {
  readonly dataDir: string;
  /** JSON or YAML; absent = demo mode. */
  readonly configPath?: string;
  readonly now?: () => Date;
  readonly electronPrint?: ElectronPdfPrint;
  /** Where log lines go; default a rotating file in `<dataDir>/logs` (or config.logDir). */
  readonly logSink?: LogSink;
  /** Serve the metrics endpoint if configured (docs/monitoring.md): the kiosk processes, not the CLI. */
  readonly serveMetrics?: boolean;
  /** Crash-test checkpoints (kiosk-runtime.ts); only the kill tests pass one. */
  readonly checkpoint?: KioskRuntimeOptions['checkpoint'];
}

export interface Kiosk {
  readonly api: KioskApi;
  readonly config: KioskConfig;
  /** The privacy-safe logger (the Electron main process logs through it too). */
  readonly log: Logger;
  /** The back end's parts, for tests and the CLI (simulator faults, registry counts). */
  readonly runtime: KioskRuntime;
  /** The metrics endpoint, when configured and asked for (serveMetrics). */
  readonly metricsServer?: MetricsServer;
  close(): Promise<void>;
}

const HEALTH_TIMEOUT_MS = 5000;

export async function createKiosk(opts: CreateKioskOptions): Promise<Result<Kiosk>> {
  try {
    return await startKiosk(opts);
  } catch {
    return err('INTERNAL');
  }
}

async function startKiosk(opts: CreateKioskOptions): Promise<Result<Kiosk>> {
  const config = loadConfig(opts.configPath);
  if (!config.ok) return config;
  const runtime = await openKioskRuntime({
    dataDir: opts.dataDir,
    config: config.value,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.logSink ? { logSink: opts.logSink } : {}),
    ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}),
  });
  if (!runtime.ok) return runtime;
  const rt = runtime.value;
  const api = createKioskApi(rt, opts.electronPrint);
  // A metrics endpoint that cannot start (port taken, token file open to others) is logged; the
  // kiosk still serves citizens, and `cli doctor` names the problem.
  const served = opts.serveMetrics
    ? await startKioskMetrics({ config: config.value.metrics, metrics: rt.metrics, dataDir: opts.dataDir, log: rt.log })
    : ok(undefined);
  const metricsServer = served.ok ? served.value : undefined;
  const close = async () => {
    await metricsServer?.close();
    await rt.close();
  };
  const metricsPart = metricsServer ? { metricsServer } : {};
  return ok({ api, config: config.value, log: rt.log, runtime: rt, ...metricsPart, close });
}

export function createKioskApi(rt: KioskRuntime, electronPrint?: ElectronPdfPrint): KioskApi {
  const { config, log, now } = rt;
  const held = createHeldCertificates({ now });
  const printService = createPrintService(config.printers, {
    ...(electronPrint ? { electronPrint } : {}),
    log: asEventLog(log),
  });
  rt.metrics.setProbes({ printers: () => printService.status() });
  const clerk = createClerkSessions({
    accounts: config.clerk.accounts,
    ...(rt.clerkPinHash ? { findPinHash: rt.clerkPinHash } : {}),
    ...(rt.clerkPepper ? { pepper: rt.clerkPepper } : {}),
    kioskId: config.kioskId,
    // The clerk can unlock (and see why) while the registry is down: docs/fleet.md.
    limiter: withMemoryFallback(rt.limiter, now),
    pinAttempts: config.attemptLimits.clerkPin,
    sessionMinutes: config.clerk.sessionMinutes,
    idleLockSeconds: config.clerk.idleLockSeconds,
    now,
    recordBestEffort: rt.recordBestEffort,
  });

  const toIssued = async (o: IssuanceOutcome): Promise<IssuedCertificate> => {
    const { hc1, payload } = o.certificate;
    const view = recoveryView(payload);
    const a = o.acceptance;
    const acceptance: CertificateAcceptance = {
      country: a.country,
      acceptedUntil: a.until,
      acceptedUntilRule: a.rule,
      basis: a.basis,
      differsFromValidUntil: a.until !== view.validUntil,
      daysLeft: a.daysLeft,
      warning: a.warning,
    };
    const certificateId = held.hold({ hc1, payload, demo: o.demo, acceptance });
    return {
      certificateId,
      hc1,
      qr: qrSymbol(hc1),
      uvci: o.uvci,
      familyName: view.familyName ?? o.record.familyName,
      givenName: view.givenName ?? '',
      familyNameTransliterated: view.familyNameTransliterated,
      givenNameTransliterated: view.givenNameTransliterated ?? '',
      dateOfBirth: view.dateOfBirth,
      validFrom: view.validFrom,
      validUntil: view.validUntil,
      issuer: view.issuer,
      demo: o.demo,
      reissue: o.reissue,
      acceptance,
    };
  };

  /** Runs a method body; an exception becomes INTERNAL, logged by class name only. */
  const guarded =
    <I, T>(method: string, body: (input: I) => Promise<Result<T>>) =>
    async (input: I): Promise<Result<T>> => {
      try {
        return await body(input);
      } catch (e) {
        log.error('api.exception', { method, errorName: errorName(e) });
        return err('INTERNAL');
      }
    };

  const api: KioskApi = {
    getInfo: guarded('getInfo', async () =>
      ok({
        version: packageJson.version,
        demoSigner: config.demoSigner,
        simulatedRecords: config.recordSource.kind === 'simulator',
        languages: config.ui.languages,
        printFormats: printService.formats(),
        idleTimeoutSeconds: config.ui.idleTimeoutSeconds,
        idleWarningSeconds: config.ui.idleWarningSeconds,
        resultIdleTimeoutSeconds: Math.min(config.ui.resultIdleTimeoutSeconds, config.ui.idleTimeoutSeconds),
        idExample: rt.idFormat.example,
        issuer: config.rules.issuer,
      }),
    ),
    validateId: guarded('validateId', async ({ genesenenId }) => {
      // A citizen has begun: the kept connection may have closed while the kiosk was idle, so
      // open one now, while they type their name (docs/record-sources.md, "Connections").
      rt.recordSource.warm?.();
      return rt.idFormat.normalize(genesenenId);
    }),
    issue: guarded('issue', async (req) => {
      const outcome = await rt.issuance.issue(req);
      return outcome.ok ? ok(await toIssued(outcome.value)) : outcome;
    }),
    print: guarded('print', async ({ certificateId, format, lang }) => {
      const cert = held.get(certificateId);
      if (!cert) return err('CERTIFICATE_NOT_HELD');
      return printService.print(cert, format, lang);
    }),
    endSession: guarded('endSession', async () => {
      held.clear();
      clerk.lockAll();
      return ok(null);
    }),
    sessionState: guarded('sessionState', async () =>
      ok({ heldCertificates: held.count(), clerkUnlocked: clerk.isUnlocked() }),
    ),
    serviceState: guarded('serviceState', async () =>
      ok(citizenServiceState(await serviceStatus(rt, () => printService.status()))),
    ),
    clerkUnlock: guarded('clerkUnlock', async ({ clerkId, pin }) => clerk.unlock(clerkId, pin)),
    clerkStatus: guarded('clerkStatus', async ({ token }) => {
      const grant = clerk.authorise(token);
      if (!grant.ok) return grant;
      return ok(await serviceStatus(rt, () => printService.status()));
    }),
    clerkTouch: guarded('clerkTouch', async ({ token }) => clerk.touch(token)),
    clerkReissue: guarded('clerkReissue', async ({ token, reason, confirmedBy, ...req }) => {
      const grant = clerk.authorise(token);
      if (!grant.ok) return grant;
      const cleanReason = sanitizeReason(reason);
      if (cleanReason.length === 0) return err('REASON_REQUIRED');
      if (reasonLooksPersonal(cleanReason)) return err('REASON_LOOKS_PERSONAL');
      // The second clerk must be someone else, checked (and counted) like a sign-in.
      let second: string | undefined;
      if (confirmedBy) {
        if (confirmedBy.clerkId === grant.value.clerkId) return err('CLERK_NOT_AUTHORISED', { confirm: 'same-clerk' });
        const confirmed = await clerk.confirm(confirmedBy.clerkId, confirmedBy.pin);
        if (!confirmed.ok) return confirmed;
        second = confirmed.value.clerkId;
      }
      const outcome = await rt.issuance.issue(req, {
        clerkSession: grant.value.sessionId,
        clerkId: grant.value.clerkId,
        reason: cleanReason,
        ...(second ? { confirmedBy: second } : {}),
      });
      return outcome.ok ? ok(await toIssued(outcome.value)) : outcome;
    }),
    clerkLiftKioskLock: guarded('clerkLiftKioskLock', async ({ token }) => {
      const grant = clerk.authorise(token);
      if (!grant.ok) return grant;
      const cleared = await rt.limiter.clear('kiosk', config.kioskId);
      if (!cleared.ok) return cleared;
      rt.recordBestEffort({
        event: 'kiosk.lock-lifted',
        outcome: 'ok',
        clerk: grant.value.sessionId,
        clerkId: grant.value.clerkId,
      });
      log.info('kiosk.lock-lifted', {});
      return ok(null);
    }),
    clerkLock: guarded('clerkLock', async ({ token }) => clerk.lock(token)),
  };
  return api;
}

async function serviceStatus(
  rt: KioskRuntime,
  printers: () => Promise<ServiceStatus['printers']>,
): Promise<ServiceStatus> {
  const [health, printerStatus] = await Promise.all([
    rt.recordSource.health(AbortSignal.timeout(HEALTH_TIMEOUT_MS)).catch(() => fail('SOURCE_UNREACHABLE')),
    printers().catch(() => []),
  ]);
  const count = await rt.registry.issuedCount();
  const lock = await kioskLock(rt);
  return {
    recordSource: health.ok
      ? { kind: rt.recordSource.kind, state: 'ok' }
      : { kind: rt.recordSource.kind, state: 'down', code: health.error },
    signer: signerStatus(rt.signer, rt.now()),
    registry: count.ok ? { state: 'ok', issuedCount: count.value } : { state: 'down', code: count.error.code },
    printers: printerStatus,
    rules: rulesStatus(
      rt.ruleSet,
      { acceptanceCountry: rt.config.rules.acceptanceCountry, issuerCountry: rt.config.rules.issuingCountry },
      rt.now(),
    ),
    audit: auditStatus(rt),
    ...(lock ? { kioskLock: lock } : {}),
  };
}

/** The kiosk-wide attempt limit, when it refuses now: only its end, never a count of wrong entries. */
async function kioskLock(rt: KioskRuntime): Promise<ServiceStatus['kioskLock']> {
  const checked = await rt.limiter.check('kiosk', rt.config.kioskId, rt.config.attemptLimits.perKiosk);
  if (checked.ok || typeof checked.error.details?.until !== 'string') return undefined;
  const until = checked.error.details.until;
  return checked.error.details.delay === true ? { until, delay: true } : { until };
}

/** The audit log's size alarm (docs/audit.md); state only, the byte count stays in the log. */
function auditStatus(rt: KioskRuntime): ServiceStatus['audit'] {
  const h = rt.auditHealth();
  return h.code ? { state: h.state, code: h.code } : { state: h.state };
}
