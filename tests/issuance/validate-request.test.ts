// Format checks of the typed name and date of birth (before any lookup).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateDateOfBirth, validateFamilyName } from '../../core/issuance/validate-request';

const today = '2021-08-15';

describe('validateDateOfBirth', () => {
  it.each(['1980', '1980-05', '1980-05-12', '2000-02-29', '1900-01-01', '2021-08-15', '2021-08', '2021'])(
    'accepts %s',
    (dob) => {
      expect(validateDateOfBirth(dob, today)).toEqual({ ok: true, value: dob });
    },
  );
  it.each([
    ['', 'empty'],
    ['1899-12-31', 'before 1900'],
    ['2001-02-29', 'no leap day in 2001'],
    ['1980-13', 'month 13'],
    ['1980-04-31', 'April 31'],
    ['1980-5-12', 'unpadded'],
    ['12.05.1980', 'German notation'],
    ['2021-08-16', 'tomorrow'],
    ['2021-09', 'next month'],
    ['2022', 'next year'],
    ['1980-05-12T00:00', 'with time'],
  ])('refuses %s (%s)', (dob) => {
    expect(validateDateOfBirth(dob, today)).toEqual({ ok: false, error: { code: 'DOB_INVALID' } });
  });
  it('property: every real past date YYYY-MM-DD from 1900 is accepted', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2021-08-15T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const dob = d.toISOString().slice(0, 10);
          expect(validateDateOfBirth(dob, today).ok).toBe(true);
        },
      ),
    );
  });
});

describe('validateFamilyName', () => {
  it.each([
    'Mustermann',
    'Müller-Lüdenscheidt',
    "O'Brien",
    'von der Leyen',
    'Yılmaz',
    'Петренко',
    'Wójcik-Łęcka',
    'St. John',
    'يوسف',
  ])('accepts %s', (name) => {
    expect(validateFamilyName(name)).toEqual({ ok: true, value: name });
  });
  it('trims and collapses spaces, NFC-normalises', () => {
    expect(validateFamilyName('  von   der Leyen ')).toEqual({ ok: true, value: 'von der Leyen' });
    expect(validateFamilyName('Mu\u0308ller')).toEqual({ ok: true, value: 'Müller' });
  });
  it.each(['', '   ', 'Muster1', '-Muster', "'", 'Max <script>', 'a'.repeat(81), 'Name;DROP'])('refuses %j', (name) => {
    expect(validateFamilyName(name)).toEqual({ ok: false, error: { code: 'NAME_INVALID' } });
  });
  it('accepts exactly 80 letters', () => {
    expect(validateFamilyName('a'.repeat(80)).ok).toBe(true);
  });
});
