// How digits typed for a date of birth land in day, month and year, the way people type dates:
// "5 3 1975" is 05.03.1975 — a day digit 4–9 can only be a single-digit day and a month digit 2–9
// a single-digit month, so they complete to 0x and move on; a separator (space, dot, slash)
// completes a one-digit field; a day above 31 or a month above 12 is refused at once, naming the
// field, instead of flowing into the next one. Pure, so tests/renderer can check it.
import type { DobFields } from './entry-format';

export type DobPart = keyof DobFields;
export const DOB_PARTS: readonly DobPart[] = ['day', 'month', 'year'];
const MAX_LENGTH: Readonly<Record<DobPart, number>> = { day: 2, month: 2, year: 4 };
const MAX_VALUE: Partial<Record<DobPart, number>> = { day: 31, month: 12 };
/** The smallest first digit that cannot start a two-digit day (4…) or month (2…). */
const SINGLE_FROM: Partial<Record<DobPart, number>> = { day: 4, month: 2 };

export type DobRejection = 'dayTooHigh' | 'monthTooHigh';

export interface DobTyped {
  readonly fields: DobFields;
  readonly active: DobPart;
  readonly rejected: DobRejection | null;
}

const nextPart = (part: DobPart): DobPart => DOB_PARTS[DOB_PARTS.indexOf(part) + 1] ?? 'year';

/** One digit typed into `active`; `replace` when the person tapped a filled field to correct it. */
export function typeDobDigit(fields: DobFields, active: DobPart, digit: string, replace = false): DobTyped {
  const current = replace ? '' : fields[active];
  if (current.length >= MAX_LENGTH[active]) {
    if (active === 'year') return { fields, active, rejected: null };
    return typeDobDigit(fields, nextPart(active), digit, false);
  }
  let candidate = current + digit;
  const single = SINGLE_FROM[active];
  if (single !== undefined && candidate.length === 1 && Number(digit) >= single) candidate = `0${digit}`;
  const max = MAX_VALUE[active];
  if (max !== undefined && candidate.length === 2 && (Number(candidate) > max || Number(candidate) === 0)) {
    return { fields, active, rejected: active === 'day' ? 'dayTooHigh' : 'monthTooHigh' };
  }
  const next = { ...fields, [active]: candidate };
  const done = candidate.length === MAX_LENGTH[active] && active !== 'year';
  return { fields: next, active: done ? nextPart(active) : active, rejected: null };
}

/** A separator after one digit ("1 3 1975"): pad it to two and move on. */
export function completeDobPart(fields: DobFields, active: DobPart): DobTyped {
  const current = fields[active];
  if (active === 'year' || current === '') return { fields, active, rejected: null };
  const padded = current.padStart(2, '0');
  if (Number(padded) === 0) return { fields, active, rejected: active === 'day' ? 'dayTooHigh' : 'monthTooHigh' };
  return { fields: { ...fields, [active]: padded }, active: nextPart(active), rejected: null };
}

/** A whole value put into one field at once (paste, autofill): digits only, range checked. */
export function setDobPart(fields: DobFields, part: DobPart, raw: string): DobTyped {
  const digits = raw.replace(/\D/gu, '').slice(0, MAX_LENGTH[part]);
  const max = MAX_VALUE[part];
  if (max !== undefined && digits.length === 2 && (Number(digits) > max || Number(digits) === 0)) {
    return { fields, active: part, rejected: part === 'day' ? 'dayTooHigh' : 'monthTooHigh' };
  }
  const done = digits.length === MAX_LENGTH[part] && part !== 'year';
  return { fields: { ...fields, [part]: digits }, active: done ? nextPart(part) : part, rejected: null };
}
