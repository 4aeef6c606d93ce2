// The demo health office (docs/record-sources.md, demo mode): fictitious people whose first positive test lies
// at a fixed number of days before `now`, so the demo works on any day and each rule of the
// issuance use case (too early, too late, partial dates of birth, names needing
// transliteration, a person without a given name) can be shown at the kiosk. IDs were generated
// once with the Luhn mod 32 check character and are hard-coded; docs/record-sources.md lists
// the people for reviewers. Nobody here is real.
import type { Fixture } from './fixture';

export interface DemoPerson {
  readonly genesenenId: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly dateOfBirth: string;
  /** Days between the first positive PCR sample and `now`. */
  readonly daysSincePositiveTest: number;
  /** What the demo shows with this person (for the docs table and tests). */
  readonly shows: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    genesenenId: 'RZJQ-MTFB-84WV',
    familyName: 'Mustermann',
    givenName: 'Erika',
    dateOfBirth: '1964-08-12',
    daysSincePositiveTest: 40,
    shows: 'plain case',
  },
  {
    genesenenId: 'TN4N-W47J-XHSX',
    familyName: 'Müller-Lüdenscheidt',
    givenName: 'Max',
    dateOfBirth: '1975-03-01',
    daysSincePositiveTest: 60,
    shows: 'umlauts and hyphen (Mueller-Luedenscheidt, MULLER LUDENSCHEIDT)',
  },
  {
    genesenenId: '66GG-7G7D-C9CB',
    familyName: 'Yılmaz',
    givenName: 'Ayşe',
    dateOfBirth: '1988-11-23',
    daysSincePositiveTest: 35,
    shows: 'dotless ı (Yilmaz, YILMAZ)',
  },
  {
    genesenenId: 'SPYY-7XN2-9WGN',
    familyName: 'Wójcik-Łęcka',
    givenName: 'Zofia',
    dateOfBirth: '1990-02-14',
    daysSincePositiveTest: 90,
    shows: 'Polish letters (Wojcik-Lecka)',
  },
  {
    genesenenId: 'CE56-509G-QXFM',
    familyName: 'Ærø',
    givenName: 'Søren',
    dateOfBirth: '1958-07-30',
    daysSincePositiveTest: 100,
    shows: 'Æ and Ø (Aeroe, Aero)',
  },
  {
    genesenenId: 'DH7X-FDD4-HXD7',
    familyName: 'Петренко',
    givenName: 'Ольга',
    dateOfBirth: '1982-05-05',
    daysSincePositiveTest: 50,
    shows: 'Cyrillic record (Petrenko)',
  },
  {
    genesenenId: '35A9-GEB5-N7FY',
    familyName: 'Gößinger',
    givenName: 'Gregor',
    dateOfBirth: '1969-12-31',
    daysSincePositiveTest: 75,
    shows: 'ö and ß (Goessinger, Gossinger)',
  },
  {
    genesenenId: 'B05D-04KS-W7JA',
    familyName: 'Jahrgangsmann',
    givenName: 'Karl',
    dateOfBirth: '1950',
    daysSincePositiveTest: 45,
    shows: 'birth year only (enter 1950)',
  },
  {
    genesenenId: 'VPKQ-7DPR-5EB7',
    familyName: 'Monatlich',
    givenName: 'Mia',
    dateOfBirth: '1971-09',
    daysSincePositiveTest: 120,
    shows: 'birth year and month only (enter 1971-09)',
  },
  {
    genesenenId: 'KZQS-8EVY-EWVG',
    familyName: 'Einnamig',
    givenName: '',
    dateOfBirth: '1966-01-01',
    daysSincePositiveTest: 30,
    shows: 'no given name',
  },
  {
    genesenenId: 'SBH5-5915-PWWY',
    familyName: 'Frühzeitig',
    givenName: 'Frieda',
    dateOfBirth: '1993-04-18',
    daysSincePositiveTest: 10,
    shows: 'positive test too recent: TOO_EARLY',
  },
  {
    genesenenId: '0Y3P-4BPC-TM2D',
    familyName: 'Längstvergangen',
    givenName: 'Otto',
    dateOfBirth: '1947-10-09',
    daysSincePositiveTest: 200,
    shows: 'positive test too old: TOO_LATE',
  },
  {
    genesenenId: 'N21D-YJJR-BSK2',
    familyName: "O'Demo-Smith",
    givenName: 'Siobhán',
    dateOfBirth: '2001-06-21',
    daysSincePositiveTest: 150,
    shows: "apostrophe (ODemo Smith, O'DEMO SMITH)",
  },
];

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of `days` calendar days before `now` (UTC calendar; offsets avoid boundaries). */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

export function demoFixture(now: Date): Fixture {
  return {
    records: DEMO_PEOPLE.map((p) => ({
      genesenenId: p.genesenenId.replaceAll('-', ''),
      familyName: p.familyName,
      givenName: p.givenName,
      dateOfBirth: p.dateOfBirth,
      firstPositiveTest: daysBefore(now, p.daysSincePositiveTest),
    })),
  };
}
