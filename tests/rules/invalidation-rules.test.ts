// Invalidation rules of the issuing country (docs/business-rules.md, "Selection and evaluation"):
// a verifier applies, besides its own country's Acceptance rules and the EU templates, the
// Invalidation rules of the country in the CWT `iss` — and so does the kiosk, in the release check
// and in accepted-until. No shipped set has one, so these tests use a synthetic rule: a German
// recovery certificate is invalid from fr + 120 days on (the 2021 acceptance rules allow 180).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { addDays, utcDay } from '../../core/issuance/validity-rules';
import { dataPaths } from '../../core/paths';
import { acceptedUntil } from '../../core/rules/accepted-until';
import { selectRules } from '../../core/rules/evaluate-rules';
import { releaseCheck } from '../../core/rules/release-check';
import { parseRuleList, ruleName } from '../../core/rules/rule-file';
import { loadRuleSet } from '../../core/rules/rule-set';
import { makeDirs, openKiosk, person, requestFor, writeFixtureConfig } from '../issuance/kiosk-helpers';
import { factsFor, invalidationRule, shippedSet, writeRuleFile } from './helpers';

const set2021 = shippedSet('builtin:de-recovery-2021');
const CLOCK = Date.parse('2022-03-01T00:00:00Z');
const DE_FROM_DE = { acceptanceCountry: 'DE', issuerCountry: 'DE' };

/** The 2021 set plus synthetic invalidation rules of several kinds. */
function rulesWith(extra: readonly unknown[]) {
  const parsed = parseRuleList(extra);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return [...set2021.rules, ...parsed.value];
}

describe('selecting invalidation rules as a verifier does', () => {
  const all = rulesWith([
    invalidationRule('DE', 120),
    // a newer version not yet in force at the clock, and one whose period has ended
    invalidationRule('DE', 30, { Version: '1.0.2', ValidFrom: '2023-01-01T00:00:00Z' }),
    invalidationRule('DE', 10, { Identifier: 'IR-DE-0002', ValidTo: '2022-01-01T00:00:00Z' }),
    invalidationRule('DE', 10, { Identifier: 'IR-DE-0003', CertificateType: 'Vaccination' }),
    invalidationRule('DE', 150, { Identifier: 'IR-DE-0004', CertificateType: 'General' }),
    invalidationRule('AT', 10),
  ]);
  const ids = (countries: typeof DE_FROM_DE, clock = CLOCK) => selectRules(all, countries, clock).map(ruleName);

  it('takes the issuing country’s rules for recovery and general certificates in force at the clock', () => {
    const chosen = ids(DE_FROM_DE);
    expect(chosen).toEqual(expect.arrayContaining(['IR-DE-0001 1.0.0', 'IR-DE-0004 1.0.0']));
    expect(chosen).not.toEqual(expect.arrayContaining(['IR-DE-0002 1.0.0']));
    expect(chosen.filter((r) => r.startsWith('IR-'))).toEqual(['IR-DE-0001 1.0.0', 'IR-DE-0004 1.0.0']);
  });

  it('takes the newest version once it is in force', () => {
    expect(ids(DE_FROM_DE, Date.parse('2023-06-01T00:00:00Z'))).toContain('IR-DE-0001 1.0.2');
    expect(ids(DE_FROM_DE, Date.parse('2023-06-01T00:00:00Z'))).not.toContain('IR-DE-0001 1.0.0');
  });

  it('follows the issuer, not the acceptance country: a certificate from AT meets Austria’s rules only', () => {
    expect(ids({ acceptanceCountry: 'DE', issuerCountry: 'AT' }).filter((r) => r.startsWith('IR-'))).toEqual([
      'IR-AT-0001 1.0.0',
    ]);
    // A verifier in Austria checking a German certificate: Germany's invalidation rules still apply.
    const inAustria = ids({ acceptanceCountry: 'AT', issuerCountry: 'DE' });
    expect(inAustria).toContain('IR-DE-0001 1.0.0');
    expect(inAustria).not.toContain('IR-AT-0001 1.0.0');
    expect(inAustria).not.toContain('RR-DE-0002 1.0.1');
  });
});

