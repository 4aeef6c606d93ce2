// Schema validation of DCC payloads (docs/dcc-notes.md §1): the official JSON schema compiled with
// Ajv2020 {strict:false} + ajv-formats (the schema uses the custom `valueset-uri` keyword and
// `format: date`), plus what the schema leaves out: value-set membership and real calendar dates
// for `dob`. Errors name the failing JSON path and keyword, never the value (it may be personal).
import Ajv2020 from 'ajv/dist/2020';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { err, ok, type Result } from '../result';
import { isValidDob } from './dates';
import type { RecoveryPayload } from './types';
import { isInValueSet } from './valuesets';
import schema130 from './schema/1.3.0/DCC.combined-schema.json';
import schemaLatest from './schema/DCC.combined-schema.json';

/** '1.3.0' = what the kiosk emits (`fnt` required); 'latest' = 1.3.3 (`fnt` or `gnt`). */
export type SchemaVersion = '1.3.0' | 'latest';

function compile(schema: object): ValidateFunction {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  ajv.addKeyword({
    keyword: 'valueset-uri',
    type: 'string',
    schemaType: 'string',
    errors: false,
    validate: (uri: string, data: string) => isInValueSet(uri, data),
  });
  return ajv.compile(schema);
}

const validators = new Map<SchemaVersion, ValidateFunction>();
function validatorFor(version: SchemaVersion): ValidateFunction {
  let v = validators.get(version);
  if (!v) {
    v = compile(version === '1.3.0' ? schema130 : schemaLatest);
    validators.set(version, v);
  }
  return v;
}

/**
 * Compiles both schema validators now instead of at the first certificate (about a second on a
 * kiosk PC, docs/performance.md): the kiosk calls it right after start-up, while the welcome screen
 * waits for its first citizen.
 */
export function compileSchemaValidators(): void {
  validatorFor('1.3.0');
  validatorFor('latest');
}

function describe(e: ErrorObject | undefined): Record<string, string> {
  if (!e) return { path: '', keyword: 'unknown' };
  const missing =
    e.keyword === 'required' ? `/${String((e.params as { missingProperty?: unknown }).missingProperty)}` : '';
  return { path: `${e.instancePath}${missing}`, keyword: e.keyword };
}

/**
 * Validates any DCC payload (vaccination, test or recovery) against the schema `version`
 * (default 'latest', for judging certificates of other issuers) plus value sets and `dob` dates.
 */
export function validateAgainstSchema(payload: unknown, version: SchemaVersion = 'latest'): Result<unknown> {
  const validate = validatorFor(version);
  if (!validate(payload)) return err('SCHEMA_INVALID', describe(validate.errors?.[0]));
  const dob = (payload as { dob?: unknown }).dob;
  if (typeof dob === 'string' && !isValidDob(dob)) return err('SCHEMA_INVALID', { path: '/dob', keyword: 'date' });
  return ok(payload);
}

/** What the kiosk may sign: a DCC valid against schema 1.3.0 (the version it emits). */
export function validateDccPayload(payload: unknown): Result<RecoveryPayload | unknown> {
  return validateAgainstSchema(payload, '1.3.0');
}

/** A schema-1.3.0-valid DCC that is a recovery certificate (carries `r`, hence no `v`/`t`). */
export function validateRecoveryPayload(payload: unknown): Result<RecoveryPayload> {
  const valid = validateDccPayload(payload);
  if (!valid.ok) return valid;
  if (!Array.isArray((payload as { r?: unknown }).r)) return err('SCHEMA_INVALID', { path: '/r', keyword: 'required' });
  return ok(payload as RecoveryPayload);
}

/** Which certificate group a (schema-valid) payload carries: 'v', 't' or 'r'; undefined otherwise. */
export function certificateType(payload: unknown): 'v' | 't' | 'r' | undefined {
  if (payload === null || typeof payload !== 'object') return undefined;
  const groups = (['v', 't', 'r'] as const).filter((k) => k in payload);
  return groups.length === 1 ? groups[0] : undefined;
}
