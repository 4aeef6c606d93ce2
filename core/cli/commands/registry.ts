// `npm run cli -- registry import --from-sqlite PATH [--from-sqlite PATH ...] --config FILE [--json]`
// Moves a city's kiosks onto the fleet registry (docs/fleet.md, "Moving a city over"): every
// source is checked first (readable, known schema, its registry.secret equal to the fleet key) and
// any refusal stops the run before anything is written. Then each source's issued and superseded
// rows are merged (core/registry/pg/pg-import.ts). Running it again adds no rows. The output holds
// counts, kiosk ids, paths and UVCIs of duplicates — never an ID, its hash, a name or a date of birth.
import path from 'node:path';
import pg from 'pg';
import { loadAuditKey } from '../../audit/audit-key';
import { loadConfig } from '../../config/load-config';
import { readSqliteSource, type SqliteSource } from '../../registry/import/sqlite-source';
import { pgPoolConfig } from '../../registry/pg/pg-connection';
import { readIdHashKey } from '../../registry/pg/pg-engine';
import { importSqliteSource, type SourceReport } from '../../registry/pg/pg-import';
import { migratePg } from '../../registry/pg/pg-migrations';
import { parseArgs, requireFlag, UsageError } from '../args';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { 'from-sqlite': 'repeated', config: 'string', json: 'boolean' });
  if (args.positional[0] !== 'import') throw new UsageError('expected: registry import');
  const sources = (args.repeated['from-sqlite'] ?? []).map((p) => path.resolve(p));
  if (sources.length === 0) throw new UsageError('at least one --from-sqlite PATH is required');
  const config = loadConfig(path.resolve(requireFlag(args, 'config')));
  if (!config.ok) {
    process.stderr.write(`registry import: configuration invalid: ${JSON.stringify(config.error.details)}\n`);
    return 2;
  }
  const rc = config.value.registry;
  if (rc?.kind !== 'postgres')
    throw new UsageError('--config must name a PostgreSQL registry (registry.kind: postgres)');
  const key = readIdHashKey(rc.idHashKeyFile);
  if (!key.ok) {
    process.stderr.write(
      `registry import: fleet key refused (${String(key.error.details?.reason ?? key.error.code)})\n`,
    );
    return 1;
  }
  // The import's lines join the config's kiosk chain: keyed like it when the config names its key.
  const auditKeyFile = config.value.audit.keyFile;
  const auditKey = auditKeyFile === undefined ? undefined : loadAuditKey(auditKeyFile);
  if (auditKey && !auditKey.ok) {
    process.stderr.write(`registry import: audit key rejected (${String(auditKey.error.details?.reason)})\n`);
    return 1;
  }
  if (!auditKey)
    process.stderr.write('registry import: no audit.keyFile in the config: its audit lines are not keyed\n');
  const loaded: SqliteSource[] = [];
  for (const p of sources) {
    const src = readSqliteSource(p, key.value);
    if (!src.ok) {
      const d = src.error.details ?? {};
      process.stderr.write(
        `registry import: refused (${src.error.code}): ${String(d.source)}: ${String(d.reason)}; nothing imported\n`,
      );
      return 1;
    }
    loaded.push(src.value);
  }
  const pool = new pg.Pool({
    ...pgPoolConfig(rc, config.value.kioskId),
    max: 1,
    statement_timeout: 0,
    query_timeout: 0,
  });
  pool.on('error', () => undefined);
  const reports: SourceReport[] = [];
  try {
    const client = await pool.connect();
    try {
      const migrated = await migratePg(client);
      if (!migrated.ok) {
        process.stderr.write(`registry import: ${migrated.error.code} (${String(migrated.error.details?.reason)})\n`);
        return 1;
      }
      for (const src of loaded)
        reports.push(await importSqliteSource(client, src, config.value.kioskId, () => new Date(), auditKey?.value));
    } finally {
      client.release();
    }
  } catch (e) {
    const done = reports.length ? ` after ${reports.length} source(s); run it again to finish` : '';
    process.stderr.write(
      `registry import: REGISTRY_UNAVAILABLE (${(e as { code?: string }).code ?? 'error'})${done}\n`,
    );
    return 1;
  } finally {
    await pool.end().catch(() => undefined);
  }
  process.stdout.write(args.flags.json ? `${JSON.stringify(summary(reports), null, 2)}\n` : text(reports));
  return 0;
}

const summary = (reports: readonly SourceReport[]) => ({
  sources: reports,
  inserted: reports.reduce((n, r) => n + r.inserted, 0),
  duplicates: reports.flatMap((r) => r.duplicates),
});

function text(reports: readonly SourceReport[]): string {
  const s = summary(reports);
  const lines = reports.map(
    (r, i) =>
      `source ${i + 1} ${r.path} (kiosks ${r.kioskIds.join(', ') || '-'}): ${r.rows} rows, ${r.inserted} new, ` +
      `${r.updated} updated, ${r.unchanged} unchanged, ${r.duplicates.length} duplicate, ${r.conflicts} conflict, ` +
      `${r.openReservations} open reservation(s) skipped`,
  );
  lines.push(`new rows: ${s.inserted}`);
  lines.push(`duplicates (an ID issued by more than one kiosk): ${s.duplicates.length}`);
  for (const d of s.duplicates)
    lines.push(
      `  ${d.uvci} (${d.kioskId}) stored as superseded; the fleet keeps ${d.keptUvci} (${d.keptKioskId}) as issued`,
    );
  return `${lines.join('\n')}\n`;
}
