// `npm run cli -- rules check FILE|builtin:NAME [--json] [--country DE] [--issuer DE]`: validates a business-rule
// file before it is configured (docs/business-rules.md, "Updating a rule file"): the shape of every
// rule, its CertLogic format (unknown operators, malformed operations), and every official test
// case known for its rules' identifiers and versions, run through the kiosk's own evaluation path.
// Exit code 0 when the kiosk would accept the file at start-up, 1 when it would refuse it.
import { resolve } from 'node:path';
import { selectRules } from '../../rules/evaluate-rules';
import { ruleName } from '../../rules/rule-file';
import { isBuiltinRuleSet, loadRuleSet } from '../../rules/rule-set';
import { parseArgs, stringFlag, UsageError } from '../args';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { json: 'boolean', country: 'string', issuer: 'string' });
  const [sub, file, ...extra] = args.positional;
  if (sub !== 'check' || file === undefined || extra.length > 0) throw new UsageError('expected: rules check FILE');
  const country = stringFlag(args, 'country') ?? 'DE';
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError('--country must be a two-letter code such as DE');
  // The issuing country's Invalidation rules apply too (docs/business-rules.md, "Selection").
  const issuer = stringFlag(args, 'issuer') ?? 'DE';
  if (!/^[A-Z]{2}$/.test(issuer)) throw new UsageError('--issuer must be a two-letter code such as DE');
  const source = isBuiltinRuleSet(file) ? file : resolve(file);
  const loaded = loadRuleSet(source);
  if (!loaded.ok) {
    if (args.flags.json)
      process.stdout.write(`${JSON.stringify({ ok: false, source, problems: loaded.error }, null, 2)}\n`);
    else {
      const lines = Object.entries(loaded.error).map(([where, what]) => `  ${where}: ${what}`);
      process.stdout.write(`REFUSED ${source}\n${lines.join('\n')}\n`);
    }
    return 1;
  }
  const set = loaded.value;
  const now = selectRules(set.rules, { acceptanceCountry: country, issuerCountry: issuer }, Date.now()).map(ruleName);
  const summary = {
    ok: true,
    source,
    sha256: set.sha256,
    rules: set.rules.map(ruleName),
    officialCasesPassed: set.officialTests.ran,
    withoutOfficialCases: set.officialTests.untested,
    selectedNowFor: { country, issuer, rules: now },
  };
  if (args.flags.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else
    process.stdout.write(
      [
        `OK ${source}`,
        `  sha256: ${set.sha256}`,
        `  rules: ${summary.rules.join(', ')}`,
        `  official test cases passed: ${set.officialTests.ran}`,
        `  rules without official test cases: ${set.officialTests.untested.join(', ') || '-'}`,
        `  a verifier in ${country} applies now to a certificate from ${issuer}: ${now.join(', ') || '-'}`,
      ].join('\n') + '\n',
    );
  return 0;
}
