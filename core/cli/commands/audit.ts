// `npm run cli -- audit verify (--dir AUDIT_DIR | --config FILE)`: checks the audit hash chain
// (docs/configuration.md, "Audit log") against either registry engine — the JSON-lines files of a
// SQLite kiosk, or every kiosk's chain in the `audit_line` table of the fleet's PostgreSQL
// registry (docs/fleet.md). Prints line counts and last hashes; exit code 1 names what is broken.
import pg from 'pg';
import { verifyAuditChain } from '../../audit/verify-chain';
import { loadConfig } from '../../config/load-config';
import { pgPoolConfig } from '../../registry/pg/pg-connection';
import { verifyPgAudit } from '../../registry/pg/pg-audit';
import { parseArgs, stringFlag, UsageError } from '../args';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { dir: 'string', config: 'string' });
  if (args.positional[0] !== 'verify' || args.positional.length !== 1) throw new UsageError('expected: audit verify');
  const dir = stringFlag(args, 'dir');
  const configPath = stringFlag(args, 'config');
  if ((dir === undefined) === (configPath === undefined)) throw new UsageError('give exactly one of --dir and --config');
  if (dir !== undefined) {
    const r = verifyAuditChain(dir);
    if (r.ok) process.stdout.write(`audit chain ok: ${r.value.lines} lines, last hash ${r.value.lastHash}\n`);
    else process.stdout.write(`audit chain BROKEN: ${r.error.details.file} line ${r.error.details.line} (${r.error.details.reason})\n`);
    return r.ok ? 0 : 1;
  }
  const config = loadConfig(configPath);
  if (!config.ok) {
    process.stderr.write(`config invalid: ${JSON.stringify(config.error.details)}\n`);
    return 2;
  }
  const rc = config.value.registry;
  if (rc?.kind !== 'postgres') throw new UsageError('--config must name a PostgreSQL registry (else use --dir)');
  const pool = new pg.Pool({ ...pgPoolConfig(rc, config.value.kioskId), statement_timeout: 0, query_timeout: 0 });
  const client = await pool.connect();
  try {
    const r = await verifyPgAudit(client);
    if (!r.ok) return 1;
    for (const [kiosk, head] of Object.entries(r.value.heads)) process.stdout.write(`${kiosk}: last hash ${head}\n`);
    for (const b of r.value.broken) process.stdout.write(`audit chain BROKEN: ${b.kioskId} seq ${b.seq} (${b.reason})\n`);
    if (r.value.broken.length === 0) process.stdout.write(`audit chains ok: ${r.value.kiosks} kiosks, ${r.value.lines} lines\n`);
    return r.value.broken.length === 0 ? 0 : 1;
  } finally {
    client.release();
    await pool.end();
  }
}
