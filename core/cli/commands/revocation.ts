// `npm run cli -- revocation export --data-dir DIR --since YYYY-MM-DD --out FILE [--key FILE]`
// Writes the EU gateway revocation batches (docs/revocation.md) for every certificate marked since
// the date: a JSON array of { country, expires, kid, hashType, entries }. The audit chain must
// verify with the key first, so a rewritten log cannot drop a revocation unnoticed.
import { writeFileSync } from 'node:fs';
import { defaultAuditKeyFile, loadAuditKey } from '../../audit/audit-key';
import { verifyAuditChain } from '../../audit/verify-chain';
import { dataPaths } from '../../paths';
import { readAuditLines, revocationBatches, revokedSince } from '../../revocation/revocation-export';
import { parseArgs, stringFlag, UsageError } from '../args';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { 'data-dir': 'string', since: 'string', out: 'string', key: 'string' });
  if (args.positional[0] !== 'export') throw new UsageError('expected: revocation export');
  const dataDir = stringFlag(args, 'data-dir');
  const since = stringFlag(args, 'since');
  const out = stringFlag(args, 'out');
  if (!dataDir || !since || !out) throw new UsageError('--data-dir, --since and --out are required');
  const sinceDate = new Date(/^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00Z` : since);
  if (Number.isNaN(sinceDate.getTime())) throw new UsageError('--since must be YYYY-MM-DD or an ISO time');
  const key = loadAuditKey(stringFlag(args, 'key') ?? defaultAuditKeyFile(dataDir), dataDir);
  if (!key.ok) {
    process.stderr.write(`revocation: audit key rejected (${String(key.error.details?.reason ?? key.error.code)})\n`);
    return 1;
  }
  const auditDir = dataPaths(dataDir).auditDir;
  if (!verifyAuditChain(auditDir, { key: key.value }).ok) {
    process.stderr.write('revocation: the audit chain does not verify; run `audit verify` first\n');
    return 1;
  }
  const revoked = revokedSince(readAuditLines(auditDir), sinceDate);
  const missing = revoked.filter((r) => !r.hashes).length;
  const batches = revocationBatches(revoked);
  writeFileSync(out, `${JSON.stringify(batches, null, 2)}\n`);
  process.stdout.write(
    `${revoked.length - missing} certificate(s) in ${batches.length} batch(es)${missing ? `; ${missing} without hashes (issued before hashes were recorded)` : ''}\n`,
  );
  return 0;
}
