// Schema validation and payload building (docs/dcc-notes.md §1): the official examples and schema tests,
// the checks the schema leaves out (value sets, real dates), 1.3.0 vs current schema, and the
// payload builder's field rules (gn/gnt omitted without a forename, nothing extra).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidDob, isValidFullDate } from '../../core/dcc/dates';
import { buildRecoveryPayload } from '../../core/dcc/payload';
import {
  certificateType,
  validateAgainstSchema,
  validateDccPayload,
  validateRecoveryPayload,
} from '../../core/dcc/schema-validate';
import { sampleInput } from './helpers/fixtures';
import { fixturesDcc } from './helpers/vectors';

const schemaDir = join(fixturesDcc, 'schema');
const jsonFiles = (dir: string) =>
  readdirSync(join(schemaDir, dir)).map(
    (f) => [`${dir}/${f}`, JSON.parse(readFileSync(join(schemaDir, dir, f), 'utf8'))] as const,
  );

describe('official schema examples and tests', () => {
  it.each([...jsonFiles('examples/recovery'), ...jsonFiles('examples/test'), ...jsonFiles('examples/vaccination')])(
    '%s is valid',
    (_f, payload) => {
      expect(validateAgainstSchema(payload).ok).toBe(true);
    },
  );
  it.each(jsonFiles('test/invalid'))('%s is invalid', (_f, payload) => {
    expect(validateAgainstSchema(payload).ok).toBe(false);
  });
  const valid = jsonFiles('test/valid');
  it.each(valid.filter(([, p]) => !JSON.stringify(p).includes('"UNHCR"')))('%s is valid', (_f, payload) => {
    expect(validateAgainstSchema(payload).ok).toBe(true);
  });
  it.each(valid.filter(([, p]) => JSON.stringify(p).includes('"UNHCR"')))(
    '%s: schema-valid, but "UNHCR" is not in the country value set (membership is checked here)',
    (_f, payload) => {
      expect(validateAgainstSchema(payload)).toMatchObject({
        ok: false,
        error: { details: { keyword: 'valueset-uri' } },
      });
    },
  );
  it('schema 1.3.0 (what the kiosk signs) requires fnt; the current schema accepts gnt alone', () => {
    const onlyGiven = jsonFiles('examples/recovery').find(([f]) => f.includes('only-given-name'))![1];
    expect(validateAgainstSchema(onlyGiven, 'latest').ok).toBe(true);
    expect(validateDccPayload(onlyGiven)).toMatchObject({
      ok: false,
      error: { details: { path: '/nam/fnt', keyword: 'required' } },
    });
  });
});

describe('checks beyond the schema', () => {
  const base = () => {
    const p = buildRecoveryPayload(sampleInput);
    if (!p.ok) throw new Error('fixture');
    return JSON.parse(JSON.stringify(p.value)) as Record<string, unknown> & {
      r: [Record<string, unknown>];
      nam: Record<string, unknown>;
    };
  };
  it('dob month and day ranges (the regex alone accepts 1964-13)', () => {
    for (const dob of ['1964-13', '1964-00', '1964-02-30', '1900-02-29', '1964-04-31']) {
      expect(validateRecoveryPayload({ ...base(), dob })).toMatchObject({
        ok: false,
        error: { details: { path: '/dob' } },
      });
    }
    for (const dob of ['', '1964', '1964-02', '2000-02-29', '2099-12-31'])
      expect(validateRecoveryPayload({ ...base(), dob }).ok).toBe(true);
  });
  it('co must be in the value set; the unanchored pattern would accept "Germany"', () => {
    for (const co of ['Germany', 'XY', 'de']) {
      const p = base();
      p.r[0].co = co;
      expect(validateRecoveryPayload(p).ok).toBe(false);
    }
  });
  it('a recovery payload must carry r; v and t alongside are invalid (DGC2)', () => {
    const { r, ...withoutR } = base();
    expect(validateRecoveryPayload(withoutR).ok).toBe(false);
    expect(validateRecoveryPayload({ ...base(), t: [] }).ok).toBe(false);
    expect(certificateType({ ...base(), v: [{}] })).toBeUndefined();
    expect(certificateType(base())).toBe('r');
    void r;
  });
  it('errors carry a JSON path and keyword only, never the offending value', () => {
    const p = base();
    p.nam.fnt = 'Geheim Name';
    const r = validateRecoveryPayload(p);
    expect(r).toEqual({
      ok: false,
      error: { code: 'SCHEMA_INVALID', details: { path: '/nam/fnt', keyword: 'pattern' } },
    });
  });
  it('isValidFullDate and isValidDob agree with the calendar (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        return isValidFullDate(iso) && isValidDob(iso) && isValidDob(iso.slice(0, 7)) && isValidDob(iso.slice(0, 4));
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2099 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const real = new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) === iso;
          return isValidFullDate(iso) === real && isValidDob(iso) === real;
        },
      ),
    );
  });
});

describe('buildRecoveryPayload', () => {
  it('omits gn and gnt when there is no forename', () => {
    const p = buildRecoveryPayload({ ...sampleInput, givenName: '  ' });
    expect(p.ok && p.value.nam).toEqual({ fn: 'Müller-Lüdenscheidt', fnt: 'MUELLER<LUEDENSCHEIDT' });
  });
  it('NFC-normalises and trims printed names', () => {
    const p = buildRecoveryPayload({ ...sampleInput, familyName: ' Mu\u0308ller ', givenName: 'Jo\u0308rg' });
    expect(p.ok && p.value.nam).toEqual({ fn: 'Müller', fnt: 'MUELLER', gn: 'Jörg', gnt: 'JOERG' });
  });
  it('emits exactly ver, nam, dob, r with the seven recovery fields', () => {
    const p = buildRecoveryPayload(sampleInput);
    if (!p.ok) throw new Error(p.error.code);
    expect(Object.keys(p.value)).toEqual(['ver', 'nam', 'dob', 'r']);
    expect(Object.keys(p.value.r[0])).toEqual(['tg', 'fr', 'co', 'is', 'df', 'du', 'ci']);
    expect(p.value.ver).toBe('1.3.0');
    expect(p.value.r[0].tg).toBe('840539006');
  });
  it('accepts YYYY-MM and YYYY dates of birth and the empty (unknown) one', () => {
    for (const dob of ['1964-08', '1964', ''])
      expect(buildRecoveryPayload({ ...sampleInput, dateOfBirth: dob }).ok).toBe(true);
  });
});
