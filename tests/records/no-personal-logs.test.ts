// Nothing personal reaches the logs (brief: "no name, date of birth in logs"): every lookup
// outcome of every adapter is logged, and no log line contains the family name, given name,
// date of birth (any part) or the Genesenen-ID that was used.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFixture } from '../../core/records/demo-records';
import {
  createRecordSource,
  recordSourceConfigSchema,
  type RecordSourceLog,
} from '../../core/records/record-source-config';
import type { RecordQuery } from '../../core/records/record-source';
import { startSimulator, type RunningSimulator } from '../../core/records/simulator';
import { caseDto, personDto, sampleDto, startFakeSormas, testDto } from './helpers/fake-sormas';
import { closedPort } from './helpers/servers';

const now = new Date('2021-06-15T10:00:00Z');
const max: RecordQuery = { genesenenId: 'TN4NW47JXHSX', familyName: 'Müller-Lüdenscheidt', dateOfBirth: '1975-03-01' };
const FORBIDDEN = ['Müller', 'Mueller', 'MULLER', 'Lüdenscheidt', 'Max', '1975', '03-01', 'TN4N', 'W47J', 'XHSX'];

const lines: string[] = [];
const log: RecordSourceLog = (event, fields) => lines.push(`${event} ${JSON.stringify(fields)}`);

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ fixture: demoFixture(now) });
});
afterAll(() => sim.close());

describe('log lines carry no personal data', () => {
  it('across match, no-match and every failure, for every adapter', { timeout: 30_000 }, async () => {
    const queries = [max, { ...max, familyName: 'Mueller-Luedenscheidt' }, { ...max, dateOfBirth: '1975-03-02' }];
    const viaSim = createRecordSource({ kind: 'simulator' }, { now: () => now, simulatorUrl: sim.url, log });
    const inProcess = createRecordSource({ kind: 'simulator' }, { now: () => now, log });
    for (const q of queries) {
      await viaSim.lookup(q);
      await inProcess.lookup(q);
    }
    for (const mode of ['http500', 'malformed', 'oversized', 'refuse401', 'timeout'] as const) {
      sim.setFaults({ mode });
      const dikoma = createRecordSource(
        recordSourceConfigSchema.parse({ kind: 'dikoma', baseUrl: sim.url, timeoutMs: 300, retries: 1 }),
        { now: () => now, log },
      );
      await dikoma.lookup(max);
    }
    sim.setFaults({ mode: 'none' });
    const refused = createRecordSource(
      recordSourceConfigSchema.parse({ kind: 'dikoma', baseUrl: `http://127.0.0.1:${await closedPort()}`, retries: 0 }),
      { now: () => now, log },
    );
    await refused.lookup(max);

    const person = personDto({
      firstName: 'Max',
      lastName: 'Müller-Lüdenscheidt',
      birthdateDD: 1,
      birthdateMM: 3,
      birthdateYYYY: 1975,
    });
    const caze = caseDto(person.uuid, { externalID: max.genesenenId });
    const sample = sampleDto(caze.uuid, Date.parse('2021-05-01T08:00:00Z'));
    const fake = await startFakeSormas({
      cases: [caze],
      persons: [person],
      samples: [sample],
      tests: [testDto(sample.uuid, 'PCR_RT_PCR', 'POSITIVE')],
    });
    try {
      const sormas = createRecordSource(
        recordSourceConfigSchema.parse({ kind: 'sormas', baseUrl: fake.baseUrl, auth: { bearerToken: 'x' } }),
        { now: () => now, log },
      );
      for (const q of queries) await sormas.lookup(q);
    } finally {
      await fake.close();
    }

    const outcomes = new Set(
      lines
        .filter((l) => l.startsWith('record-source.lookup'))
        .map((l) => JSON.parse(l.slice(l.indexOf(' ') + 1)).outcome),
    );
    expect(outcomes).toEqual(
      new Set(['match', 'no-match', 'SOURCE_BAD_RESPONSE', 'SOURCE_REFUSED', 'SOURCE_TIMEOUT', 'SOURCE_UNREACHABLE']),
    );
    for (const line of lines) for (const word of FORBIDDEN) expect(line, line).not.toContain(word);
  });
});
