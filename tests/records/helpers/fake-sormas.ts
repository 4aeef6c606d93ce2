// A fake SORMAS REST server on 127.0.0.1 for the adapter tests: the five endpoints the kiosk
// uses (CaseResource specificCase + query, PersonResource query, SampleResource query/cases,
// PathogenTestResource query/samples, InfoResource version), basic/bearer auth, and DTOs shaped
// like SORMAS's (uuid format, epoch-millisecond dates, reference DTOs with captions, extra
// fields the kiosk must ignore). specificCase, like SORMAS, matches uuid, EPID number OR
// external ID and answers the bare UUID as text (or 204 when nothing matches).
import type { SormasCase, SormasPathogenTest, SormasPerson, SormasSample } from '../../../core/records/sormas-dto';
import { sendJson, startRawServer, type RawServer } from './servers';

export interface FakeSormasData {
  cases: (SormasCase & Record<string, unknown>)[];
  persons: (SormasPerson & Record<string, unknown>)[];
  samples: (SormasSample & Record<string, unknown>)[];
  tests: (SormasPathogenTest & Record<string, unknown>)[];
}

export interface FakeSormasOptions {
  readonly basic?: { user: string; password: string };
  readonly bearerToken?: string;
  /** Fixed delay before every answer (timing tests). */
  readonly latencyMs?: number;
}

const byUuid = <T extends { uuid: string }>(items: T[], uuids: unknown): T[] =>
  Array.isArray(uuids) ? items.filter((i) => uuids.includes(i.uuid)) : [];

export async function startFakeSormas(
  data: FakeSormasData,
  opts: FakeSormasOptions = {},
): Promise<RawServer & { baseUrl: string }> {
  const expectedAuth = opts.basic
    ? `Basic ${Buffer.from(`${opts.basic.user}:${opts.basic.password}`).toString('base64')}`
    : opts.bearerToken
      ? `Bearer ${opts.bearerToken}`
      : undefined;
  const server = await startRawServer((req, body, res) => {
    if (opts.latencyMs) setTimeout(() => answer(req, body, res), opts.latencyMs);
    else answer(req, body, res);
  });
  function answer(
    req: Parameters<Parameters<typeof startRawServer>[0]>[0],
    body: string,
    res: Parameters<Parameters<typeof startRawServer>[0]>[2],
  ): void {
    if (expectedAuth && req.headers.authorization !== expectedAuth) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="sormas-rest"' });
      res.end();
      return;
    }
    const path = decodeURIComponent((req.url ?? '').replace(/^\/sormas-rest/, ''));
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : undefined;
    } catch {
      sendJson(res, 400, { message: 'bad json' });
      return;
    }
    const specific = /^\/cases\/specificCase\/(.+)$/.exec(path);
    if (req.method === 'POST' && specific) {
      const term = specific[1]!;
      const found = data.cases.find((c) => c.uuid === term || c.epidNumber === term || c.externalID === term);
      if (!found) {
        res.writeHead(204);
        res.end();
      } else {
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(found.uuid); // JAX-RS writes a String entity unquoted
      }
      return;
    }
    if (req.method === 'GET' && path === '/info/version') {
      res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
      res.end('1.89.0');
      return;
    }
    if (req.method !== 'POST') return sendJson(res, 405, {});
    if (path === '/cases/query') return sendJson(res, 200, byUuid(data.cases, json));
    if (path === '/persons/query') return sendJson(res, 200, byUuid(data.persons, json));
    if (path === '/samples/query/cases') {
      const cases = Array.isArray(json) ? json : [];
      return sendJson(
        res,
        200,
        data.samples.filter((s) => s.associatedCase && cases.includes(s.associatedCase.uuid)),
      );
    }
    if (path === '/pathogentests/query/samples') {
      const samples = Array.isArray(json) ? json : [];
      return sendJson(
        res,
        200,
        data.tests.filter((t) => samples.includes(t.sample.uuid)),
      );
    }
    sendJson(res, 404, {});
  }
  return { ...server, baseUrl: `${server.url}/sormas-rest` };
}

// --- realistic DTO builders -------------------------------------------------------------------

let counter = 0;
/** SORMAS-style UUID: 4 groups of base32 characters. */
export const sormasUuid = (): string => {
  counter++;
  const part = (n: number) => (counter * 7919 + n * 104729).toString(36).toUpperCase().padStart(6, 'X').slice(-6);
  return `${part(1)}-${part(2)}-${part(3)}-${part(4)}AB`;
};

const audit = () => ({
  creationDate: 1_612_000_000_000,
  changeDate: 1_613_000_000_000,
  pseudonymized: false,
  inJurisdiction: true,
});

export function caseDto(personUuid: string, fields: Partial<SormasCase> = {}) {
  return {
    ...audit(),
    uuid: sormasUuid(),
    disease: 'CORONAVIRUS',
    diseaseVariant: null,
    caseClassification: 'CONFIRMED',
    investigationStatus: 'DONE',
    outcome: 'RECOVERED',
    person: { uuid: personUuid, caption: 'MUSTERMANN, Erika', firstName: 'Erika', lastName: 'Mustermann' },
    reportDate: 1_611_900_000_000,
    responsibleRegion: { uuid: 'REGION-UUID', caption: 'Nordrhein-Westfalen' },
    externalID: null,
    externalToken: null,
    epidNumber: 'DEU-NRW-KOE-21-00001',
    ...fields,
  };
}

export function personDto(fields: Partial<SormasPerson>) {
  return {
    ...audit(),
    uuid: sormasUuid(),
    firstName: 'Erika',
    lastName: 'Mustermann',
    salutation: null,
    sex: 'FEMALE',
    birthdateDD: 12,
    birthdateMM: 8,
    birthdateYYYY: 1964,
    presentCondition: 'ALIVE',
    address: { uuid: 'ADDR-UUID', city: 'Köln', street: 'Musterstraße', houseNumber: '1' },
    ...fields,
  };
}

export function sampleDto(
  caseUuid: string,
  sampleDateTime: number | string | null,
  fields: Partial<SormasSample> & Record<string, unknown> = {},
) {
  return {
    ...audit(),
    uuid: sormasUuid(),
    associatedCase: { uuid: caseUuid, caption: 'Erika MUSTERMANN (DEU-NRW-KOE-21-00001)' },
    sampleDateTime,
    sampleMaterial: 'NASAL_SWAB',
    samplePurpose: 'EXTERNAL',
    lab: { uuid: 'LAB-UUID', caption: 'Labor Köln' },
    pathogenTestResult: 'POSITIVE',
    ...fields,
  };
}

export function testDto(
  sampleUuid: string,
  testType: string,
  testResult: string,
  fields: Partial<SormasPathogenTest> = {},
) {
  return {
    ...audit(),
    uuid: sormasUuid(),
    sample: { uuid: sampleUuid },
    testedDisease: 'CORONAVIRUS',
    testType,
    testDateTime: 1_612_300_000_000,
    lab: { uuid: 'LAB-UUID', caption: 'Labor Köln' },
    testResult,
    testResultText: '',
    testResultVerified: true,
    fourFoldIncreaseAntibodyTiter: false,
    cqValue: testType === 'PCR_RT_PCR' ? 24.5 : null,
    ...fields,
  };
}
