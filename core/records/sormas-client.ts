// SORMAS adapter (docs/record-sources.md): finds the case whose configured field (default externalID) holds the
// Genesenen-ID via POST /cases/specificCase/{searchTerm}, reads the case, its person
// (POST /persons/query), its samples (POST /samples/query/cases) and their pathogen tests
// (POST /pathogentests/query/samples). The family name and date of birth are matched here with
// the kiosk's name-match policy (SORMAS has no such query). The first positive test is the
// sample date of the EARLIEST sample with a positive, non-rejected COVID-19 PCR test; antigen
// and negative tests never count. One deadline (timeoutMs) covers all five requests.
// Constant shape (docs/record-sources.md): every lookup sends the same five requests whatever the
// reason for NOT_FOUND (unknown ID, wrong name or date of birth, no positive PCR); a request whose
// real input is unknown or must not be read (the person of a wrong guess's case, its samples) asks
// for a UUID that matches nothing, so a wrong guess fetches no record. `answerFloorMs` pads a
// no-match answer to a minimum time on top.
import { z } from 'zod';
import { fail, ok } from '../result';
import { createHttpClient, type HttpAnswer, type HttpClientConfig, type JsonRequest } from './http-client';
import { datesOfBirthMatch, familyNamesMatch } from './name-match';
import {
  lookupLabel,
  type RecordFailureCode,
  type RecordLookup,
  type RecordQuery,
  type RecordSource,
} from './record-source';
import { createDeadline } from './deadline';
import {
  sormasBirthDate,
  sormasCalendarDate,
  sormasCaseSchema,
  sormasPathogenTestSchema,
  sormasPersonSchema,
  sormasSampleSchema,
  type SormasIdField,
} from './sormas-dto';

export interface SormasSourceOptions {
  readonly idField: SormasIdField;
  /** IANA zone in which sample instants become calendar dates; default Europe/Berlin. */
  readonly timeZone: string;
  /** A no-match answer takes at least this long (ms); 0 = no floor. */
  readonly answerFloorMs?: number;
}

/** Syntactically a SORMAS UUID; matches no object. */
const NO_UUID = 'XXXXXX-XXXXXX-XXXXXX-XXXXXX';

class Stop {
  constructor(readonly outcome: RecordLookup) {}
}
const stop = (code: RecordFailureCode) => new Stop(fail(code));
const canonical = (s: string | null | undefined) => (s ?? '').replace(/[\s-]/gu, '').toUpperCase();

