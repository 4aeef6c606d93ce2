// `audit verify|anchor --config FILE` (docs/audit.md, "The fleet's audit table"): every kiosk's
// chain in the fleet registry's `audit_line` table. With `--key FILE[,FILE…]` (every kiosk's audit
// key) each line must be an HMAC link under one of them, so a line deleted and the rest re-chained
// by whoever can write the database but holds no key is found. `anchor` signs
// the head of the chain kept with `--key` (the config's kiosk); `verify --anchor` then also finds
// the newest lines removed. The output names kiosk, seq and reason, never line contents.
import pg from 'pg';
import { readAnchor, signAnchor, writeAnchor } from '../../audit/anchor';
import { loadAuditKey } from '../../audit/audit-key';
import type { AuditKey } from '../../audit/audit-line';
import { loadConfig } from '../../config/load-config';
import { pgPoolConfig } from '../../registry/pg/pg-connection';
import { verifyPgAudit } from '../../registry/pg/pg-audit';
import { UsageError } from '../args';

interface FleetAuditArgs {
  readonly configPath: string;
  readonly keyFiles: readonly string[];
  readonly anchorFiles: readonly string[];
  readonly out?: string;
}

async function withClient(configPath: string, fn: (c: pg.PoolClient, kioskId: string) => Promise<number>) {
  const config = loadConfig(configPath);
  if (!config.ok) {
    process.stderr.write(`config invalid: ${JSON.stringify(config.error.details)}\n`);
    return 2;
  }
  const rc = config.value.registry;
  if (rc?.kind !== 'postgres') throw new UsageError('--config must name a PostgreSQL registry (else use --data-dir)');
  const pool = new pg.Pool({ ...pgPoolConfig(rc, config.value.kioskId), statement_timeout: 0, query_timeout: 0 });
  const client = await pool.connect();
  try {
    return await fn(client, config.value.kioskId);
  } finally {
    client.release();
    await pool.end();
  }
}

function loadKeys(files: readonly string[]): AuditKey[] | number {
  const keys: AuditKey[] = [];
  for (const file of files) {
    const key = loadAuditKey(file);
    if (!key.ok) {
      process.stderr.write(`audit key rejected: ${file} (${String(key.error.details?.reason ?? key.error.code)})\n`);
      return 1;
    }
    keys.push(key.value);
  }
  return keys;
}

export function verifyFleetAudit(args: FleetAuditArgs): Promise<number> {
  return withClient(args.configPath, async (client) => {
    const keys = loadKeys(args.keyFiles);
    if (typeof keys === 'number') return keys;
    const r = await verifyPgAudit(client, keys);
    if (!r.ok) return 1;
    const { heads, broken } = r.value;
    const keyed = keys.length > 0; // then every line was held to one of the keys
    for (const [kiosk, head] of Object.entries(heads))
      process.stdout.write(`${kiosk}: seq ${head.seq}, last hash ${head.hash}${keyed ? ', keyed' : ''}\n`);
    for (const b of broken) process.stdout.write(`audit chain BROKEN: ${b.kioskId} seq ${b.seq} (${b.reason})\n`);
    let anchorsBad = 0;
    for (const file of args.anchorFiles) {
      const problem = await anchorProblem(client, file, keys);
      if (problem) {
        anchorsBad++;
        process.stdout.write(`audit anchor FAILED: ${file} (${problem})\n`);
      }
    }
    if (broken.length > 0 || anchorsBad > 0) return 1;
    process.stdout.write(
      `audit chains ok: ${r.value.kiosks} kiosks, ${r.value.lines} lines, ${keyed ? r.value.kiosks : 0} keyed, ` +
        `${args.anchorFiles.length} anchor(s) found\n`,
    );
    return 0;
  });
}

/** Why an anchor does not hold against the table; undefined when its line is there, unchanged. */
async function anchorProblem(client: pg.PoolClient, file: string, keys: readonly AuditKey[]) {
  for (const key of keys) {
    const a = readAnchor(file, key);
    if (a === 'anchor-unreadable') return a;
    if (a === 'anchor-mac') continue;
    const q = 'SELECT hash FROM audit_line WHERE kiosk_id = $1 AND seq = $2';
    const row = (await client.query<{ hash: string }>(q, [a.kioskId, a.seq])).rows[0];
    if (!row) return 'anchor-missing-line';
    return row.hash === a.hash ? undefined : 'anchor-hash-mismatch';
  }
  return 'anchor-mac'; // made with none of the keys given
}

export function anchorFleetAudit(args: FleetAuditArgs): Promise<number> {
  if (!args.out) throw new UsageError('--out is required');
  if (args.keyFiles.length !== 1) throw new UsageError('--key FILE is required: the key of the chain to anchor');
  const out = args.out;
  return withClient(args.configPath, async (client, kioskId) => {
    const keys = loadKeys(args.keyFiles);
    if (typeof keys === 'number') return keys;
    const key = keys[0]!;
    const r = await verifyPgAudit(client, [key]);
    if (!r.ok) return 1;
    const mine = r.value.broken.filter((b) => b.kioskId === kioskId);
    if (mine.length > 0) {
      const b = mine[0]!;
      process.stdout.write(`audit chain BROKEN: ${b.kioskId} seq ${b.seq} (${b.reason}); no anchor written\n`);
      return 1;
    }
    const head = r.value.heads[kioskId];
    if (!head) {
      process.stdout.write(`no chain of ${kioskId} keyed with this key; no anchor written\n`);
      return 1;
    }
    writeAnchor(
      out,
      signAnchor({ kioskId, seq: head.seq, hash: head.hash, lines: head.seq, ts: new Date().toISOString() }, key),
    );
    process.stdout.write(`anchor written: ${kioskId} seq ${head.seq}, hash ${head.hash}\n`);
    return 0;
  });
}
