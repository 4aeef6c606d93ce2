// The record fixture: the file the simulator (demo mode, tests, `npm run sim`) serves instead of
// a real health office. Format (kept stable; documented in docs/record-sources.md):
//   { "records": [ { "genesenenId", "familyName", "givenName", "dateOfBirth", "firstPositiveTest" } ] }
// IDs may be written as on the letter (with hyphens, any case); they are stored canonical.
// `findInFixture` is the one matching rule shared by the in-process source and the simulator.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { IdFormat } from '../id/genesenen-id';
import { err, ok, type Result } from '../result';
import { datesOfBirthMatch, familyNamesMatch } from './name-match';
import type { RecordQuery, RecoveryRecord } from './record-source';

const isCalendarDate = (s: string): boolean => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine(isCalendarDate, 'not a calendar date');

/** YYYY-MM-DD, YYYY-MM or YYYY (partial dates of birth exist, DCC schema 1.3.0 `dob`). */
export const dateOfBirthSchema = z.union([
  isoDateSchema,
  z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  z.string().regex(/^\d{4}$/),
]);

const canonicalId = (raw: string): string =>
  raw
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015]/gu, '')
    .toUpperCase();

export const fixtureRecordSchema = z.strictObject({
  genesenenId: z.string().min(1).max(64).transform(canonicalId),
  familyName: z.string().min(1).max(200),
  /** May be empty: some people have no given name. */
  givenName: z.string().max(200),
  dateOfBirth: dateOfBirthSchema,
  firstPositiveTest: isoDateSchema,
});

export const fixtureSchema = z
  .strictObject({ records: z.array(fixtureRecordSchema).max(1_000_000) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.records.forEach((r, i) => {
      if (seen.has(r.genesenenId))
        ctx.addIssue({ code: 'custom', path: ['records', i, 'genesenenId'], message: 'duplicate ID' });
      seen.add(r.genesenenId);
    });
  });

export type Fixture = z.output<typeof fixtureSchema>;
export type FixtureRecord = Fixture['records'][number];

/**
 * Validates parsed JSON. With `idFormat`, every ID must also pass that format's check (so a
 * fixture cannot hold IDs the kiosk would reject before lookup). Error details name only the
 * failing record index and field, never a value.
 */
export function parseFixture(json: unknown, idFormat?: IdFormat): Result<Fixture> {
  const parsed = fixtureSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err('CONFIG_INVALID', { reason: 'fixture-schema', at: (issue?.path ?? []).join('.') });
  }
  if (idFormat) {
    for (const [i, r] of parsed.data.records.entries()) {
      const id = idFormat.normalize(r.genesenenId);
      if (!id.ok) return err('CONFIG_INVALID', { reason: 'fixture-id', at: `records.${i}.genesenenId` });
    }
  }
  return ok(parsed.data);
}

export function loadFixture(path: string, idFormat?: IdFormat): Result<Fixture> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return err('CONFIG_INVALID', { reason: 'fixture-unreadable' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err('CONFIG_INVALID', { reason: 'fixture-not-json' });
  }
  return parseFixture(json, idFormat);
}

/** Index by canonical ID so a lookup is O(1) even for a large fixture. */
export function indexFixture(fixture: Fixture): ReadonlyMap<string, FixtureRecord> {
  return new Map(fixture.records.map((r) => [r.genesenenId, r]));
}

/** A match needs the ID, the family name (name-match policy) and the exact date of birth. */
export function findInFixture(
  index: ReadonlyMap<string, FixtureRecord>,
  query: RecordQuery,
): RecoveryRecord | undefined {
  const r = index.get(canonicalId(query.genesenenId));
  if (!r) return undefined;
  if (!familyNamesMatch(query.familyName, r.familyName) || !datesOfBirthMatch(query.dateOfBirth, r.dateOfBirth))
    return undefined;
  return {
    givenName: r.givenName,
    familyName: r.familyName,
    dateOfBirth: r.dateOfBirth,
    firstPositiveTest: r.firstPositiveTest,
  };
}
