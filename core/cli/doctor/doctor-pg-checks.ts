// `cli doctor` lines for a PostgreSQL registry (docs/monitoring.md, "Installation check";
// docs/fleet.md): the registry line from one probe of the server (pg-probe.ts), the fleet's
// shared ID-hash key file, and the server's clock as the clock check's reference. Details name
// the server as `postgres://role@host:port/db` — never a password, which a URL may carry.
import type { PgRegistryConfig } from '../../config/config-schema';
import { SECRET_BYTES } from '../../registry/id-hash';
import { readIdHashKey } from '../../registry/pg/pg-engine';
import { PG_LATEST_SCHEMA_VERSION } from '../../registry/pg/pg-migrations';
import { fail, pass, privateFileProblem, type CheckResult, type DoctorContext } from './doctor-check';
import { describePgUrl } from './pg-describe';
import { probePgRegistry } from './pg-probe';

/**
 * Largest tolerated difference between this machine's clock and the database server's. Kiosks
 * write their own clock into reservations and attempt windows; two kiosks each within 10 s of
 * the server stay far inside the 2-minute reservation lease (docs/fleet.md).
 */
export const MAX_PG_CLOCK_SKEW_MS = 10_000;

export async function checkPgRegistry(ctx: DoctorContext, rc: PgRegistryConfig): Promise<CheckResult> {
  const target = describePgUrl(rc.url);
  const probe = await probePgRegistry(rc, ctx.config.kioskId);
  if (!probe.ok) return fail('registry', `${target}: ${String(probe.error.details?.reason ?? probe.error.code)}`);
  const p = probe.value;
  if (p.schemaVersion > PG_LATEST_SCHEMA_VERSION)
    return fail(
      'registry',
      `${target}: schema v${p.schemaVersion} is newer than this build's v${PG_LATEST_SCHEMA_VERSION}; update this kiosk`,
    );
  if (p.missingPrivileges.length > 0)
    return fail('registry', `${target}: this role lacks ${p.missingPrivileges.join(', ')}`);
  if (p.schemaVersion < PG_LATEST_SCHEMA_VERSION && !p.mayMigrate)
    return fail(
      'registry',
      `${target}: schema v${p.schemaVersion}, this build needs v${PG_LATEST_SCHEMA_VERSION}, and this role may not migrate it: start one kiosk with the owner role first (docs/fleet.md)`,
    );
  ctx.registryNow = async () => new Date(Date.now() + p.serverAheadMs);
  ctx.registryClock = { name: 'the PostgreSQL server', maxSkewMs: MAX_PG_CLOCK_SKEW_MS, roundTripMs: p.roundTripMs };
  ctx.registryIssued = p.issued;
  const schema =
    p.schemaVersion === PG_LATEST_SCHEMA_VERSION
      ? `schema v${p.schemaVersion}, writable (probe rolled back), ${p.issued} issued`
      : `schema v${p.schemaVersion}: migrations to v${PG_LATEST_SCHEMA_VERSION} pending (the first kiosk to start applies them), this role may (probe rolled back)`;
  return pass('registry', `PostgreSQL ${target}, ${schema}`);
}

/** The fleet's shared key is read, never created (docs/fleet.md): every kiosk needs the same file. */
export async function checkPgIdHashKey(rc: PgRegistryConfig): Promise<CheckResult> {
  const path = rc.idHashKeyFile;
  const problem = await privateFileProblem(path);
  if (problem) return fail('id-hash key', `${path}: ${problem}; copy the fleet's key file (mode 0600 or 0400)`);
  const key = readIdHashKey(path);
  if (!key.ok)
    return fail(
      'id-hash key',
      key.error.details?.reason === 'id-hash-key-invalid'
        ? `${path}: not ${SECRET_BYTES} bytes`
        : `${path}: not readable`,
    );
  return pass('id-hash key', `${path}: ${SECRET_BYTES} bytes, private to the kiosk user (fleet key, shared)`);
}
