// The parts of SORMAS REST DTOs the kiosk reads (SORMAS-Project, sormas-api: CaseDataDto,
// PersonDto, SampleDto, PathogenTestDto; resources CaseResource, PersonResource,
// SampleResource, PathogenTestResource). Only the fields we use are declared; others pass.
// SORMAS serialises java.util.Date as epoch milliseconds (Jackson default); ISO strings are
// accepted too. Enum values: PathogenTestType.PCR_RT_PCR, PathogenTestResultType.POSITIVE,
// Disease.CORONAVIRUS.
import { z } from 'zod';

const reference = z.object({ uuid: z.string().min(1).max(64) });
const sormasDate = z.union([z.number().finite(), z.string().max(40)]);

export const sormasCaseSchema = z.object({
  uuid: z.string().min(1).max(64),
  disease: z.string().nullish(),
  person: reference,
  externalID: z.string().nullish(),
  externalToken: z.string().nullish(),
  epidNumber: z.string().nullish(),
  deleted: z.boolean().nullish(),
});

export const sormasPersonSchema = z.object({
  uuid: z.string().min(1).max(64),
  firstName: z.string().max(200).nullish(),
  lastName: z.string().max(200).nullish(),
  birthdateDD: z.int().min(1).max(31).nullish(),
  birthdateMM: z.int().min(1).max(12).nullish(),
  birthdateYYYY: z.int().min(1800).max(2200).nullish(),
  pseudonymized: z.boolean().nullish(),
});

export const sormasSampleSchema = z.object({
  uuid: z.string().min(1).max(64),
  associatedCase: reference.nullish(),
  sampleDateTime: sormasDate.nullish(),
  deleted: z.boolean().nullish(),
});

export const sormasPathogenTestSchema = z.object({
  uuid: z.string().min(1).max(64),
  sample: reference,
  testedDisease: z.string().nullish(),
  testType: z.string().nullish(),
  testResult: z.string().nullish(),
  testResultVerified: z.boolean().nullish(),
  deleted: z.boolean().nullish(),
});

export type SormasCase = z.infer<typeof sormasCaseSchema>;
export type SormasPerson = z.infer<typeof sormasPersonSchema>;
export type SormasSample = z.infer<typeof sormasSampleSchema>;
export type SormasPathogenTest = z.infer<typeof sormasPathogenTestSchema>;

/** The case field that holds the Genesenen-ID in this deployment. */
export type SormasIdField = 'externalID' | 'externalToken' | 'epidNumber' | 'uuid';

/** YYYY-MM-DD / YYYY-MM / YYYY from SORMAS's split birth date; undefined without a year. */
export function sormasBirthDate(p: SormasPerson): string | undefined {
  if (!p.birthdateYYYY) return undefined;
  const yyyy = String(p.birthdateYYYY).padStart(4, '0');
  if (!p.birthdateMM) return yyyy;
  const mm = String(p.birthdateMM).padStart(2, '0');
  if (!p.birthdateDD) return `${yyyy}-${mm}`;
  return `${yyyy}-${mm}-${String(p.birthdateDD).padStart(2, '0')}`;
}

/** Calendar date of an instant in the health office's time zone (a 00:30 CET sample is that day). */
export function sormasCalendarDate(value: number | string, timeZone: string): string | undefined {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return undefined;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
