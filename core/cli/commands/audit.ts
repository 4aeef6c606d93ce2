// `npm run cli -- audit anchor|verify` (docs/audit.md, docs/fleet.md).
//   audit anchor --data-dir DIR [--key FILE] --out FILE   export the chain head, HMAC'd with the key
//   audit verify --data-dir DIR [--key FILE] [--anchor FILE[,FILE...]]   a kiosk's keyed JSON-lines log
//   audit verify --config FILE [--key FILE[,FILE...]] [--anchor FILE[,FILE...]]
//   audit anchor --config FILE --key FILE --out FILE
//                every kiosk's chain in the fleet's PostgreSQL `audit_line` table (audit-fleet.ts)
// The key defaults to `<dataDir>-secrets/audit.key` (the demo's location). verify exits 1 when a
// line is not keyed with this key, a line was changed, deleted or reordered, or an anchored head is
// no longer in the chain; the output names the file and line or the anchor, never line contents.
import { join } from 'node:path';
import { createAnchor, verifyWithAnchors, writeAnchor } from '../../audit/anchor';
import { defaultAuditKeyFile, loadAuditKey } from '../../audit/audit-key';
import { dataPaths } from '../../paths';
import { parseArgs, stringFlag, UsageError } from '../args';
import { anchorFleetAudit, verifyFleetAudit } from './audit-fleet';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, {
    'data-dir': 'string',
    key: 'string',
    out: 'string',
    anchor: 'string',
    'kiosk-id': 'string',
    config: 'string',
  });
  const sub = args.positional[0];
  const configPath = stringFlag(args, 'config');
  if (configPath !== undefined && (sub === 'verify' || sub === 'anchor')) {
    const list = (name: string) => (stringFlag(args, name) ?? '').split(',').filter(Boolean);
    const out = stringFlag(args, 'out');
    const fleet = { configPath, keyFiles: list('key'), anchorFiles: list('anchor'), ...(out ? { out } : {}) };
    return sub === 'verify' ? verifyFleetAudit(fleet) : anchorFleetAudit(fleet);
  }
  const dataDir = stringFlag(args, 'data-dir');
  if (!dataDir) throw new UsageError('--data-dir is required (or --config FILE for a PostgreSQL registry)');
  const key = loadAuditKey(stringFlag(args, 'key') ?? defaultAuditKeyFile(dataDir), dataDir);
  if (!key.ok) {
    process.stderr.write(`audit key rejected: ${String(key.error.details?.reason ?? key.error.code)}\n`);
    return 1;
  }
  const auditDir = dataPaths(dataDir).auditDir;
  if (sub === 'anchor') {
    const out = stringFlag(args, 'out');
    if (!out) throw new UsageError('--out is required');
    const anchor = createAnchor(auditDir, key.value, stringFlag(args, 'kiosk-id') ?? 'unknown');
    if (!anchor.ok) {
      const d = anchor.error.details;
      process.stdout.write(`audit chain BROKEN: ${d.file} line ${d.line} (${d.reason}); no anchor written\n`);
      return 1;
    }
    writeAnchor(out, anchor.value);
    process.stdout.write(`anchor written: seq ${anchor.value.seq}, hash ${anchor.value.hash}\n`);
    return 0;
  }
  if (sub === 'verify') {
    const anchors = (stringFlag(args, 'anchor') ?? '').split(',').filter(Boolean);
    const result = verifyWithAnchors(auditDir, key.value, anchors);
    if (result.ok) {
      const v = result.value;
      process.stdout.write(
        `audit chain ok: ${v.lines} lines, keyed, ${v.anchors} anchor(s) found, last hash ${v.lastHash}\n`,
      );
      return 0;
    }
    const d = result.error.details;
    process.stdout.write(
      'anchor' in d
        ? `audit anchor FAILED: ${d.anchor} (${d.reason})\n`
        : `audit chain BROKEN: ${join(d.file)} line ${d.line} (${d.reason})\n`,
    );
    return 1;
  }
  throw new UsageError('expected: audit anchor|verify');
}
