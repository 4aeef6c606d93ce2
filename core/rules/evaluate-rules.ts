// Rule selection and evaluation exactly as a verifier app does it (covpass-android's certlogic
// module, the EU verifier apps): the Acceptance rules of the acceptance country plus the EU
// template rules, and the Invalidation rules of the country that issued the certificate (CWT iss),
// certificate type Recovery or General, and of each Identifier the newest Version whose
// ValidFrom ≤ clock < ValidTo. Each rule's Logic is evaluated by the EU's reference engine
// (`certlogic-js`) on `{ payload, external }`; only the result `true` passes. A rule that throws
// fails (a verifier shows "rule could not be evaluated", never "accepted").
// docs/business-rules.md explains the external parameters.
import certlogic from 'certlogic-js';
import { compareVersions, type BusinessRule } from './rule-file';

/** What a verifier knows about a scanned certificate besides the clock. */
export interface CertificateFacts {
  /** The DCC JSON (CWT claim -260/1), as decoded. */
  readonly payload: unknown;
  /** CWT iat and exp, seconds since the epoch. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** CWT iss. */
  readonly issuerCountryCode: string;
  /** base64 of the COSE kid. */
  readonly kid: string;
}

export interface RuleContext {
  /** The country whose acceptance rules apply (the citizen's country, default DE). */
  readonly acceptanceCountry: string;
  readonly rules: readonly BusinessRule[];
  /** Value-set id → codes, as verifiers pass them in `external.valueSets`. */
  readonly valueSets: Readonly<Record<string, readonly string[]>>;
}

export interface RuleVerdict {
  readonly rule: BusinessRule;
  readonly passed: boolean;
  /** Set when the engine threw (malformed data or logic); the rule then counts as failed. */
  readonly error?: string;
}

/** ISO 8601 as verifiers pass it: whole seconds without a fraction (`2021-08-28T00:00:00Z`). */
export const isoInstant = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

const RELEVANT_TYPES: ReadonlySet<string> = new Set(['Recovery', 'General']);

/** Whose rules a verifier applies: its own country's (and the EU's), and the issuing country's. */
export interface RuleCountries {
  /** Acceptance rules of this country and of `EU` (the EU templates). */
  readonly acceptanceCountry: string;
  /** Invalidation rules of this country: the CWT `iss` of the certificate. */
  readonly issuerCountry: string;
}

/** Does a verifier with these countries select this rule (type and country only)? */
function concerns(rule: BusinessRule, countries: RuleCountries): boolean {
  if (rule.Type === 'Acceptance') return rule.Country === countries.acceptanceCountry || rule.Country === 'EU';
  return rule.Country === countries.issuerCountry;
}

/** The rules a verifier in `acceptanceCountry` applies to a recovery certificate of `issuerCountry` at `clockMs`. */
export function selectRules(rules: readonly BusinessRule[], countries: RuleCountries, clockMs: number): BusinessRule[] {
  const newest = new Map<string, BusinessRule>();
  for (const rule of rules) {
    if (!concerns(rule, countries)) continue;
    if (!RELEVANT_TYPES.has(rule.CertificateType)) continue;
    if (!(rule.validFromMs <= clockMs && clockMs < rule.validToMs)) continue;
    const current = newest.get(rule.Identifier);
    if (!current || compareVersions(rule.Version, current.Version) > 0) newest.set(rule.Identifier, rule);
  }
  return [...newest.values()].sort((a, b) => a.Identifier.localeCompare(b.Identifier));
}

/** `external` as a verifier builds it for one scan. */
export function externalParameters(
  facts: CertificateFacts,
  ctx: RuleContext,
  clockMs: number,
): Record<string, unknown> {
  return {
    validationClock: isoInstant(clockMs),
    valueSets: ctx.valueSets,
    countryCode: ctx.acceptanceCountry,
    exp: isoInstant(facts.expiresAt * 1000),
    iat: isoInstant(facts.issuedAt * 1000),
    issuerCountryCode: facts.issuerCountryCode,
    kid: facts.kid,
  };
}

/** Evaluates one rule on `data = { payload, external }`; passes only on the literal `true`. */
export function evaluateRule(
  rule: BusinessRule,
  data: { payload: unknown; external: Record<string, unknown> },
): RuleVerdict {
  try {
    return { rule, passed: certlogic.evaluate(rule.Logic as never, data) === true };
  } catch (e) {
    return { rule, passed: false, error: e instanceof Error ? e.message : 'evaluation failed' };
  }
}

/** Every selected rule's verdict at `clockMs` (a scan at that moment). */
export function evaluateAt(facts: CertificateFacts, ctx: RuleContext, clockMs: number): RuleVerdict[] {
  const data = { payload: facts.payload, external: externalParameters(facts, ctx, clockMs) };
  const countries = { acceptanceCountry: ctx.acceptanceCountry, issuerCountry: facts.issuerCountryCode };
  return selectRules(ctx.rules, countries, clockMs).map((rule) => evaluateRule(rule, data));
}

/** The failed verdicts at `clockMs`, national rules first (empty: a verifier accepts). */
export function failedRulesAt(facts: CertificateFacts, ctx: RuleContext, clockMs: number): RuleVerdict[] {
  return evaluateAt(facts, ctx, clockMs)
    .filter((v) => !v.passed)
    .sort((a, b) => Number(a.rule.Country === 'EU') - Number(b.rule.Country === 'EU'));
}
