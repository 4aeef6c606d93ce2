// The clerk status line of the business rules (docs/business-rules.md): which rule set is active,
// which rules a verifier in the acceptance country applies right now to a certificate this kiosk
// issues (its acceptance rules, the EU templates, the issuing country's invalidation rules), and
// since when they are in force (the newest ValidFrom among them: the moment the set as it applies now took effect).
import { selectRules, type RuleCountries } from '../rules/evaluate-rules';
import { ruleName } from '../rules/rule-file';
import type { LoadedRuleSet } from '../rules/rule-set';
import type { ServiceStatus } from './kiosk-api';

export function rulesStatus(
  ruleSet: LoadedRuleSet & { readonly loadedAt: Date },
  countries: RuleCountries,
  now: Date,
): ServiceStatus['rules'] {
  const { acceptanceCountry } = countries;
  const selected = selectRules(ruleSet.rules, countries, now.getTime());
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
