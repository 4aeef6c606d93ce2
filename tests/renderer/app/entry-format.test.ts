// What the citizen types: the ID is grouped like the kiosk's example, only ID
// characters survive, partial dates of birth compose to the DCC forms (YYYY, YYYY-MM,
// YYYY-MM-DD), impossible or future dates are refused, names are written the way names are.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanIdInput,
  cleanNameInput,
  composeDob,
  dateFromDetails,
  displayId,
  formatCountdown,
  formatIsoDate,
  idShapeFromExample,
  letterForPosition,
} from '../../../renderer/app/entry-format';

const shape = idShapeFromExample('0123-4567-89AB');
const today = new Date('2026-11-28T12:00:00Z');

describe('Genesenen-ID entry', () => {
  it('takes length and grouping from the example', () => {
    expect(shape).toEqual({ groups: [4, 4, 4], length: 12 });
    expect(idShapeFromExample('AB-CDE-FGH')).toEqual({ groups: [2, 3, 3], length: 8 });
  });

  it('keeps only letters and digits, upper case, cut to the length', () => {
    expect(cleanIdInput(' rzjq-mtfb 84wv-xx ', shape)).toBe('RZJQMTFB84WV');
    expect(cleanIdInput('ｒｚ–ＪＱ', shape)).toBe('RZJQ'); // full-width and en dash from a scanner or paste
  });

  it('groups what was typed so far', () => {
    expect(displayId('RZJQMT', shape)).toBe('RZJQ-MT');
    expect(displayId('RZJQMTFB84WV', shape)).toBe('RZJQ-MTFB-84WV');
  });

  it('round-trips: cleaning the display form gives the same ID (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z]{0,12}$/u), (id) => {
        expect(cleanIdInput(displayId(id, shape), shape)).toBe(id);
      }),
    );
  });
});

describe('date of birth', () => {
  const dob = (day: string, month: string, year: string) => composeDob({ day, month, year }, today);

  it('composes full and partial dates', () => {
    expect(dob('12', '8', '1964')).toEqual({ ok: true, value: '1964-08-12' });
    expect(dob('', '09', '1971')).toEqual({ ok: true, value: '1971-09' });
    expect(dob('', '', '1950')).toEqual({ ok: true, value: '1950' });
  });

  it('refuses what cannot be a date of birth, saying why', () => {
    expect(dob('12', '08', '64')).toEqual({ ok: false, error: 'needYear' });
    expect(dob('12', '', '1964')).toEqual({ ok: false, error: 'needMonth' });
    expect(dob('31', '02', '1990')).toEqual({ ok: false, error: 'invalid' });
    expect(dob('29', '02', '1991')).toEqual({ ok: false, error: 'invalid' });
    expect(dob('', '13', '1990')).toEqual({ ok: false, error: 'invalid' });
    expect(dob('29', '11', '2026')).toEqual({ ok: false, error: 'invalid' }); // tomorrow
    expect(dob('', '12', '2026')).toEqual({ ok: false, error: 'invalid' });
    expect(dob('', '', '1899')).toEqual({ ok: false, error: 'invalid' });
  });

  it('accepts every real past day (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: today, noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, dd] = iso.split('-') as [string, string, string];
        expect(dob(dd, m, y)).toEqual({ ok: true, value: iso });
      }),
    );
  });

  it('shows dates in the reader’s language, partial ones partially', () => {
    expect(formatIsoDate('1964-08-12', 'de-DE')).toBe('12. August 1964');
    expect(formatIsoDate('1971-09', 'en-GB')).toBe('September 1971');
    expect(formatIsoDate('1950', 'ar-u-nu-latn')).toBe('1950');
    expect(formatIsoDate('2027-04-18', 'ar-u-nu-latn')).toMatch(/2027/u);
  });
});

describe('names', () => {
  it('keeps letters of any script, spaces, hyphens and apostrophes only', () => {
    expect(cleanNameInput("  O'Demo-Smith 1<b>")).toBe("O'Demo-Smith b");
    expect(cleanNameInput('Петренко')).toBe('Петренко');
    expect(cleanNameInput('Yılmaz')).toBe('Yılmaz');
  });

  it('types word-initial capitals like a name is written', () => {
    let name = '';
    for (const key of ['m', 'ü', 'l', 'l', 'e', 'r', '-', 'l', 'ü'])
      name += key === '-' ? key : letterForPosition(key, name);
    expect(name).toBe('Müller-Lü');
    expect(letterForPosition('ß', 'Gro')).toBe('ß');
    expect(letterForPosition('ı', '')).toBe('ı');
  });
});

describe('small helpers', () => {
  it('formats the idle countdown without plural forms', () => {
    expect(formatCountdown(30)).toBe('0:30');
    expect(formatCountdown(65.2)).toBe('1:06');
    expect(formatCountdown(-3)).toBe('0:00');
  });

  it('reads a date from error details only under the expected keys', () => {
    expect(dateFromDetails({ availableFrom: '2026-12-01' }, ['availableFrom'])).toBe('2026-12-01');
    expect(dateFromDetails({ other: '2026-12-01' }, ['availableFrom'])).toBeNull();
    expect(dateFromDetails({ availableFrom: 'soon' }, ['availableFrom'])).toBeNull();
  });
});
