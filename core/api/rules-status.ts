// The clerk status line of the business rules (docs/business-rules.md): which rule set is active,
// which rules a verifier in the acceptance country applies right now, and since when they are in
// force (the newest ValidFrom among them: the moment the set as it applies now took effect).
import { selectRules } from '../rules/evaluate-rules';
import { ruleName } from '../rules/rule-file';
import type { LoadedRuleSet } from '../rules/rule-set';
import type { ServiceStatus } from './kiosk-api';

export function rulesStatus(
  ruleSet: LoadedRuleSet & { readonly loadedAt: Date },
  acceptanceCountry: string,
  now: Date,
): ServiceStatus['rules'] {
  const selected = selectRules(ruleSet.rules, acceptanceCountry, now.getTime());
  const since = Math.max(...selected.map((r) => r.validFromMs));
  return {
    source: ruleSet.source,
    sha256: ruleSet.sha256,
    acceptanceCountry,
    inForceSince: Number.isFinite(since) ? new Date(since).toISOString() : '',
    loadedAt: ruleSet.loadedAt.toISOString(),
    selected: selected.map(ruleName),
  };
}
