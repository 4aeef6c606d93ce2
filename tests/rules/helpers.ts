// Shared by the business-rule tests: the shipped rule sets, the raw official fixtures, and the
// facts a verifier knows about a recovery certificate the kiosk would issue (payload built by the
// real payload builder, CWT times by the real cwtTimesFor) — without signing, so properties can
// run thousands of cases.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRecoveryPayload } from '../../core/dcc/payload';
import { newUvci } from '../../core/dcc/uvci';
import { cwtTimesFor } from '../../core/issuance/issuance-deps';
import type { CertificateFacts } from '../../core/rules/evaluate-rules';
import { loadRuleSet, type LoadedRuleSet } from '../../core/rules/rule-set';

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
