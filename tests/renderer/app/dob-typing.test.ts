// Dates of birth land in the fields the way people type them: "5 3 1975" is 05.03.1975, a day
// above 31 or a month above 12 is refused at once (naming the field) and never spills over.
import { describe, expect, it } from 'vitest';
import {
  completeDobPart,
  setDobPart,
  typeDobDigit,
  type DobPart,
  type DobTyped,
} from '../../../renderer/app/dob-typing';
import type { DobFields } from '../../../renderer/app/entry-format';

const EMPTY: DobFields = { day: '', month: '', year: '' };

function typeAll(keys: string): { fields: DobFields; active: DobPart; rejected: string[] } {
  let fields = EMPTY;
  let active: DobPart = 'day';
  const rejected: string[] = [];
  for (const ch of keys) {
    const r: DobTyped = ch === ' ' ? completeDobPart(fields, active) : typeDobDigit(fields, active, ch);
    if (r.rejected) rejected.push(r.rejected);
    fields = r.fields;
    active = r.active;
  }
  return { fields, active, rejected };
}

describe('typing a date of birth', () => {
  it('completes a single day digit 4–9 and month digit 2–9 and moves on', () => {
    expect(typeAll('531975').fields).toEqual({ day: '05', month: '03', year: '1975' });
    expect(typeAll('5 3 1975').fields).toEqual({ day: '05', month: '03', year: '1975' });
  });

  it('waits for a second digit after 0–3 (day) and 0–1 (month); a separator completes it', () => {
    expect(typeAll('12111975').fields).toEqual({ day: '12', month: '11', year: '1975' });
    expect(typeAll('1 1 1975').fields).toEqual({ day: '01', month: '01', year: '1975' });
    expect(typeAll('31121999').fields).toEqual({ day: '31', month: '12', year: '1999' });
  });

  it('refuses a day above 31 and a month above 12 at once, keeping what was typed', () => {
    const day = typeAll('35');
    expect(day.fields).toEqual({ day: '3', month: '', year: '' });
    expect(day.rejected).toEqual(['dayTooHigh']);
    const month = typeAll('0513');
    expect(month.fields).toEqual({ day: '05', month: '1', year: '' });
    expect(month.rejected).toEqual(['monthTooHigh']);
    expect(setDobPart(EMPTY, 'month', '00').rejected).toBe('monthTooHigh');
  });

  it('replaces a tapped, filled field instead of appending to it', () => {
    const filled = { day: '05', month: '03', year: '1975' };
    const r = typeDobDigit(filled, 'day', '1', true);
    expect(r).toMatchObject({ fields: { day: '1', month: '03', year: '1975' }, active: 'day' });
    expect(typeDobDigit(r.fields, 'day', '2').fields.day).toBe('12');
  });
});
