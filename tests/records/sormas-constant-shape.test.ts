// SORMAS lookups tell nothing through their shape or timing (docs/record-sources.md): an unknown ID,
// a known case with a wrong name, and the right person without a positive PCR all answer NOT_FOUND
// with the same request sequence (operation by operation) and, against a fake SORMAS with a fixed
// 100 ms latency per request, the same time within noise. A wrong guess fetches no person record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordSource, recordSourceConfigSchema } from '../../core/records/record-source-config';
import { lookupLabel, type RecordQuery, type RecordSource } from '../../core/records/record-source';
import { caseDto, personDto, sampleDto, startFakeSormas, testDto } from './helpers/fake-sormas';

const auth = { user: 'kiosk-rest', password: 's3cret' };
const CASE_ID = 'RZJQMTFB84WV';
const NO_PCR_ID = 'TN4NW47JXHSX';
const LATENCY = 100;
let fake: Awaited<ReturnType<typeof startFakeSormas>>;
let src: RecordSource;

beforeAll(async () => {
  const erika = personDto({});
  const max = personDto({
    firstName: 'Max',
    lastName: 'Musterfrau',
    birthdateDD: 1,
    birthdateMM: 3,
    birthdateYYYY: 1975,
  });
  const c1 = caseDto(erika.uuid, { externalID: CASE_ID });
  const c2 = caseDto(max.uuid, { externalID: NO_PCR_ID });
  const antigen = sampleDto(c2.uuid, Date.parse('2021-02-02T08:00:00Z'));
  const positive = sampleDto(c1.uuid, Date.parse('2021-02-02T08:00:00Z'));
  fake = await startFakeSormas(
    {
      cases: [c1, c2],
      persons: [erika, max],
      samples: [antigen, positive],
      tests: [testDto(antigen.uuid, 'ANTIGEN_DETECTION', 'POSITIVE'), testDto(positive.uuid, 'PCR_RT_PCR', 'POSITIVE')],
    },
    { basic: auth, latencyMs: LATENCY },
  );
  src = createRecordSource(
    recordSourceConfigSchema.parse({ kind: 'sormas', baseUrl: fake.baseUrl, auth: { basic: auth }, timeoutMs: 5000 }),
    {
      now: () => new Date(),
      log: () => undefined,
    },
  );
});
afterAll(() => fake.close());

const CASES: Record<string, RecordQuery> = {
  unknownId: { genesenenId: '66GG7G7DC9CB', familyName: 'Mustermann', dateOfBirth: '1964-08-12' },
  wrongName: { genesenenId: CASE_ID, familyName: 'Falschnamig', dateOfBirth: '1964-08-12' },
  noPositivePcr: { genesenenId: NO_PCR_ID, familyName: 'Musterfrau', dateOfBirth: '1975-03-01' },
};

async function measure(
  q: RecordQuery,
): Promise<{ ms: number; ops: string[]; outcome: string; personBodies: string[] }> {
  const from = fake.requests.length;
  const t0 = performance.now();
  const r = await src.lookup(q);
  const ms = performance.now() - t0;
  const reqs = fake.requests.slice(from);
  const ops = reqs.map((x) => `${x.method} ${x.url.replace(/specificCase\/.*/u, 'specificCase/*')}`);
  return {
    ms,
    ops,
    outcome: lookupLabel(r),
    personBodies: reqs.filter((x) => x.url.endsWith('/persons/query')).map((x) => x.body),
  };
}

describe('constant-shape SORMAS lookups', () => {
  it('the three NOT_FOUND reasons send the same requests and take the same time', async () => {
    const runs: Record<string, { ms: number[]; ops: string[][]; outcome: string[] }> = {};
    for (let round = 0; round < 7; round++) {
      for (const [name, q] of Object.entries(CASES)) {
        const m = await measure(q);
        runs[name] ??= { ms: [], ops: [], outcome: [] };
        runs[name]!.ms.push(m.ms);
        runs[name]!.ops.push(m.ops);
        runs[name]!.outcome.push(m.outcome);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ref = runs.unknownId!.ops[0]!;
    expect(ref).toHaveLength(5);
    for (const r of Object.values(runs)) {
      expect(r.outcome.every((o) => o === 'no-match')).toBe(true);
      for (const ops of r.ops) expect(ops).toEqual(ref);
    }
    const medians = Object.values(runs).map((r) => median(r.ms));
    // Five round trips of 100 ms each: every case ~500 ms; the old adapter took 1, 3 and 4–5.
    for (const m of medians) expect(m).toBeGreaterThanOrEqual(5 * LATENCY);
    // Within noise: the spread stays under one round trip (the old adapter differed by two to four).
    expect(Math.max(...medians) - Math.min(...medians)).toBeLessThan(LATENCY);
  }, 60_000);

  it('an unknown ID reads no person record; the match still works', async () => {
    const m = await measure(CASES.unknownId!);
    expect(m.personBodies).toEqual(['["XXXXXX-XXXXXX-XXXXXX-XXXXXX"]']);
    const hit = await measure({ genesenenId: CASE_ID, familyName: 'Mustermann', dateOfBirth: '1964-08-12' });
    expect(hit.outcome).toBe('match');
    expect(hit.ops).toEqual(m.ops);
  });

  it('answerFloorMs pads a NOT_FOUND to the floor', async () => {
    const padded = createRecordSource(
      recordSourceConfigSchema.parse({
        kind: 'sormas',
        baseUrl: fake.baseUrl,
        auth: { basic: auth },
        timeoutMs: 5000,
        answerFloorMs: 600,
      }),
      { now: () => new Date(), log: () => undefined },
    );
    const t0 = performance.now();
    expect(lookupLabel(await padded.lookup(CASES.unknownId!))).toBe('no-match');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(595);
  });
});
