// `verify --cert DSC.pem [--json] [--now ISO] HC1-STRING`: decodes and verifies an HC1 against one
// DSC (docs/dcc-notes.md §0, verifier direction) and prints the payload and every check. Exit code 0 only
// when every check passed, 1 otherwise. Pass `-` instead of the HC1 to read it from stdin.
import { parseArgs, requireFlag, stringFlag, UsageError } from '../args';
import { hc1Argument, readBinaryFile } from '../../dcc/cli-io';
import { verifyHc1 } from '../../dcc/verify';
import { certificateDer } from '../../dcc/x509';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { cert: 'string', json: 'boolean', now: 'string' });
  const hc1 = await hc1Argument(args.positional);
  if (hc1 === undefined) throw new UsageError('expected exactly one HC1 string (quote it: it contains spaces)');
  const nowFlag = stringFlag(args, 'now');
  const now = nowFlag === undefined ? new Date() : new Date(nowFlag);
  if (Number.isNaN(now.getTime())) throw new UsageError('--now must be an ISO 8601 instant');
  const certBytes = await readBinaryFile(requireFlag(args, 'cert'));
  const text = certBytes ? Buffer.from(certBytes).toString('latin1') : '';
  const der = certBytes ? (text.includes('-----BEGIN CERTIFICATE-----') ? certificateDer(text) : certBytes) : undefined;
  if (!der) {
    process.stderr.write('verify: cannot read --cert\n');
    return 1;
  }
  const verified = await verifyHc1(hc1, { dscs: [der] }, { now });
  // The printed report keeps its documented shape: `valid`, every check, the facts, `error`.
  const { code, ...report } = verified.ok ? { ...verified.value, code: undefined } : verified.error;
  if (args.flags.json) {
    const printed = { valid: verified.ok, ...report, ...(code ? { error: code } : {}) };
    process.stdout.write(`${JSON.stringify(printed, null, 2)}\n`);
  } else {
    const lines = [
      `valid: ${verified.ok ? 'yes' : `NO (${code})`}`,
      ...Object.entries(report.checks).map(([k, v]) => `  ${v ? 'ok  ' : 'FAIL'} ${k}`),
      `kid: ${report.kid ?? '-'}  iss: ${report.iss ?? '-'}`,
      `iat: ${report.iat === undefined ? '-' : new Date(report.iat * 1000).toISOString()}  exp: ${report.exp === undefined ? '-' : new Date(report.exp * 1000).toISOString()}`,
      `payload: ${report.payload === undefined ? '-' : JSON.stringify(report.payload, null, 2)}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return verified.ok ? 0 : 1;
}
