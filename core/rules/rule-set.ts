// The active business-rule set: the file `rules.businessRules` names (or one of the shipped sets,
// `builtin:de-recovery-2021` / `builtin:de-recovery-2022`), parsed and checked — shape, CertLogic
// format, and every official test case for its rules must pass — before the kiosk starts, so a bad
// file is refused at start-up with the reason, never discovered while a citizen waits. The value
// sets verifiers pass as `external.valueSets` ship with the kiosk (data/value-sets.json).
// docs/business-rules.md: which set is the default and why, and how to update a rule file.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import rules2021 from './data/de-recovery-2021.json';
import rules2022 from './data/de-recovery-2022.json';
import valueSetsJson from './data/value-sets.json';
import { runOfficialTests, type OfficialTestReport } from './official-tests';
import { parseRuleList, parseRuleFileText, type BusinessRule, type RuleFileProblems } from './rule-file';
import { fail, ok, type Result } from '../result';

export const BUILTIN_RULE_SETS: Readonly<Record<string, unknown>> = {
  'builtin:de-recovery-2021': rules2021,
  'builtin:de-recovery-2022': rules2022,
};

/** The 2021 German recovery rules: they match the default window (df = fr+28, du = fr+180). */
export const DEFAULT_RULE_SET = 'builtin:de-recovery-2021';

export const SHIPPED_VALUE_SETS = valueSetsJson as Readonly<Record<string, readonly string[]>>;

export const isBuiltinRuleSet = (source: string): boolean => source.startsWith('builtin:');

export interface LoadedRuleSet {
  /** `builtin:…` or the absolute path of the file. */
  readonly source: string;
  /** SHA-256 of the file's bytes (of the canonical JSON for a shipped set): which file exactly. */
  readonly sha256: string;
  readonly rules: readonly BusinessRule[];
  readonly valueSets: Readonly<Record<string, readonly string[]>>;
  readonly officialTests: OfficialTestReport;
}

/** Reads, parses and checks a rule set; the problems name rule, field or official case. */
export function loadRuleSet(source: string): Result<LoadedRuleSet, RuleFileProblems> {
  let parsed: Result<BusinessRule[], RuleFileProblems>;
  let sha256: string;
  if (isBuiltinRuleSet(source)) {
    const builtin = BUILTIN_RULE_SETS[source];
    if (builtin === undefined)
      return fail({ file: `unknown shipped rule set (known: ${Object.keys(BUILTIN_RULE_SETS).join(', ')})` });
    parsed = parseRuleList(builtin);
    sha256 = createHash('sha256').update(JSON.stringify(builtin)).digest('hex');
  } else {
    let text: string;
    try {
      text = readFileSync(source, 'utf8');
    } catch (e) {
      return fail({ file: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})` });
    }
    parsed = parseRuleFileText(text);
    sha256 = createHash('sha256').update(text).digest('hex');
  }
  if (!parsed.ok) return parsed;
  const officialTests = runOfficialTests(parsed.value);
  if (officialTests.failures.length > 0)
    return fail(Object.fromEntries(officialTests.failures.map((f, i) => [`official test ${i + 1}`, f])));
  return ok({ source, sha256, rules: parsed.value, valueSets: SHIPPED_VALUE_SETS, officialTests });
}