export function createSormasSource(http: HttpClientConfig, options: SormasSourceOptions): RecordSource {
  const client = createHttpClient(http);
  const log = http.log ?? (() => {});

  const call = async (req: JsonRequest, signal: AbortSignal): Promise<HttpAnswer> => {
    // Every SORMAS call here is a read (the POSTs are queries), so all may be retried.
    const res = await client.request({ ...req, idempotent: true }, signal);
    if (!res.ok) throw stop(res.error);
    return res.value;
  };
  const list = async <T>(schema: z.ZodType<T>, req: JsonRequest, signal: AbortSignal): Promise<T[]> => {
    const parsed = z
      .array(schema)
      .max(1000)
      .safeParse((await call(req, signal)).body);
    if (!parsed.success) {
      log('record-source.schema', { source: 'sormas', operation: req.operation });
      throw stop('SOURCE_BAD_RESPONSE');
    }
    return parsed.data;
  };

  const run = async (query: RecordQuery, signal: AbortSignal): Promise<RecordLookup> => {
    const found = await call(
      {
        method: 'POST',
        path: `cases/specificCase/${encodeURIComponent(query.genesenenId)}`,
        body: {},
        operation: 'find-case',
        responseType: 'text',
      },
      signal,
    );
    const caseUuid = typeof found.body === 'string' ? found.body.trim().replace(/^"|"$/gu, '') : '';
    const known = caseUuid !== '' && caseUuid !== 'null';
    if (known && !/^[A-Za-z0-9-]{1,64}$/u.test(caseUuid)) throw stop('SOURCE_BAD_RESPONSE');

    const [caze] = await list(
      sormasCaseSchema,
      { method: 'POST', path: 'cases/query', body: [known ? caseUuid : NO_UUID], operation: 'read-case' },
      signal,
    );
    // specificCase also matches UUIDs and EPID numbers: insist on the configured field.
    const caseOk =
      known &&
      !!caze &&
      !caze.deleted &&
      canonical(caze[options.idField]) === canonical(query.genesenenId) &&
      (!caze.disease || caze.disease === 'CORONAVIRUS');

    const [person] = await list(
      sormasPersonSchema,
      { method: 'POST', path: 'persons/query', body: [caseOk ? caze!.person.uuid : NO_UUID], operation: 'read-person' },
      signal,
    );
    if (caseOk && person?.pseudonymized) {
      log('record-source.sormas-pseudonymized', { source: 'sormas' }); // the REST user lacks rights
      throw stop('SOURCE_REFUSED');
    }
    const dob = person ? sormasBirthDate(person) : undefined;
    const personOk =
      caseOk &&
      !!person &&
      !!person.lastName &&
      !!dob &&
      familyNamesMatch(query.familyName, person.lastName) &&
      datesOfBirthMatch(query.dateOfBirth, dob);

    const samples = (
      await list(
        sormasSampleSchema,
        {
          method: 'POST',
          path: 'samples/query/cases',
          body: [personOk ? caze!.uuid : NO_UUID],
          operation: 'read-samples',
        },
        signal,
      )
    ).filter((s) => personOk && !s.deleted && (!s.associatedCase || s.associatedCase.uuid === caze!.uuid));
    const tests = await list(
      sormasPathogenTestSchema,
      {
        method: 'POST',
        path: 'pathogentests/query/samples',
        body: samples.length > 0 ? samples.map((s) => s.uuid) : [NO_UUID],
        operation: 'read-tests',
      },
      signal,
    );
    if (!personOk || !person?.lastName || !dob) return ok({ kind: 'no-match' });
    if (samples.length === 0) return noPositivePcr();
    const positiveSamples = new Set(
      tests
        .filter((t) => !t.deleted && t.testType === 'PCR_RT_PCR' && t.testResult === 'POSITIVE')
        .filter((t) => (!t.testedDisease || t.testedDisease === 'CORONAVIRUS') && t.testResultVerified !== false)
        .map((t) => t.sample.uuid),
    );
    const dates: string[] = [];
    for (const s of samples.filter((x) => positiveSamples.has(x.uuid))) {
      const date = s.sampleDateTime == null ? undefined : sormasCalendarDate(s.sampleDateTime, options.timeZone);
      // Skipping an undated sample could pick a later date and extend validity: refuse instead.
      if (!date) {
        log('record-source.sormas-sample-undated', { source: 'sormas' });
        throw stop('SOURCE_BAD_RESPONSE');
      }
      dates.push(date);
    }
    if (dates.length === 0) return noPositivePcr();
    dates.sort();
    return ok({
      kind: 'match',
      record: {
        givenName: person.firstName ?? '',
        familyName: person.lastName,
        dateOfBirth: dob,
        firstPositiveTest: dates[0]!,
      },
    });
  };

  const noPositivePcr = (): RecordLookup => {
    log('record-source.sormas-no-positive-pcr', { source: 'sormas' });
    return ok({ kind: 'no-match' });
  };

  const lookup = async (query: RecordQuery, signal?: AbortSignal): Promise<RecordLookup> => {
    const started = Date.now();
    const deadline = createDeadline(http.timeoutMs, signal);
    let outcome: RecordLookup;
    try {
      outcome = await run(query, deadline.signal);
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      outcome = e.outcome;
    } finally {
      deadline.dispose();
    }
    const floor = options.answerFloorMs ?? 0;
    const rest = started + floor - Date.now();
    if (outcome.ok && outcome.value.kind === 'no-match' && rest > 0) await new Promise((r) => setTimeout(r, rest));
    log('record-source.lookup', { source: 'sormas', outcome: lookupLabel(outcome), durationMs: Date.now() - started });
    return outcome;
  };

  const health: RecordSource['health'] = async (signal) => {
    const res = await client.request(
      { method: 'GET', path: 'info/version', operation: 'health', responseType: 'text' },
      signal,
    );
    if (!res.ok) return res;
    return typeof res.value.body === 'string' && res.value.body.length > 0 ? ok(null) : fail('SOURCE_BAD_RESPONSE');
  };

  const warm = () =>
    void client.warm({ method: 'GET', path: 'info/version', operation: 'warm-up', responseType: 'text' });
  return { kind: 'sormas', lookup, health, warm, close: client.close };
}