describe('release check and accepted until with an invalidation rule', () => {
  const opts = { ruleSet: { rules: rulesWith([invalidationRule('DE', 120)]), valueSets: set2021.valueSets } };
  const fr = '2022-01-01';
  const check = (day: number) => {
    const now = new Date(Date.parse(`${addDays(fr, day)}T10:00:00Z`));
    return releaseCheck(factsFor(fr, addDays(fr, 28), addDays(fr, 180), now), now, {
      ...opts,
      acceptanceCountry: 'DE',
      minAcceptedDays: 7,
    });
  };

  it('a failing invalidation rule refuses like an acceptance rule: RULES_REJECTED naming it', () => {
    expect(check(130)).toEqual({
      ok: false,
      error: { code: 'RULES_REJECTED', details: { rule: 'IR-DE-0001 1.0.0', country: 'DE' } },
    });
  });

  it('ends "accepted until" where it rejects (fr + 120 days), before du', () => {
    expect(check(60)).toMatchObject({
      ok: true,
      value: { until: addDays(fr, 120), rule: 'IR-DE-0001', ruleVersion: 'IR-DE-0001 1.0.0', basis: 'national' },
    });
    const now = new Date(`${addDays(fr, 60)}T10:00:00Z`);
    const found = acceptedUntil(
      factsFor(fr, addDays(fr, 28), addDays(fr, 180), now),
      { acceptanceCountry: 'DE', ...opts.ruleSet },
      now.getTime(),
    );
    expect(new Date(found!.lastAcceptedMs).toISOString()).toBe(`${addDays(fr, 120)}T00:00:00.000Z`);
  });

  it('ignores another country’s invalidation rule for a German certificate', () => {
    const other = { rules: rulesWith([invalidationRule('AT', 1)]), valueSets: set2021.valueSets };
    const now = new Date(`${addDays(fr, 60)}T10:00:00Z`);
    const res = releaseCheck(factsFor(fr, addDays(fr, 28), addDays(fr, 180), now), now, {
      ruleSet: other,
      acceptanceCountry: 'DE',
      minAcceptedDays: 7,
    });
    expect(res).toMatchObject({ ok: true, value: { until: addDays(fr, 180) } });
    expect(res.ok && res.value.rule).not.toMatch(/^IR-/u);
  });
});

describe('a kiosk with a rule file that has an invalidation rule', () => {
  const NOW = new Date();
  const people = {
    day60: person(NOW, 'Sechzig', 'Selma', '1980-01-02', 60),
    day130: person(NOW, 'Hundertdreissig', 'Hanno', '1981-02-03', 130),
  };
  let dirs: ReturnType<typeof makeDirs>;
  let ruleDir: string;
  let kiosk: Awaited<ReturnType<typeof openKiosk>>;

  beforeAll(async () => {
    dirs = makeDirs();
    ruleDir = mkdtempSync(join(tmpdir(), 'kiosk-rules-'));
    const businessRules = writeRuleFile(ruleDir, [invalidationRule('DE', 120)]);
    expect(loadRuleSet(businessRules).ok).toBe(true);
    const configPath = writeFixtureConfig(dirs.configDir, Object.values(people), { rules: { businessRules } });
    kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
  });
  afterAll(async () => {
    await kiosk?.close();
    dirs?.cleanup();
    rmSync(ruleDir, { recursive: true, force: true });
  });

  it('refuses a certificate the issuing country has invalidated: RULES_REJECTED, nothing issued, audited', async () => {
    const expected = {
      ok: false,
      error: { code: 'RULES_REJECTED', details: { rule: 'IR-DE-0001 1.0.0', country: 'DE' } },
    };
    expect(await kiosk.api.issue(requestFor(people.day130))).toEqual(expected);
    // Released, not left reserved: the same answer again.
    expect(await kiosk.api.issue(requestFor(people.day130))).toEqual(expected);
    expect(await kiosk.runtime.registry.issuedCount()).toEqual({ ok: true, value: 0 });
    const auditDir = dataPaths(dirs.dataDir).auditDir;
    const lines = readdirSync(auditDir)
      .flatMap((f) => readFileSync(join(auditDir, f), 'utf8').split('\n'))
      .filter((l) => l.includes('RULES_REJECTED'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(line).toMatchObject({ event: 'reservation.released', code: 'RULES_REJECTED', rule: 'IR-DE-0001 1.0.0' });
  });

  it('issues earlier certificates with "accepted until" fr + 120 days from the invalidation rule', async () => {
    const res = await kiosk.api.issue(requestFor(people.day60));
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.value.acceptance).toEqual({
      country: 'DE',
      acceptedUntil: addDays(people.day60.firstPositiveTest, 120),
      acceptedUntilRule: 'IR-DE-0001',
      basis: 'national',
      differsFromValidUntil: true,
      daysLeft: Math.floor(
        (Date.parse(`${addDays(people.day60.firstPositiveTest, 120)}T00:00:00Z`) - NOW.getTime()) / 86_400_000,
      ),
      warning: false,
    });
    expect(res.value.validUntil).toBe(addDays(people.day60.firstPositiveTest, 180));
    expect(utcDay(NOW)).toBe(addDays(people.day60.firstPositiveTest, 60));
  });

  it('lists the invalidation rule among the rules the clerk status says apply now', async () => {
    const unlocked = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
    if (!unlocked.ok) throw new Error(JSON.stringify(unlocked.error));
    const status = await kiosk.api.clerkStatus({ token: unlocked.value.token });
    expect(status.ok && status.value.rules.selected).toContain('IR-DE-0001 1.0.0');
  });
});
