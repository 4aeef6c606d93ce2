// Assembles the PostgreSQL engine of the registry port (docs/fleet.md): connection pool, schema
// migrations (applied on first contact, retried after a failed one), registry, attempt limits
// and the audit table. The ID-hash key comes from a file every kiosk of the fleet shares; it is
// read, never created here (a kiosk inventing its own key would silently split the fleet), and
// never written to the database. The kiosk starts even when the server is unreachable: every
// call then fails closed with REGISTRY_UNAVAILABLE until the server answers again.
import { readFileSync } from 'node:fs';
import type { AuditKey } from '../../audit/audit-line';
import type { PgRegistryConfig } from '../../config/config-schema';
import type { Logger } from '../../log/logger';
import type { Result } from '../../result';
import { err, ok } from '../../result';
import { createIdHasher, SECRET_BYTES } from '../id-hash';
import type { RegistryEngine } from '../registry-port';
import { appendAuditLineLocked, auditLock } from './pg-audit';
import { createPgAttemptGate } from './pg-attempts';
import { pgClerkPinHash } from './pg-clerks';
import { createPgConnection } from './pg-connection';
import { migratePg } from './pg-migrations';
import { createPgRegistry } from './pg-registry';

export interface PgEngineOptions extends PgRegistryConfig {
  readonly kioskId: string;
  readonly now: () => Date;
  readonly log: Logger;
  readonly leaseMs?: number;
  /** The kiosk's audit key: its lines in `audit_line` are HMAC-chained (docs/audit.md). */
  readonly auditKey?: AuditKey;
}

export function readIdHashKey(path: string): Result<Buffer> {
  try {
    const key = readFileSync(path);
    if (key.length !== SECRET_BYTES) return err('REGISTRY_UNAVAILABLE', { reason: 'id-hash-key-invalid' });
    return ok(key);
  } catch {
    return err('REGISTRY_UNAVAILABLE', { reason: 'id-hash-key-unreadable' });
  }
}

export async function openPgEngine(opts: PgEngineOptions): Promise<Result<RegistryEngine>> {
  const key = readIdHashKey(opts.idHashKeyFile);
  if (!key.ok) {
    opts.log.error('registry.open-failed', { code: key.error.code });
    return key;
  }
  let conn;
  try {
    conn = createPgConnection(opts, opts.kioskId, opts.log, async (c) => {
      const migrated = await migratePg(c);
      if (!migrated.ok) opts.log.error('registry.schema-refused', { code: migrated.error.code });
      return migrated.ok ? ok(null) : migrated;
    });
  } catch {
    return err('REGISTRY_UNAVAILABLE', { reason: 'tls-files-unreadable' });
  }
  // First contact: a newer schema is fatal at start-up; an unreachable server is not.
  const probe = await conn.read(async () => ok(null));
  if (!probe.ok && probe.error.details?.reason === 'schema-newer-than-app') {
    await conn.close();
    return probe;
  }
  if (!probe.ok) opts.log.error('registry.unreachable', { code: probe.error.code });
  const c = conn;
  return ok({
    registry: createPgRegistry(c, {
      kioskId: opts.kioskId,
      now: opts.now,
      ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {}),
      ...(opts.auditKey ? { auditKey: opts.auditKey } : {}),
    }),
    attempts: createPgAttemptGate(c, opts.now),
    appendAudit: async (entry) => {
      const written = await c.tx(
        async (client) => ok(await appendAuditLineLocked(client, entry, opts.kioskId, opts.now(), opts.auditKey)),
        [auditLock(opts.kioskId)],
      );
      if (!written.ok) throw Object.assign(new Error('audit line not written'), { code: written.error.code });
    },
    hashId: createIdHasher(key.value),
    clerkPinHash: pgClerkPinHash(c),
  });
}
