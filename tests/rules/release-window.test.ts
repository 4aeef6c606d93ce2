// The issue window and the rules agree: for every first-positive date and every moment of every
// day the kiosk allows (default window, 2021 rule set), the certificate it would issue passes
// every rule a German verifier selects at that moment; on the days just outside the window the
// rules reject at every moment, so the kiosk's TOO_EARLY/TOO_LATE is exactly where the rules
// begin to reject. Plus rule selection as a verifier does it, and accepted-until.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseConfigObject } from '../../core/config/load-config';
import { addDays, decideValidity, utcDay } from '../../core/issuance/validity-rules';
import { acceptedUntil } from '../../core/rules/accepted-until';
import { failedRulesAt, selectRules } from '../../core/rules/evaluate-rules';
import { releaseCheck } from '../../core/rules/release-check';
import { ruleName } from '../../core/rules/rule-file';
import { factsFor, shippedSet } from './helpers';

const DAY_MS = 86_400_000;
const set2021 = shippedSet('builtin:de-recovery-2021');
const set2022 = shippedSet('builtin:de-recovery-2022');
const config = parseConfigObject({});
if (!config.ok) throw new Error('default config');
const rules = config.value.rules;
const ctx = (set: typeof set2021) => ({ acceptanceCountry: 'DE', rules: set.rules, valueSets: set.valueSets });

/** The moment `secondOfDay` into UTC day `day` after `fr`. */
const moment = (fr: string, day: number, secondOfDay: number) =>
  new Date(Date.parse(`${addDays(fr, day)}T00:00:00Z`) + secondOfDay * 1000);
const frArb = fc
  .date({ min: new Date('2021-07-18T00:00:00Z'), max: new Date('2029-06-01T00:00:00Z'), noInvalidDate: true })
  .map(utcDay);
const secondArb = fc.integer({ min: 0, max: 86_399 });

