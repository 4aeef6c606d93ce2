// Format checks of what the citizen typed (use case step 1), before anything is looked
// up or counted: a typo in the name or date of birth costs no request to the health office and
// no failed attempt. Matching against the record is the record source's job, not ours.
import { isValidDob } from '../dcc/dates';
import { FAMILY_NAME_MAX_LENGTH } from '../limits';
import type { Result } from '../result';
import { err, ok } from '../result';

/** Letters (any script, with combining marks), separated by space, hyphen, apostrophe or dot. */
const NAME_SHAPE = /^[\p{L}\p{M}]+(?:[ '’ʼ.-]+[\p{L}\p{M}]*)*$/u;

/** The family name, NFC-normalised with inner whitespace collapsed; NAME_INVALID otherwise. */
export function validateFamilyName(raw: string): Result<string> {
  const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (name.length === 0 || [...name].length > FAMILY_NAME_MAX_LENGTH || !NAME_SHAPE.test(name)) {
    return err('NAME_INVALID');
  }
  return ok(name);
}

/**
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: a real calendar date (or prefix) between 1900 and 2099 that
 * is not after `today` (YYYY-MM-DD, UTC). ISO prefixes sort like the dates they denote, so a
 * partial date is compared with the same-length prefix of today.
 */
export function validateDateOfBirth(raw: string, today: string): Result<string> {
  const dob = raw.trim();
  if (dob === '' || !isValidDob(dob)) return err('DOB_INVALID');
  if (dob > today.slice(0, dob.length)) return err('DOB_INVALID');
  return ok(dob);
}
