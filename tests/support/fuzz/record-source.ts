// Fuzzing the health office's answers (docs/reliability.md; core/records): a server returning arbitrary
// status codes, content types and bytes — random bytes, any JSON, the contract's answer with
// fields swapped for garbage, "matches" for arbitrary people — to the DiKoMa client; and a fake
// SORMAS whose DTOs get any field replaced or removed. lookup() must resolve (never throw) to
// match, no-match or a failure with one of the four SOURCE_* codes, and a match must be the
// person that was asked for (the kiosk re-checks what a server claims).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { datesOfBirthMatch, familyNamesMatch } from '../../../core/records/name-match';
import { createDikomaSource } from '../../../core/records/dikoma-client';
import { lookupLabel, type RecordLookup } from '../../../core/records/record-source';
import { createRecordSource, recordSourceConfigSchema } from '../../../core/records/record-source-config';
import { caseDto, personDto, sampleDto, testDto, type FakeSormasData } from '../../records/helpers/fake-sormas';
import { sendJson, startRawServer, type RawServer } from '../../records/helpers/servers';
import { countCases, runs } from '../fuzz-budget';

const FAILURES = ['SOURCE_UNREACHABLE', 'SOURCE_TIMEOUT', 'SOURCE_BAD_RESPONSE', 'SOURCE_REFUSED'];
const query = { genesenenId: 'RZJQMTFB84WV', familyName: 'Mustermann', dateOfBirth: '1964-08-12' };

const seen: Record<string, number> = {};
function expectLookup(r: RecordLookup): void {
  const label = lookupLabel(r);
  seen[label] = (seen[label] ?? 0) + 1;
  if (!r.ok) expect(FAILURES).toContain(r.error);
  else expect(['match', 'no-match']).toContain(r.value.kind);
  if (r.ok && r.value.kind === 'match') {
    const { record } = r.value;
    expect(familyNamesMatch(query.familyName, record.familyName)).toBe(true);
    expect(datesOfBirthMatch(query.dateOfBirth, record.dateOfBirth)).toBe(true);
    expect(record.firstPositiveTest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  }
}

const person = fc.record({
  givenName: fc.oneof(fc.string({ maxLength: 20 }), fc.constant('Erika')),
  familyName: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('Mustermann', 'MUSTERMANN', 'Musterfrau', '')),
  dateOfBirth: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('1964-08-12', '1964-08', '1964', '1964-08-13')),
});
const matchBody = fc.record({
  result: fc.oneof(fc.constantFrom('match', 'no-match'), fc.string({ maxLength: 8 })),
  person: fc.oneof(person, fc.jsonValue({ maxDepth: 2 })),
  firstPositivePcrDate: fc.oneof(fc.constantFrom('2021-05-06', '2021-02-30', '21-05-06'), fc.string({ maxLength: 12 })),
});

export function fuzzRecordSources(): void {
  let dikoma: RawServer;
  let reply: { status: number; type: string; body: Buffer } = {
    status: 200,
    type: 'application/json',
    body: Buffer.from('{}'),
  };
  const sormasData: FakeSormasData = { cases: [], persons: [], samples: [], tests: [] };
  let sormasCaseUuid: unknown = '';
  let sormas: RawServer;
  beforeAll(async () => {
    dikoma = await startRawServer((_req, _body, res) => {
      res.writeHead(reply.status, { 'content-type': reply.type, 'content-length': reply.body.length });
      res.end(reply.body);
    });
    // Routed by path only, so any DTO content (even without uuids) is served as it is.
    sormas = await startRawServer((req, _body, res) => {
      const path = req.url ?? '';
      if (path.includes('/cases/specificCase/'))
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end(String(sormasCaseUuid));
      if (path.endsWith('/cases/query')) return sendJson(res, 200, sormasData.cases);
      if (path.endsWith('/persons/query')) return sendJson(res, 200, sormasData.persons);
      if (path.endsWith('/samples/query/cases')) return sendJson(res, 200, sormasData.samples);
      if (path.endsWith('/pathogentests/query/samples')) return sendJson(res, 200, sormasData.tests);
      sendJson(res, 404, {});
    });
  });
  afterAll(async () => {
    await dikoma?.close();
    await sormas?.close();
  });

  describe('record sources (DiKoMa client, SORMAS adapter)', () => {
    it(
      'DiKoMa: any status, type and body → match of the asked person, no-match or a SOURCE_* failure',
      { timeout: 600_000 },
      async () => {
        const numRuns = runs(200, 6_000);
        const source = createDikomaSource({ source: 'dikoma', baseUrl: dikoma.url, timeoutMs: 3000, retries: 0 });
        const body = fc.oneof(
          fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
          fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
          matchBody.map((v) => Buffer.from(JSON.stringify(v))),
          fc
            .constantFrom('', 'null', '[]', '{"result":"match"}', '\ufeff{"result":"no-match"}')
            .map((s) => Buffer.from(s)),
        );
        const status = fc.oneof(
          fc.constant(200),
          fc.constant(200),
          fc.integer({ min: 100, max: 599 }).filter((s) => s !== 101 && s >= 200),
        );
        await fc.assert(
          fc.asyncProperty(
            status,
            fc.constantFrom('application/json', 'text/html', 'application/octet-stream'),
            body,
            async (s, type, b) => {
              reply = { status: s, type, body: b };
              expectLookup(await source.lookup(query));
            },
          ),
          { numRuns },
        );
        countCases('record source: DiKoMa answers', numRuns);
      },
    );

    it(
      'SORMAS: any field of any DTO replaced or removed → match of the asked person, no-match or a failure',
      { timeout: 600_000 },
      async () => {
        const numRuns = runs(100, 2_000);
        const config = recordSourceConfigSchema.parse({
          kind: 'sormas',
          baseUrl: `${sormas.url}/sormas-rest`,
          auth: { bearerToken: 't' },
          timeoutMs: 3000,
          retries: 0,
        });
        const source = createRecordSource(config, { now: () => new Date() });
        const dtoKind = fc.constantFrom('cases', 'persons', 'samples', 'tests') as fc.Arbitrary<keyof FakeSormasData>;
        await fc.assert(
          fc.asyncProperty(
            dtoKind,
            fc.string({ maxLength: 24 }),
            fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)),
            fc.nat(),
            async (kind, field, value, pick) => {
              const p = personDto({});
              const c = caseDto(p.uuid, { externalID: query.genesenenId });
              const sample = sampleDto(c.uuid, Date.UTC(2021, 4, 6, 10));
              Object.assign(sormasData, {
                persons: [p],
                cases: [c],
                samples: [sample],
                tests: [testDto(sample.uuid, 'PCR_RT_PCR', 'POSITIVE')],
              });
              sormasCaseUuid = c.uuid;
              const target = sormasData[kind][0] as Record<string, unknown>;
              const keys = Object.keys(target);
              const key = pick % 3 === 0 ? field : keys[pick % keys.length]!;
              if (value === undefined) delete target[key];
              else target[key] = value;
              expectLookup(await source.lookup(query));
            },
          ),
          { numRuns },
        );
        countCases('record source: SORMAS DTOs', numRuns);
        console.info('record source fuzz outcomes:', JSON.stringify(seen));
        expect(seen.match).toBeGreaterThan(0);
      },
    );
  });
}