describe('default window × 2021 rule set (property)', () => {
  it('every moment the kiosk allows passes every selected rule; accepted until du', () => {
    fc.assert(
      fc.property(
        frArb,
        fc.integer({ min: rules.earliestIssueDay, max: rules.latestIssueDay }),
        secondArb,
        (fr, day, sec) => {
          const now = moment(fr, day, sec);
          const window = decideValidity(fr, utcDay(now), rules);
          expect(window.ok).toBe(true);
          if (!window.ok) return;
          const facts = factsFor(fr, window.value.validFrom, window.value.validUntil, now);
          const check = releaseCheck(facts, now, { ruleSet: set2021, acceptanceCountry: 'DE', minAcceptedDays: 7 });
          expect(check.ok).toBe(true);
          if (check.ok) expect(check.value.until).toBe(window.value.validUntil);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('at the boundaries the kiosk refuses, and the rules would reject at every moment of those days', () => {
    fc.assert(
      fc.property(
        frArb,
        secondArb,
        fc.constantFrom(rules.earliestIssueDay - 1, rules.latestIssueDay + 1),
        (fr, sec, day) => {
          // On the day before the window the RR-DE-0001 boundary lies ahead; 00:00:00 of day 180 is
          // still du itself (RR-EU-0001 accepts the first instant of du), so from its second 1 on
          // (and before 23:59:59, when the CWT exp = end of du would already have passed).
          const now = moment(fr, day, day > rules.latestIssueDay ? Math.min(86_398, Math.max(1, sec)) : sec);
          expect(decideValidity(fr, utcDay(now), rules).ok).toBe(false);
          const df = addDays(fr, rules.dfOffsetDays);
          const du = addDays(fr, rules.duOffsetDays);
          const failed = failedRulesAt(factsFor(fr, df, du, now), ctx(set2021), now.getTime()).map(
            (v) => v.rule.Identifier,
          );
          expect(failed.length).toBeGreaterThan(0);
          expect(failed).toContain(day < rules.earliestIssueDay ? 'RR-DE-0001' : 'RR-EU-0001');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the old default (issuing on day 180) would hand out a certificate RR-EU-0001 and RR-DE-0002 reject', () => {
    const fr = '2021-08-01';
    const now = moment(fr, 180, 9 * 3600);
    const facts = factsFor(fr, addDays(fr, 28), addDays(fr, 180), now);
    const check = releaseCheck(facts, now, { ruleSet: set2021, acceptanceCountry: 'DE', minAcceptedDays: 7 });
    expect(check).toEqual({
      ok: false,
      error: { code: 'RULES_REJECTED', details: { rule: 'RR-DE-0002 1.0.1', country: 'DE' } },
    });
    const failed = failedRulesAt(facts, ctx(set2021), now.getTime()).map((v) => ruleName(v.rule));
    expect(failed).toEqual(['RR-DE-0002 1.0.1', 'RR-EU-0001 1.0.0']);
  });

  it('refuses a configuration whose window reaches the du day', () => {
    const bad = parseConfigObject({ rules: { latestIssueDay: 180 } });
    expect(bad.ok ? 'accepted' : Object.keys(bad.error.details)).toEqual(['rules.latestIssueDay']);
  });
});

describe('rule selection as a verifier does it', () => {
  const ids = (clock: string, set = set2022, country = 'DE') =>
    selectRules(set.rules, { acceptanceCountry: country, issuerCountry: 'DE' }, Date.parse(clock)).map(ruleName);
  it('takes the newest version in force at the clock', () => {
    expect(ids('2022-02-24T16:59:59Z')).toContain('RR-DE-0002 1.0.1');
    expect(ids('2022-02-24T17:00:00Z')).toContain('RR-DE-0002 1.0.3');
    expect(ids('2022-02-24T17:00:00Z')).not.toContain('RR-DE-0002 1.0.1');
  });
  it('leaves out rules not yet in force, other countries and certificate kinds', () => {
    expect(ids('2021-07-17T07:59:59Z')).not.toContain('RR-DE-0002 1.0.1');
    expect(ids('2022-03-01T00:00:00Z', set2022, 'AT')).toEqual([
      'GR-EU-0000 1.0.0',
      'GR-EU-0001 1.0.0',
      'RR-EU-0000 1.0.0',
      'RR-EU-0001 1.0.0',
      'RR-EU-0002 1.0.0',
    ]);
    const base = set2022.rules.find((r) => r.Identifier === 'RR-DE-0001')!;
    const extra = [
      { ...base, Identifier: 'VR-DE-0009', CertificateType: 'Vaccination' as const },
      { ...base, Identifier: 'RR-DE-0009', validToMs: Date.parse('2022-01-01T00:00:00Z') },
    ];
    const chosen = selectRules(
      [...set2022.rules, ...extra],
      { acceptanceCountry: 'DE', issuerCountry: 'DE' },
      Date.parse('2022-03-01T00:00:00Z'),
    ).map((r) => r.Identifier);
    expect(chosen.some((i) => ['VR-DE-0009', 'RR-DE-0009'].includes(i))).toBe(false);
  });
});

describe('accepted until (search over the validation clock)', () => {
  it('90-day set: fr + 90 days at 00:00 UTC, ended by RR-DE-0002', () => {
    fc.assert(
      fc.property(
        fc
          .date({ min: new Date('2022-03-01T00:00:00Z'), max: new Date('2029-01-01T00:00:00Z'), noInvalidDate: true })
          .map(utcDay),
        fc.integer({ min: 28, max: 89 }),
        secondArb,
        (fr, day, sec) => {
          const now = moment(fr, day, sec);
          const facts = factsFor(fr, addDays(fr, 28), addDays(fr, 180), now);
          const found = acceptedUntil(facts, ctx(set2022), now.getTime());
          expect(found?.lastAcceptedMs).toBe(Date.parse(`${addDays(fr, 90)}T00:00:00Z`));
          expect(found && ruleName(found.endingRule!)).toBe('RR-DE-0002 1.0.3');
        },
      ),
      { numRuns: 100 },
    );
  });

  it('follows a rule version change inside the interval (issued Jan 2022 under 1.0.1, 90 days from 24 Feb)', () => {
    const fr = '2021-12-20';
    const now = new Date('2022-01-20T10:00:00Z');
    const found = acceptedUntil(factsFor(fr, addDays(fr, 28), addDays(fr, 180), now), ctx(set2022), now.getTime());
    // fr + 90 = 2022-03-20: accepted under 1.0.1 until 24 Feb 17:00, then under 1.0.3 until 20 March.
    expect(new Date(found!.lastAcceptedMs).toISOString()).toBe('2022-03-20T00:00:00.000Z');
    const earlier = '2021-11-01'; // fr + 90 = 2022-01-30 < 24 Feb: rejected at the moment 1.0.3 takes over
    const at = new Date('2022-01-20T10:00:00Z');
    const cut = acceptedUntil(
      factsFor(earlier, addDays(earlier, 28), addDays(earlier, 180), at),
      ctx(set2022),
      at.getTime(),
    );
    expect(new Date(cut!.lastAcceptedMs).toISOString()).toBe('2022-02-24T16:59:59.000Z');
  });

  it('warns when fewer than minAcceptedDays remain, and says how many are left', () => {
    const fr = '2023-01-01';
    const now = moment(fr, 84, 12 * 3600); // fr+90 00:00 is 5.5 days away
    const check = releaseCheck(factsFor(fr, addDays(fr, 28), addDays(fr, 180), now), now, {
      ruleSet: set2022,
      acceptanceCountry: 'DE',
      minAcceptedDays: 7,
    });
    expect(check.ok && check.value).toMatchObject({
      until: addDays(fr, 90),
      rule: 'RR-DE-0002',
      basis: 'national',
      daysLeft: 5,
      warning: true,
    });
    const roomy = moment(fr, 60, 0);
    const later = releaseCheck(factsFor(fr, addDays(fr, 28), addDays(fr, 180), roomy), roomy, {
      ruleSet: set2022,
      acceptanceCountry: 'DE',
      minAcceptedDays: 7,
    });
    expect(later.ok && later.value).toMatchObject({ daysLeft: 30, warning: false });
    expect(DAY_MS).toBe(86_400_000);
  });
});
