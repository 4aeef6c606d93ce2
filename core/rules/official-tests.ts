// Runs the official CertLogic test cases (core/rules/data/official-test-cases.json, built by
// bundle-official-tests.ts) against the rules of a rule file: every case written for a rule's
// Identifier and Version must give the expected result through our evaluation path
// (evaluate-rules.ts). Used at start-up and by `cli rules check`; docs/business-rules.md.
import bundleJson from './data/official-test-cases.json';
import type { OfficialTestBundle, OfficialTestCase } from './bundle-official-tests';
import { evaluateRule } from './evaluate-rules';
import { ruleName, type BusinessRule } from './rule-file';

export const OFFICIAL_TESTS = bundleJson as unknown as OfficialTestBundle;

export interface OfficialTestReport {
  /** Cases run, and those that gave another result (`RR-DE-0002 1.0.1: RR-DE-0002/test004.json …`). */
  readonly ran: number;
  readonly failures: readonly string[];
  /** Rules in the file for whose Identifier and Version no official case is known. */
  readonly untested: readonly string[];
}

export const casesFor = (rule: BusinessRule, bundle: OfficialTestBundle = OFFICIAL_TESTS): OfficialTestCase[] =>
  bundle.cases.filter((c) => c.rule === rule.Identifier && c.versions.includes(rule.Version));

export function runOfficialTests(
  rules: readonly BusinessRule[],
  bundle: OfficialTestBundle = OFFICIAL_TESTS,
): OfficialTestReport {
  let ran = 0;
  const failures: string[] = [];
  const untested: string[] = [];
  for (const rule of rules) {
    const cases = casesFor(rule, bundle);
    if (cases.length === 0) untested.push(ruleName(rule));
    for (const c of cases) {
      ran++;
      const verdict = evaluateRule(rule, {
        payload: c.payload,
        external: { ...c.external, valueSets: bundle.valueSets },
      });
      const got = verdict.error ? `an error (${verdict.error})` : String(verdict.passed);
      if (verdict.error || verdict.passed !== c.expected) {
        const label = `${c.file}${c.name ? ` (${c.name})` : ''}`;
        failures.push(`${ruleName(rule)}: official case ${label} expects ${String(c.expected)}, got ${got}`);
      }
    }
  }
  return { ran, failures, untested };
}
