// SORMAS adapter against a fake SORMAS REST server with realistic DTOs: the earliest positive
// COVID-19 PCR sample gives the first positive test (antigen and negative tests ignored), the
// family name and date of birth are matched locally and never sent, and the failure codes.
import { afterEach, describe, expect, it } from 'vitest';
import { createRecordSource, recordSourceConfigSchema } from '../../core/records/record-source-config';
import { lookupLabel, type RecordQuery } from '../../core/records/record-source';
import { caseDto, personDto, sampleDto, startFakeSormas, testDto, type FakeSormasData } from './helpers/fake-sormas';

const ID = 'RZJQMTFB84WV';
const erika: RecordQuery = { genesenenId: ID, familyName: 'Mustermann', dateOfBirth: '1964-08-12' };
const at = (iso: string) => Date.parse(iso);
const auth = { user: 'kiosk-rest', password: 's3cret' };

function scenario(): FakeSormasData {
  const person = personDto({});
  const caze = caseDto(person.uuid, { externalID: ID });
  const antigenEarliest = sampleDto(caze.uuid, at('2021-01-28T09:00:00Z'));
  const pcrNegative = sampleDto(caze.uuid, at('2021-01-30T09:00:00Z'), { pathogenTestResult: 'NEGATIVE' });
  const pcrFirstPositive = sampleDto(caze.uuid, at('2021-02-02T08:00:00Z'));
  const pcrLaterPositive = sampleDto(caze.uuid, at('2021-02-05T08:00:00Z'));
  return {
    cases: [caze],
    persons: [person],
    samples: [pcrLaterPositive, antigenEarliest, pcrFirstPositive, pcrNegative],
    tests: [
      testDto(pcrLaterPositive.uuid, 'PCR_RT_PCR', 'POSITIVE'),
      testDto(antigenEarliest.uuid, 'ANTIGEN_DETECTION', 'POSITIVE'),
      testDto(antigenEarliest.uuid, 'RAPID_TEST', 'POSITIVE'),
      testDto(antigenEarliest.uuid, 'PCR_RT_PCR', 'PENDING'),
      testDto(pcrNegative.uuid, 'PCR_RT_PCR', 'NEGATIVE'),
      testDto(pcrFirstPositive.uuid, 'PCR_RT_PCR', 'POSITIVE'),
    ],
  };
}

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function sormas(
  data: FakeSormasData,
  authConfig: object = { basic: auth },
  serverAuth: object = { basic: auth },
) {
  const fake = await startFakeSormas(data, serverAuth);
  servers.push(fake);
  const events: [string, Record<string, string | number | boolean>][] = [];
  const config = recordSourceConfigSchema.parse({
    kind: 'sormas',
    baseUrl: fake.baseUrl,
    auth: authConfig,
    timeoutMs: 5000,
  });
  const src = createRecordSource(config, { now: () => new Date(), log: (e, f) => events.push([e, f]) });
  return { src, fake, events };
}

