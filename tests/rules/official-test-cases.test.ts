// The official CertLogic test cases of every shipped rule pass through our evaluation path
// (evaluate-rules.ts → certlogic-js), the shipped bundle is exactly what the generator makes of the
// unmodified upstream files, and a rule version the cases were not written for is not judged by them.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import bundle from '../../core/rules/data/official-test-cases.json';
import { bundleOfficialTests, OFFICIAL_TEST_VERSIONS } from '../../core/rules/bundle-official-tests';
import { evaluateRule } from '../../core/rules/evaluate-rules';
import { runOfficialTests } from '../../core/rules/official-tests';
import { ruleName } from '../../core/rules/rule-file';
import { FIXTURES, rawOfficialCases, shippedSet } from './helpers';

const cases = rawOfficialCases();
const set2021 = shippedSet('builtin:de-recovery-2021');
const set2022 = shippedSet('builtin:de-recovery-2022');

describe('official test cases', () => {
  it('cover every rule of the 2021 set (52 upstream files)', () => {
    expect(cases).toHaveLength(52);
    expect(new Set(cases.map((c) => c.rule))).toEqual(new Set(set2021.rules.map((r) => r.Identifier)));
  });

  it.each(cases.map((c) => [c.file, c] as const))(
    '%s gives the expected result through our evaluation path',
    (_f, c) => {
      for (const set of [set2021, set2022]) {
        const rule = set.rules.find(
          (r) => r.Identifier === c.rule && OFFICIAL_TEST_VERSIONS[c.rule]!.includes(r.Version),
        );
        if (!rule) throw new Error(`no rule for ${c.file}`);
        const verdict = evaluateRule(rule, { payload: c.payload, external: c.external });
        expect(verdict.error).toBeUndefined();
        expect(verdict.passed).toBe(c.expected);
      }
    },
  );

  it('the shipped bundle is exactly what bundle-official-tests.ts makes of the upstream files', () => {
    expect(bundleOfficialTests(join(FIXTURES, 'tests'))).toEqual(bundle);
  });

  it('runOfficialTests passes both shipped sets; only the 90-day rule has no official case', () => {
    const r2021 = runOfficialTests(set2021.rules);
    expect(r2021).toEqual({ ran: 52, failures: [], untested: [] });
    const r2022 = runOfficialTests(set2022.rules);
    expect(r2022).toEqual({ ran: 52, failures: [], untested: ['RR-DE-0002 1.0.3'] });
  });

  it('the 180-day cases of RR-DE-0002 1.0.1 would fail the 90-day version 1.0.3 (why cases bind to versions)', () => {
    const v103 = set2022.rules.find((r) => ruleName(r) === 'RR-DE-0002 1.0.3')!;
    const failing = runOfficialTests([{ ...v103, Version: '1.0.1' }]).failures;
    expect(failing.map((f) => f.match(/test\d+\.json/)?.[0])).toEqual(['test004.json', 'test005.json']);
  });
});
