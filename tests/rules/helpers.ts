// Shared by the business-rule tests: the shipped rule sets, the raw official fixtures, and the
// facts a verifier knows about a recovery certificate the kiosk would issue (payload built by the
// real payload builder, CWT times by the real cwtTimesFor) — without signing, so properties can
// run thousands of cases.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRecoveryPayload } from '../../core/dcc/payload';
import { newUvci } from '../../core/dcc/uvci';
import { cwtTimesFor } from '../../core/issuance/issuance-deps';
import type { CertificateFacts } from '../../core/rules/evaluate-rules';
import { BUILTIN_RULE_SETS, loadRuleSet, type LoadedRuleSet } from '../../core/rules/rule-set';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'business-rules');

export function shippedSet(name: 'builtin:de-recovery-2021' | 'builtin:de-recovery-2022'): LoadedRuleSet {
  const set = loadRuleSet(name);
  if (!set.ok) throw new Error(`${name} does not load: ${JSON.stringify(set.error)}`);
  return set.value;
}

export interface RawOfficialCase {
  readonly rule: string;
  readonly file: string;
  readonly name?: string;
  readonly payload: unknown;
  readonly external: Record<string, unknown>;
  readonly expected: boolean;
}

/** Every upstream test file, read as it is (external value sets included). */
export function rawOfficialCases(): RawOfficialCase[] {
  const dir = join(FIXTURES, 'tests');
  return readdirSync(dir)
    .sort()
    .flatMap((rule) =>
      readdirSync(join(dir, rule))
        .sort()
        .map((file) => ({ rule, file: `${rule}/${file}`, ...JSON.parse(readFileSync(join(dir, rule, file), 'utf8')) })),
    );
}

/** What a verifier knows about the certificate issued at `now` with these dates (DSC far in the future). */
export function factsFor(fr: string, df: string, du: string, now: Date): CertificateFacts {
  const payload = buildRecoveryPayload({
    familyName: 'Muster',
    givenName: 'Erika',
    dateOfBirth: '1970-01-01',
    firstPositiveTest: fr,
    validFrom: df,
    validUntil: du,
    country: 'DE',
    issuer: 'Robert Koch-Institut',
    uvci: newUvci('TEST'),
  });
  if (!payload.ok) throw new Error(JSON.stringify(payload.error));
  const times = cwtTimesFor(now, du, new Date('2099-01-01T00:00:00Z'), 'DE');
  if (!times.ok) throw new Error(JSON.stringify(times.error));
  return {
    payload: JSON.parse(JSON.stringify(payload.value)),
    issuedAt: times.value.issuedAt,
    expiresAt: times.value.expiresAt,
    issuerCountryCode: 'DE',
    kid: 'AAAAAAAAAAA=',
  };
}

/**
 * A synthetic Invalidation rule (none is shipped): a recovery certificate of `country` is
 * invalidated from `fr + days` on — the clock must not be after that day.
 */
export function invalidationRule(country: string, days: number, over: Record<string, unknown> = {}) {
  return {
    Identifier: `IR-${country}-0001`,
    Type: 'Invalidation',
    Country: country,
    Version: '1.0.0',
    SchemaVersion: '1.0.0',
    Engine: 'CERTLOGIC',
    EngineVersion: '0.7.5',
    CertificateType: 'Recovery',
    Description: [{ lang: 'en', desc: `Synthetic test rule: invalid from ${days} days after the positive test.` }],
    ValidFrom: '2021-06-01T00:00:00Z',
    ValidTo: '2030-06-01T00:00:00Z',
    AffectedFields: ['r.0.fr'],
    Logic: {
      'not-after': [
        { plusTime: [{ var: 'external.validationClock' }, 0, 'day'] },
        { plusTime: [{ var: 'payload.r.0.fr' }, days, 'day'] },
      ],
    },
    ...over,
  };
}

/** The shipped 2021 rules plus `extra` raw rule objects, written as a rule file into `dir`. */
export function writeRuleFile(dir: string, extra: readonly unknown[]): string {
  const file = join(dir, 'rules-with-invalidation.json');
  writeFileSync(file, JSON.stringify([...(BUILTIN_RULE_SETS['builtin:de-recovery-2021'] as unknown[]), ...extra]));
  return file;
}
