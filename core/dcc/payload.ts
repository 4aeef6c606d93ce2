// Builds the recovery DCC payload from what the issuance use case knows (docs/dcc-notes.md §1): names as
// given (NFC) plus their ICAO 9303 forms (§2), `gn`/`gnt` omitted when there is no forename,
// `ver` "1.3.0", exactly the seven `r[0]` fields, nothing else. The result is schema-validated
// before it is returned, so a payload from here is always signable.
import { err, ok, type Result } from '../result';
import { isValidDob, isValidFullDate } from './dates';
import { validateRecoveryPayload } from './schema-validate';
import { transliterateIcao } from './transliterate';
import type { DccName, RecoveryInput, RecoveryPayload } from './types';

/** The DCC schema version every payload names in `ver` (docs/dcc-notes.md §1). */
export const DCC_SCHEMA_VERSION = '1.3.0';
/** SNOMED CT code of COVID-19, the `tg` of every recovery entry. */
export const DISEASE_COVID19 = '840539006';
const MAX_FIELD_LENGTH = 80;

function buildName(familyName: string, givenName: string): Result<DccName> {
  const fn = familyName.normalize('NFC').trim();
  const gn = givenName.normalize('NFC').trim();
  if (fn.length > MAX_FIELD_LENGTH || gn.length > MAX_FIELD_LENGTH) return err('NAME_INVALID');
  const fnt = transliterateIcao(fn);
  if (!fnt.ok) return fnt;
  if (gn === '') return ok({ fn, fnt: fnt.value });
  const gnt = transliterateIcao(gn);
  if (!gnt.ok) return gnt;
  return ok({ fn, fnt: fnt.value, gn, gnt: gnt.value });
}

/** RecoveryInput → schema-valid RecoveryPayload, or a typed error without personal values. */
export function buildRecoveryPayload(input: RecoveryInput): Result<RecoveryPayload> {
  if (typeof input.familyName !== 'string' || typeof input.givenName !== 'string') return err('NAME_INVALID');
  if (typeof input.dateOfBirth !== 'string' || !isValidDob(input.dateOfBirth)) return err('DOB_INVALID');
  for (const [field, value] of [
    ['firstPositiveTest', input.firstPositiveTest],
    ['validFrom', input.validFrom],
    ['validUntil', input.validUntil],
  ] as const) {
    if (typeof value !== 'string' || !isValidFullDate(value)) return err('INVALID_INPUT', { field });
  }
  const name = buildName(input.familyName, input.givenName);
  if (!name.ok) return name;
  const payload: RecoveryPayload = {
    ver: DCC_SCHEMA_VERSION,
    nam: name.value,
    dob: input.dateOfBirth,
    r: [
      {
        tg: DISEASE_COVID19,
        fr: input.firstPositiveTest,
        co: input.country,
        is: input.issuer,
        df: input.validFrom,
        du: input.validUntil,
        ci: input.uvci,
      },
    ],
  };
  return validateRecoveryPayload(payload);
}
