// `cli doctor` checks of what the kiosk keeps on disk (docs/monitoring.md): the data directory
// (writable, free space, private), the SQLite registry (opens, schema migrated, writable) and the
// ID-hash key beside it, and the clock compared with the registry's. They open the registry the
// way the kiosk does (creating and migrating it on a new installation), but never write a row.
// A PostgreSQL registry (`registry.kind: postgres`) has its own lines in doctor-pg-checks.ts.
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { dataPaths } from '../../paths';
import { openRegistryDatabase } from '../../registry/database';
import { loadOrCreateSecret, SECRET_BYTES, secretPathFor } from '../../registry/id-hash';
import { currentSchemaVersion, LATEST_SCHEMA_VERSION } from '../../registry/migrations/migration';
import { fail, pass, privateFileProblem, skip, type CheckResult, type DoctorContext } from './doctor-check';
import { checkPgIdHashKey, checkPgRegistry } from './doctor-pg-checks';

/** Below either, the data directory fails: a full disk stops issuance (DISK_FULL). */
export const MIN_FREE_BYTES = 200 * 1024 * 1024;
export const MIN_FREE_RATIO = 0.1;
/** Largest tolerated difference between this machine's clock and the SQLite registry's. */
export const MAX_CLOCK_SKEW_MS = 5000;

const mb = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;

export async function checkDataDir(ctx: DoctorContext): Promise<readonly CheckResult[]> {
  const probe = join(ctx.dataDir, `.doctor-${randomBytes(4).toString('hex')}`);
  let writable: CheckResult;
  try {
    const fd = openSync(probe, 'wx', 0o600);
    try {
      writeSync(fd, 'doctor');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
      rmSync(probe, { force: true });
    }
    writable = pass('data dir writable', ctx.dataDir);
  } catch (e) {
    writable = fail('data dir writable', `${ctx.dataDir}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let space: CheckResult;
  try {
    const fs = await statfs(ctx.dataDir);
    const free = fs.bavail * fs.bsize;
    const ratio = free / Math.max(1, fs.blocks * fs.bsize);
    const detail = `${mb(free)} free (${(ratio * 100).toFixed(1)} %)`;
    space =
      free >= MIN_FREE_BYTES && ratio >= MIN_FREE_RATIO
        ? pass('data dir free space', detail)
        : fail('data dir free space', `${detail}; need ≥ ${mb(MIN_FREE_BYTES)} and ≥ 10 %`);
  } catch (e) {
    space = fail('data dir free space', (e as NodeJS.ErrnoException).code ?? 'error');
  }
  return [writable, space, privateDirs(ctx)];
}

/** The kiosk's own files must not be open to other users of the machine (registry, audit, logs). */
function privateDirs(ctx: DoctorContext): CheckResult {
  const paths = dataPaths(ctx.dataDir);
  const open: string[] = [];
  for (const p of [
    ctx.dataDir,
    paths.auditDir,
    ctx.config.logDir ?? paths.logDir,
    ctx.config.registryPath ?? paths.registry,
  ]) {
    try {
      const mode = statSync(p).mode;
      if (process.platform !== 'win32' && (mode & 0o007) !== 0) open.push(`${p} (mode ${(mode & 0o777).toString(8)})`);
    } catch {
      // not created yet: the kiosk creates it 0700/0600
    }
  }
  return open.length === 0
    ? pass('data dir private', 'no access for other users')
    : fail('data dir private', `others can access ${open.join(', ')}`);
}

export async function checkRegistry(ctx: DoctorContext): Promise<CheckResult> {
  if (ctx.config.registry?.kind === 'postgres') return checkPgRegistry(ctx, ctx.config.registry);
  const path = ctx.config.registryPath ?? dataPaths(ctx.dataDir).registry;
  const db = openRegistryDatabase(path);
  if (!db.ok)
    return fail(
      'registry',
      `${path}: ${db.error.code}${db.error.details?.reason ? ` (${String(db.error.details.reason)})` : ''}`,
    );
  try {
    const version = currentSchemaVersion(db.value);
    if (version !== LATEST_SCHEMA_VERSION)
      return fail('registry', `schema version ${version}, this build needs ${LATEST_SCHEMA_VERSION}`);
    // Writable: take the write lock and change the schema, then roll back — nothing persists.
    db.value.exec('BEGIN IMMEDIATE');
    try {
      db.value.exec('CREATE TABLE doctor_write_probe (x INTEGER)');
    } finally {
      db.value.exec('ROLLBACK');
    }
    const row = db.value.prepare("SELECT CAST(unixepoch('subsec') * 1000 AS INTEGER) AS ms").get() as { ms: number };
    const offset = Date.now() - row.ms;
    ctx.registryNow = async () => new Date(Date.now() - offset);
    const issued = (db.value.prepare('SELECT count(*) AS n FROM issuance WHERE state = 1').get() as { n: number }).n;
    ctx.registryIssued = issued;
    return pass('registry', `SQLite ${path}, schema v${version}, writable, ${issued} issued`);
  } catch (e) {
    return fail('registry', `${path}: not writable (${(e as { code?: string }).code ?? 'error'})`);
  } finally {
    db.value.close();
  }
}

export async function checkIdHashKey(ctx: DoctorContext): Promise<CheckResult> {
  if (ctx.config.registry?.kind === 'postgres') return checkPgIdHashKey(ctx.config.registry);
  const path = secretPathFor(ctx.config.registryPath ?? dataPaths(ctx.dataDir).registry);
  if (!existsSync(path)) {
    // A new installation: created now, exactly as the kiosk's first start would. With issuances
    // in the registry a new key would make the kiosk forget them all: restore it from the backup.
    if (ctx.registryIssued !== 0)
      return fail('id-hash key', `${path}: missing; the registry holds issuances — restore the key from the backup`);
    const created = loadOrCreateSecret(path);
    if (!created.ok) return fail('id-hash key', `${path}: cannot be created (${created.error.code})`);
  }
  const problem = await privateFileProblem(path);
  if (problem) return fail('id-hash key', `${path}: ${problem}`);
  const size = statSync(path).size;
  if (size !== SECRET_BYTES) return fail('id-hash key', `${path}: ${size} bytes, want ${SECRET_BYTES}`);
  return pass('id-hash key', `${path}: ${SECRET_BYTES} bytes, 0600, kiosk user`);
}

export async function checkClock(ctx: DoctorContext): Promise<CheckResult> {
  // Without a registry there is no reference clock; the registry line already fails the verdict.
  if (!ctx.registryNow) return skip('clock', 'no registry clock to compare with (registry check failed)');
  const { name, maxSkewMs, roundTripMs } = ctx.registryClock ?? { name: 'the registry', maxSkewMs: MAX_CLOCK_SKEW_MS };
  const skew = ctx.now().getTime() - (await ctx.registryNow()).getTime();
  const rtt = roundTripMs === undefined ? '' : ` (round trip ${roundTripMs} ms)`;
  const detail = `offset to ${name} ${(skew / 1000).toFixed(1)} s${rtt}`;
  return Math.abs(skew) <= maxSkewMs
    ? pass('clock', detail)
    : fail('clock', `${detail}; more than ${maxSkewMs / 1000} s: synchronise this machine's clock (NTP)`);
}