describe('SORMAS adapter', () => {
  it('matches and takes the sample date of the earliest positive PCR', async () => {
    const { src } = await sormas(scenario());
    expect(await src.lookup(erika)).toEqual({
      ok: true,
      value: {
        kind: 'match',
        record: {
          givenName: 'Erika',
          familyName: 'Mustermann',
          dateOfBirth: '1964-08-12',
          firstPositiveTest: '2021-02-02',
        },
      },
    });
  });

  it('reads the calendar date in Europe/Berlin (00:30 CET is that day, 23:30 UTC before)', async () => {
    const data = scenario();
    data.samples.find((s) => s.sampleDateTime === at('2021-02-02T08:00:00Z'))!.sampleDateTime =
      at('2021-02-01T23:30:00Z');
    const { src } = await sormas(data);
    const r = await src.lookup(erika);
    expect(r.ok && r.value.kind === 'match' && r.value.record.firstPositiveTest).toBe('2021-02-02');
  });

  it('accepts ISO date strings as well as epoch milliseconds', async () => {
    const data = scenario();
    data.samples.find((s) => s.sampleDateTime === at('2021-02-02T08:00:00Z'))!.sampleDateTime =
      '2021-02-02T08:00:00.000Z';
    const r = await (await sormas(data)).src.lookup(erika);
    expect(r.ok && r.value.kind === 'match' && r.value.record.firstPositiveTest).toBe('2021-02-02');
  });

  it.each([
    ['name variant', { familyName: 'MUSTERMANN' }, 'match'],
    ['wrong family name', { familyName: 'Musterfrau' }, 'no-match'],
    ['wrong date of birth', { dateOfBirth: '1964-08-13' }, 'no-match'],
    ['year only where SORMAS has the full date', { dateOfBirth: '1964' }, 'no-match'],
    ['unknown ID', { genesenenId: 'TN4NW47JXHSX' }, 'no-match'],
  ])('%s → %s', async (_label, change, kind) => {
    const { src } = await sormas(scenario());
    expect(lookupLabel(await src.lookup({ ...erika, ...change }))).toBe(kind);
  });

  it('never sends the family name or date of birth to SORMAS (matched locally)', async () => {
    const { src, fake } = await sormas(scenario());
    await src.lookup(erika);
    expect(fake.requests.map((r) => r.url)).toEqual([
      `/sormas-rest/cases/specificCase/${ID}`,
      '/sormas-rest/cases/query',
      '/sormas-rest/persons/query',
      '/sormas-rest/samples/query/cases',
      '/sormas-rest/pathogentests/query/samples',
    ]);
    const wire = JSON.stringify(fake.requests.map((r) => [r.url, r.body]));
    expect(wire).not.toContain('Mustermann');
    expect(wire).not.toContain('1964');
  });

  it('partial birth dates from SORMAS (year only) match a year-only entry', async () => {
    const data = scenario();
    Object.assign(data.persons[0]!, { birthdateDD: null, birthdateMM: null });
    const r = await (await sormas(data)).src.lookup({ ...erika, dateOfBirth: '1964' });
    expect(r.ok && r.value.kind === 'match' && r.value.record.dateOfBirth).toBe('1964');
  });

  it('a case found by UUID/EPID but without the ID in externalID is not a match', async () => {
    const data = scenario();
    Object.assign(data.cases[0]!, { externalID: null, epidNumber: ID });
    expect(await (await sormas(data)).src.lookup(erika)).toEqual({ ok: true, value: { kind: 'no-match' } });
  });

  it('a non-COVID case is not a match', async () => {
    const data = scenario();
    Object.assign(data.cases[0]!, { disease: 'MEASLES' });
    expect(await (await sormas(data)).src.lookup(erika)).toEqual({ ok: true, value: { kind: 'no-match' } });
  });

  it('only antigen-positive and PCR-negative tests → no-match (logged without personal data)', async () => {
    const data = scenario();
    data.tests = data.tests.filter((t) => !(t.testType === 'PCR_RT_PCR' && t.testResult === 'POSITIVE'));
    const { src, events } = await sormas(data);
    expect(await src.lookup(erika)).toEqual({ ok: true, value: { kind: 'no-match' } });
    expect(events.map(([e]) => e)).toContain('record-source.sormas-no-positive-pcr');
  });

  it('a positive PCR whose result was rejected (testResultVerified false) is ignored', async () => {
    const data = scenario();
    const first = data.samples.find((s) => s.sampleDateTime === at('2021-02-02T08:00:00Z'))!;
    data.tests.find((t) => t.sample.uuid === first.uuid)!.testResultVerified = false;
    const r = await (await sormas(data)).src.lookup(erika);
    expect(r.ok && r.value.kind === 'match' && r.value.record.firstPositiveTest).toBe('2021-02-05');
  });

  it('a positive PCR sample without a date → SOURCE_BAD_RESPONSE (never a later date instead)', async () => {
    const data = scenario();
    data.samples.find((s) => s.sampleDateTime === at('2021-02-02T08:00:00Z'))!.sampleDateTime = null;
    expect(await (await sormas(data)).src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_BAD_RESPONSE' });
  });

  it('a pseudonymised person (REST user lacks rights) → SOURCE_REFUSED', async () => {
    const data = scenario();
    Object.assign(data.persons[0]!, { pseudonymized: true, firstName: null, lastName: null });
    expect(await (await sormas(data)).src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
  });

  it('wrong basic-auth password → SOURCE_REFUSED; bearer auth works', async () => {
    const wrong = await sormas(scenario(), { basic: { ...auth, password: 'nope' } });
    expect(await wrong.src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_REFUSED' });
    const bearer = await sormas(scenario(), { bearerToken: 'tok' }, { bearerToken: 'tok' });
    expect(lookupLabel(await bearer.src.lookup(erika))).toBe('match');
  });

  it('schema-invalid DTO lists → SOURCE_BAD_RESPONSE', async () => {
    const data = scenario();
    (data.persons[0] as Record<string, unknown>).birthdateYYYY = 'neunzehnhundert';
    expect(await (await sormas(data)).src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_BAD_RESPONSE' });
  });

  it('health probe reads /info/version', async () => {
    const { src } = await sormas(scenario());
    expect(await src.health()).toEqual({ ok: true, value: null });
  });
});
