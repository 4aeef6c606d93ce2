// Fictitious people for the browser suites: fresh valid Genesenen-IDs (core's own
// generator, Luhn mod 32), so every test issues to people nobody issued to before; plus the
// rule cases (first positive test too recent / too long ago / so long ago that the certificate
// would be accepted only a few more days). Nobody here is real.
import { createIdFormat } from '../../../core/id/genesenen-id';
import type { Fixture } from '../../../core/records/fixture';
import type { Person } from './flow';

const DAY_MS = 86_400_000;
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
const idFormat = createIdFormat();

export interface TestPerson extends Person {
  readonly givenName: string;
}

const FAMILY = ['Beispiel', 'Probst', 'Quast', 'Ulbrich', 'Vogt', 'Wendt', 'Zeller', 'Xander', 'Yildiz', 'Ahrens'];

/** `count` ordinary people (positive test 40 days ago), distinct IDs and names. */
export function makePeople(count: number, prefix = 'Test'): TestPerson[] {
  const people: TestPerson[] = [];
  const seen = new Set<string>();
  while (people.length < count) {
    const id = idFormat.generate();
    if (seen.has(id)) continue;
    seen.add(id);
    const i = people.length;
    people.push({
      genesenenId: id,
      familyName: `${FAMILY[i % FAMILY.length]}-${prefix}${String.fromCharCode(97 + (i % 26))}`,
      givenName: 'Kim',
      dateOfBirth: `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
    });
  }
  return people;
}

/** Days after the positive test at which, under the default rules, fewer than 7 days of
 *  acceptance remain (du = fr + 180): the kiosk asks before issuing (docs/business-rules.md). */
export const SHORT_ACCEPTANCE_DAY = 176;

export function fixtureFor(
  now: Date,
  ordinary: readonly TestPerson[],
  rules: { tooEarly?: TestPerson; tooLate?: TestPerson; shortAcceptance?: readonly TestPerson[] } = {},
): Fixture {
  const record = (p: TestPerson, days: number) => ({
    genesenenId: p.genesenenId.replaceAll('-', ''),
    familyName: p.familyName,
    givenName: p.givenName,
    dateOfBirth: p.dateOfBirth,
    firstPositiveTest: daysAgo(now, days),
  });
  return {
    records: [
      ...ordinary.map((p) => record(p, 40)),
      ...(rules.tooEarly ? [record(rules.tooEarly, 10)] : []),
      ...(rules.tooLate ? [record(rules.tooLate, 200)] : []),
      ...(rules.shortAcceptance ?? []).map((p) => record(p, SHORT_ACCEPTANCE_DAY)),
    ],
  };
}
