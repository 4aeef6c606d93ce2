// Opens the registry engine the configuration names (docs/configuration.md, "registry"):
// embedded SQLite by default (`registryPath`, or `<dataDir>/registry.sqlite`; the ID-hash secret
// beside it, the audit log in `<dataDir>/audit`), or the fleet's PostgreSQL server
// (`registry.kind: postgres`; the audit lines in its `audit_line` table, docs/fleet.md).
import { loadOrCreateAuditKey } from '../audit/audit-key';
import type { AuditEntry } from '../audit/audit-line';
import { createAuditLog, type AuditLog, type AuditLogOptions } from '../audit/audit-log';
import type { KioskConfig } from '../config/load-config';
import type { Logger } from '../log/logger';
import { dataPaths } from '../paths';
import type { Result } from '../result';
import { err, ok } from '../result';
import { createAttemptLimiter } from './attempt-limits';
import { openRegistryDatabase } from './database';
import { createIdHasher, loadOrCreateSecret, secretPathFor } from './id-hash';
import { openPgEngine } from './pg/pg-engine';
import { createRegistry, writeLockOf } from './registry';
import type { RegistryEngine } from './registry-port';
import { sqliteAttemptGate, sqliteIssuanceRegistry } from './sqlite-port';

export interface OpenEngineOptions {
  readonly config: KioskConfig;
  readonly dataDir: string;
  readonly now: () => Date;
  readonly log: Logger;
}

export async function openRegistryEngine(opts: OpenEngineOptions): Promise<Result<RegistryEngine>> {
  const rc = opts.config.registry;
  if (rc?.kind !== 'postgres') return openSqliteEngine(opts);
  // The same key as a single kiosk's file log, outside the data directory (docs/audit.md).
  const auditKey = loadOrCreateAuditKey(opts.dataDir, opts.config.audit.keyFile);
  if (!auditKey.ok) {
    opts.log.error('audit.key-invalid', { state: String(auditKey.error.details?.reason ?? 'unknown') });
    return auditKey;
  }
  return openPgEngine({ ...rc, kioskId: opts.config.kioskId, now: opts.now, log: opts.log, auditKey: auditKey.value });
}

function openSqliteEngine({ config, dataDir, now, log }: OpenEngineOptions): Result<RegistryEngine> {
  const paths = dataPaths(dataDir);
  const registryPath = config.registryPath ?? paths.registry;
  const secret = loadOrCreateSecret(secretPathFor(registryPath));
  if (!secret.ok) return secret;
  const db = openRegistryDatabase(registryPath);
  if (!db.ok) {
    log.error('registry.open-failed', { code: db.error.code });
    return db;
  }
  // Attempt counters get their own connection with synchronous=NORMAL: still atomic and safe
  // against a crash of the kiosk, but no fsync per attempt (a power cut may forget the last few
  // counts; an issued certificate, on the FULL connection above, is never forgotten).
  const attemptsDb = openRegistryDatabase(registryPath);
  if (!attemptsDb.ok) {
    db.value.close();
    return attemptsDb;
  }
  attemptsDb.value.pragma('synchronous = NORMAL');
  const closeBoth = () => {
    db.value.close();
    attemptsDb.value.close();
  };
  // The audit key lives outside the data directory (docs/audit.md); a bad key file stops start-up.
  const auditKey = loadOrCreateAuditKey(dataDir, config.audit.keyFile);
  if (!auditKey.ok) {
    log.error('audit.key-invalid', { state: String(auditKey.error.details?.reason ?? 'unknown') });
    closeBoth();
    return auditKey;
  }
  if (!config.demoSigner && config.audit.keyFile === undefined) log.warn('audit.key-default-location', {});
  // Built before the registry, which writes audit lines inside its own transactions.
  const opened = openAuditLog({
    dir: paths.auditDir,
    kioskId: config.kioskId,
    now,
    lock: writeLockOf(db.value),
    key: auditKey.value,
    maxBytes: config.audit.maxBytes,
  });
  if (!opened.ok) {
    closeBoth();
    return opened;
  }
  const auditLog = opened.value;
  /** Inside a registry transaction: throws on failure, so the registry change rolls back. */
  const appendInTransaction = (entry: AuditEntry): void => void auditLog.append(entry);
  const registry = createRegistry(db.value, {
    now,
    onStaleReleased: (s) =>
      appendInTransaction({
        event: 'reservation.stale-released',
        outcome: 'ok',
        idHash: s.idHash,
        uvci: s.uvci,
        code: s.reason,
      }),
  });
  return ok({
    registry: sqliteIssuanceRegistry(registry, appendInTransaction, () => attemptsDb.value.close()),
    attempts: sqliteAttemptGate(createAttemptLimiter(attemptsDb.value, now)),
    appendAudit: appendInTransaction,
    hashId: createIdHasher(secret.value),
    database: attemptsDb.value,
    auditHealth: () => auditLog.health(),
    flushAudit: () => {
      try {
        auditLog.flush();
      } catch (e) {
        log.error('audit.append-failed', { code: (e as { code?: string }).code ?? 'unknown' });
      }
    },
  });
}

function openAuditLog(opts: AuditLogOptions): Result<AuditLog> {
  try {
    return ok(createAuditLog(opts));
  } catch {
    return err('REGISTRY_UNAVAILABLE', { reason: 'audit-dir' });
  }
}
