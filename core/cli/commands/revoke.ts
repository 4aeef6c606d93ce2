// `npm run cli -- revoke --data-dir DIR --uvci UVCI --reason TEXT [--key FILE] [--kiosk-id ID]`
// Marks a certificate issued here for revocation (docs/revocation.md) by appending a
// `certificate.revoked` line to the keyed audit log; `revocation export` picks it up. The reason
// must not look like a name or a date (core/audit/reason-check.ts). Run it on the kiosk machine
// while the kiosk app is stopped: the CLI does not share the app's write lock.
import { defaultAuditKeyFile, loadAuditKey } from '../../audit/audit-key';
import { createAuditLog } from '../../audit/audit-log';
import { sanitizeReason } from '../../audit/audit-line';
import { reasonLooksPersonal } from '../../audit/reason-check';
import { verifyAuditChain } from '../../audit/verify-chain';
import { dataPaths } from '../../paths';
import { readAuditLines } from '../../revocation/revocation-export';
import { parseArgs, stringFlag, UsageError } from '../args';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, {
    'data-dir': 'string',
    uvci: 'string',
    reason: 'string',
    key: 'string',
    'kiosk-id': 'string',
  });
  const dataDir = stringFlag(args, 'data-dir');
  const uvci = stringFlag(args, 'uvci');
  const reason = sanitizeReason(stringFlag(args, 'reason') ?? '');
  if (!dataDir || !uvci) throw new UsageError('--data-dir and --uvci are required');
  if (reason === '') throw new UsageError('--reason is required');
  if (reasonLooksPersonal(reason)) {
    process.stderr.write('revoke: the reason must not contain a name or a date (REASON_LOOKS_PERSONAL)\n');
    return 2;
  }
  const key = loadAuditKey(stringFlag(args, 'key') ?? defaultAuditKeyFile(dataDir), dataDir);
  if (!key.ok) {
    process.stderr.write(`revoke: audit key rejected (${String(key.error.details?.reason ?? key.error.code)})\n`);
    return 1;
  }
  const auditDir = dataPaths(dataDir).auditDir;
  if (!verifyAuditChain(auditDir, { key: key.value }).ok) {
    process.stderr.write('revoke: the audit chain does not verify; run `audit verify` first\n');
    return 1;
  }
  const lines = readAuditLines(auditDir);
  if (!lines.some((l) => l.uvci === uvci && l.revocation)) {
    process.stderr.write('revoke: no certificate with this UVCI was issued here\n');
    return 1;
  }
  const kioskId = stringFlag(args, 'kiosk-id') ?? lines.at(-1)?.kioskId ?? 'cli';
  const log = createAuditLog({ dir: auditDir, kioskId, key: key.value, lock: (fn) => fn() });
  log.append({ event: 'certificate.revoked', outcome: 'ok', uvci, reason });
  process.stdout.write(`marked for revocation: ${uvci}\n`);
  return 0;
}
