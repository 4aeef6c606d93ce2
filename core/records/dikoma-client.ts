// DiKoMa adapter (docs/record-sources.md): asks the health office's DiKoMa system whether ID + family name +
// date of birth denote a recorded recovery, over the contract in docs/dikoma-openapi.yaml
// (POST /v1/recovery-lookups, GET /v1/health). The server does the matching; the kiosk checks
// the returned person against what was typed again (name-match policy, exact date of birth) so
// a too-lenient server can never make the kiosk issue a certificate for someone else's record.
// Also used for the simulator, which speaks the same contract.
import { createHttpClient, type HttpClientConfig } from './http-client';
import {
  DIKOMA_HEALTH_PATH,
  DIKOMA_LOOKUP_PATH,
  dikomaHealthResponseSchema,
  dikomaLookupResponseSchema,
} from './dikoma-contract';
import { datesOfBirthMatch, familyNamesMatch } from './name-match';
import { fail, ok } from '../result';
import { lookupLabel, type RecordLookup, type RecordQuery, type RecordSource } from './record-source';

export function createDikomaSource(config: HttpClientConfig, kind = 'dikoma'): RecordSource {
  const client = createHttpClient(config);
  const log = config.log ?? (() => {});

  const lookup = async (query: RecordQuery, signal?: AbortSignal): Promise<RecordLookup> => {
    const started = Date.now();
    const done = (outcome: RecordLookup): RecordLookup => {
      log('record-source.lookup', { source: kind, outcome: lookupLabel(outcome), durationMs: Date.now() - started });
      return outcome;
    };
    const res = await client.request(
      {
        method: 'POST',
        path: DIKOMA_LOOKUP_PATH,
        operation: 'lookup',
        idempotent: true, // a read: the server changes nothing
        body: { genesenenId: query.genesenenId, familyName: query.familyName, dateOfBirth: query.dateOfBirth },
      },
      signal,
    );
    if (!res.ok) return done(res);
    const parsed = dikomaLookupResponseSchema.safeParse(res.value.body);
    if (!parsed.success || res.value.status !== 200) {
      log('record-source.schema', { source: kind, operation: 'lookup', status: res.value.status });
      return done(fail('SOURCE_BAD_RESPONSE'));
    }
    const body = parsed.data;
    if (body.result === 'no-match') return done(ok({ kind: 'no-match' }));
    const { person } = body;
    if (
      !familyNamesMatch(query.familyName, person.familyName) ||
      !datesOfBirthMatch(query.dateOfBirth, person.dateOfBirth)
    ) {
      log('record-source.match-rejected', { source: kind });
      return done(ok({ kind: 'no-match' }));
    }
    return done(
      ok({
        kind: 'match',
        record: {
          givenName: person.givenName,
          familyName: person.familyName,
          dateOfBirth: person.dateOfBirth,
          firstPositiveTest: body.firstPositivePcrDate,
        },
      }),
    );
  };

  const health: RecordSource['health'] = async (signal) => {
    const res = await client.request({ method: 'GET', path: DIKOMA_HEALTH_PATH, operation: 'health' }, signal);
    if (!res.ok) return res;
    return dikomaHealthResponseSchema.safeParse(res.value.body).success ? ok(null) : fail('SOURCE_BAD_RESPONSE');
  };

  const warm = () => void client.warm({ method: 'GET', path: DIKOMA_HEALTH_PATH, operation: 'warm-up' });
  return { kind, lookup, health, warm, close: client.close };
}
