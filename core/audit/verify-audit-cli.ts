// `npx tsx core/audit/verify-audit-cli.ts <dataDir>/audit` — checks the audit log's hash chain
// (docs/configuration.md, "Audit log"). Prints the number of lines and the last hash (keep that
// somewhere else to detect later truncation); exit code 1 names the first broken line.
import { verifyAuditChain } from './verify-chain';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: npx tsx core/audit/verify-audit-cli.ts <audit directory or file>\n');
  process.exit(2);
}
const result = verifyAuditChain(path);
if (result.ok) {
  process.stdout.write(`audit chain ok: ${result.value.lines} lines, last hash ${result.value.lastHash}\n`);
  process.exit(0);
}
const d = result.error.details;
process.stdout.write(`audit chain BROKEN: ${d.file} line ${d.line} (${d.reason})\n`);
process.exit(1);
