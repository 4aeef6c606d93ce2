// The release check of the issuance use case: a certificate leaves the kiosk only if every rule a
// verifier in the acceptance country selects (its acceptance rules, the EU templates and the
// issuing country's invalidation rules, evaluate-rules.ts) passes at the moment of issuance — and then the
// citizen learns until when it is accepted there (accepted-until.ts) and is warned when that is
// fewer than `rules.minAcceptedDays` away. docs/business-rules.md.
import { err, ok, type Result } from '../result';
import { acceptedUntil } from './accepted-until';
import { failedRulesAt, type CertificateFacts } from './evaluate-rules';
import { ruleName } from './rule-file';
import type { LoadedRuleSet } from './rule-set';

const DAY_MS = 86_400_000;

export interface RuleAcceptance {
  readonly country: string;
  /** UTC date of the last accepted moment (`YYYY-MM-DD`, comparable with du). */
  readonly until: string;
  /** The last accepted instant (ISO 8601). */
  readonly lastAcceptedAt: string;
  /** Identifier of the rule that ends acceptance (`RR-DE-0002`); null: the CWT exp ends it. */
  readonly rule: string | null;
  /** The same rule with its version, for the audit log (`RR-DE-0002 1.0.3`). */
  readonly ruleVersion: string | null;
  /** A rule of the acceptance country, an EU template rule, or the CWT exp. */
  readonly basis: 'national' | 'eu' | 'expiry';
  /** Whole days from issuance to the last accepted moment. */
  readonly daysLeft: number;
  /** True when fewer than `minAcceptedDays` remain: the citizen is told so. */
  readonly warning: boolean;
}

export interface ReleaseCheckOptions {
  readonly ruleSet: Pick<LoadedRuleSet, 'rules' | 'valueSets'>;
  readonly acceptanceCountry: string;
  readonly minAcceptedDays: number;
}

/** ok with the acceptance, or RULES_REJECTED naming the first failing rule (`details.rule`). */
export function releaseCheck(facts: CertificateFacts, at: Date, opts: ReleaseCheckOptions): Result<RuleAcceptance> {
  const ctx = {
    acceptanceCountry: opts.acceptanceCountry,
    rules: opts.ruleSet.rules,
    valueSets: opts.ruleSet.valueSets,
  };
  const nowMs = at.getTime();
  const failed = failedRulesAt(facts, ctx, nowMs);
  const accepted = failed.length === 0 ? acceptedUntil(facts, ctx, nowMs) : undefined;
  if (!accepted) {
    const rule = failed[0]?.rule;
    return err(
      'RULES_REJECTED',
      rule ? { rule: ruleName(rule), country: opts.acceptanceCountry } : { country: opts.acceptanceCountry },
    );
  }
  const daysLeft = Math.floor((accepted.lastAcceptedMs - nowMs) / DAY_MS);
  return ok({
    country: opts.acceptanceCountry,
    until: new Date(accepted.lastAcceptedMs).toISOString().slice(0, 10),
    lastAcceptedAt: new Date(accepted.lastAcceptedMs).toISOString(),
    rule: accepted.endingRule?.Identifier ?? null,
    ruleVersion: accepted.endingRule ? ruleName(accepted.endingRule) : null,
    basis: !accepted.endingRule ? 'expiry' : accepted.endingRule.Country === 'EU' ? 'eu' : 'national',
    daysLeft,
    warning: accepted.lastAcceptedMs - nowMs < opts.minAcceptedDays * DAY_MS,
  });
}
