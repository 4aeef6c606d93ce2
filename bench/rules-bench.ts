// The business rules of the release check (docs/business-rules.md): `rules_eval` evaluates every
// rule a German verifier selects (default set, 7 rules) on one recovery certificate at one clock
// with certlogic-js — what a verifier app does per scan; goal median < 1 ms. `rules_release_check`
// is the kiosk's whole check per issuance: that evaluation plus the accepted-until search over the
// validation clock (a binary search over seconds up to the CWT exp).
import { evaluateAt, type CertificateFacts } from '../core/rules/evaluate-rules';
import { releaseCheck } from '../core/rules/release-check';
import { DEFAULT_RULE_SET, loadRuleSet } from '../core/rules/rule-set';
import { benchCertificate } from './fixtures';
import { latencyResult, measureLatency, pick, type BenchGroup, type BenchResult } from './harness';

export const rulesGroup: BenchGroup = {
  names: ['rules_eval', 'rules_release_check'],
  async run(ctx) {
    const set = loadRuleSet(DEFAULT_RULE_SET);
    if (!set.ok) throw new Error('bench: the default rule set does not load');
    const cert = await benchCertificate();
    const now = new Date();
    const facts: CertificateFacts = {
      payload: JSON.parse(JSON.stringify(cert.payload)),
      issuedAt: Math.floor(now.getTime() / 1000),
      expiresAt: Math.floor(Date.parse(`${cert.payload.r[0].du}T23:59:59Z`) / 1000),
      issuerCountryCode: 'DE',
      kid: 'AAAAAAAAAAA=',
    };
    const ruleCtx = { acceptanceCountry: 'DE', rules: set.value.rules, valueSets: set.value.valueSets };
    const selected = evaluateAt(facts, ruleCtx, now.getTime());
    if (selected.length === 0 || selected.some((v) => !v.passed))
      throw new Error('bench: the sample certificate fails a rule');
    const variants = pick(ctx, {
      rules_eval: () => {
        if (evaluateAt(facts, ruleCtx, now.getTime()).some((v) => !v.passed)) throw new Error('bench: rule failed');
      },
      rules_release_check: () => {
        const r = releaseCheck(facts, now, { ruleSet: set.value, acceptanceCountry: 'DE', minAcceptedDays: 7 });
        if (!r.ok) throw new Error('bench: release check refused the sample certificate');
      },
    });
    ctx.progress(`rules: ${Object.keys(variants).join(', ')}`);
    const samples = await measureLatency(variants, { n: ctx.quick ? 50 : 2000, warmup: ctx.quick ? 10 : 200 });
    const results: Record<string, BenchResult> = {};
    for (const [name, s] of Object.entries(samples)) results[name] = latencyResult(s, { rules: selected.length });
    return { results };
  },
};
