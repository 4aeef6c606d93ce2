// "Accepted until": the last moment a verifier in the acceptance country still accepts the
// certificate, found by searching the validation clock between the issuance moment and the CWT
// exp (after exp no verifier accepts it, whatever the rules say). The rule selection can change
// only where some rule's ValidFrom or ValidTo lies, so the interval is cut there; inside each piece
// the selected rules compare the clock with fixed dates of the certificate (df, du, fr + n days),
// so acceptance is monotone (accepted, then rejected for good) and a binary search over whole
// seconds finds the boundary exactly. docs/business-rules.md has examples.
import type { BusinessRule } from './rule-file';
import {
  evaluateRule,
  externalParameters,
  failedRulesAt,
  type CertificateFacts,
  type RuleContext,
} from './evaluate-rules';

export interface AcceptedUntil {
  /** The last accepted instant, ms since the epoch (whole seconds). */
  readonly lastAcceptedMs: number;
  /** The rule that rejects from the next second on; undefined when the CWT exp ends acceptance. */
  readonly endingRule?: BusinessRule;
}

/**
 * undefined when the certificate is not accepted at `fromMs` itself (the release check refuses
 * such a certificate before this is ever asked).
 */
export function acceptedUntil(facts: CertificateFacts, ctx: RuleContext, fromMs: number): AcceptedUntil | undefined {
  if (failedRulesAt(facts, ctx, fromMs).length > 0) return undefined;
  const first = Math.ceil(fromMs / 1000);
  const last = facts.expiresAt;
  if (last < first) return { lastAcceptedMs: fromMs };
  const cuts = new Set<number>();
  for (const rule of ctx.rules)
    for (const ms of [rule.validFromMs, rule.validToMs]) {
      const s = Math.ceil(ms / 1000);
      if (s > first && s <= last) cuts.add(s);
    }
  const starts = [first, ...[...cuts].sort((a, b) => a - b)];
  const rejecting = (s: number): BusinessRule | undefined => failedRulesAt(facts, ctx, s * 1000)[0]?.rule;

  for (let i = 0; i < starts.length; i++) {
    const a = starts[i]!;
    const z = i + 1 < starts.length ? starts[i + 1]! - 1 : last;
    const atStart = rejecting(a);
    if (atStart) return { lastAcceptedMs: i === 0 ? fromMs : (a - 1) * 1000, endingRule: atStart };
    const atEnd = failedRulesAt(facts, ctx, z * 1000).map((v) => v.rule);
    if (atEnd.length === 0) continue;
    // Rules passing at both ends of the piece pass throughout (monotone): search with the others.
    const anyFails = (s: number): BusinessRule | undefined => {
      const data = { payload: facts.payload, external: externalParameters(facts, ctx, s * 1000) };
      return atEnd.find((rule) => !evaluateRule(rule, data).passed);
    };
    let lo = a; // accepted
    let hi = z; // rejected
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (anyFails(mid)) hi = mid;
      else lo = mid;
    }
    return { lastAcceptedMs: lo * 1000, endingRule: rejecting(hi)! };
  }
  return { lastAcceptedMs: last * 1000 };
}
