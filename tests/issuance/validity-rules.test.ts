// Issuance window and certificate dates (docs/dcc-notes.md §8): day 27 refused, day 28 allowed, day 179
// allowed, day 180 refused (docs/business-rules.md: on the du day verifiers already reject), on UTC
// calendar dates — across month ends, leap days and the DST
// change, where 24-hour arithmetic in local time would slip.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, decideValidity, endOfDaySeconds, utcDay } from '../../core/issuance/validity-rules';
import { cwtTimesFor } from '../../core/issuance/issuance-deps';

const rules = { dfOffsetDays: 28, duOffsetDays: 180, earliestIssueDay: 28, latestIssueDay: 179 };

describe('decideValidity', () => {
  const fr = '2021-03-01';
  it.each([
    [27, { ok: false, error: { code: 'TOO_EARLY', details: { availableFrom: '2021-03-29' } } }],
    [28, { ok: true, value: { validFrom: '2021-03-29', validUntil: '2021-08-28' } }],
    [179, { ok: true, value: { validFrom: '2021-03-29', validUntil: '2021-08-28' } }],
    [180, { ok: false, error: { code: 'TOO_LATE', details: { expiredOn: '2021-08-27' } } }],
  ])('day %i after the test', (day, expected) => {
    expect(decideValidity(fr, addDays(fr, day), rules)).toEqual(expected);
  });

  it('on the day of the test and before it: too early', () => {
    expect(decideValidity(fr, fr, rules).ok).toBe(false);
    expect(decideValidity(fr, '2021-02-01', rules).ok).toBe(false);
  });

  it('counts calendar days across a leap day (2020-02-29)', () => {
    expect(addDays('2020-02-01', 28)).toBe('2020-02-29');
    expect(addDays('2020-02-01', 29)).toBe('2020-03-01');
    expect(addDays('2021-02-01', 28)).toBe('2021-03-01');
  });

  it('is unaffected by the DST change (Europe: 2021-03-28, 2021-10-31)', () => {
    expect(addDays('2021-03-27', 1)).toBe('2021-03-28');
    expect(addDays('2021-03-27', 2)).toBe('2021-03-29');
    expect(addDays('2021-10-30', 2)).toBe('2021-11-01');
  });

  it('property: the allowed days are exactly earliestIssueDay..latestIssueDay', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -5, max: 400 }),
        (frDate, day) => {
          const frDay = utcDay(frDate);
          const result = decideValidity(frDay, addDays(frDay, day), rules);
          expect(result.ok).toBe(day >= 28 && day <= 179);
          if (result.ok) expect(result.value.validUntil).toBe(addDays(frDay, 180));
        },
      ),
    );
  });

  it('property: addDays is consistent with going day by day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1999-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 400 }),
        (d, n) => {
          let day = utcDay(d);
          for (let i = 0; i < n; i++) day = addDays(day, 1);
          expect(addDays(utcDay(d), n)).toBe(day);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('CWT times', () => {
  const now = new Date('2021-06-01T12:00:00Z');
  it('exp is the end of the du day when the DSC lasts longer', () => {
    const t = cwtTimesFor(now, '2021-08-28', new Date('2023-01-01T00:00:00Z'), 'DE');
    expect(t).toEqual({
      ok: true,
      value: { issuedAt: now.getTime() / 1000, expiresAt: endOfDaySeconds('2021-08-28'), issuingCountry: 'DE' },
    });
    expect(new Date(endOfDaySeconds('2021-08-28') * 1000).toISOString()).toBe('2021-08-28T23:59:59.000Z');
  });
  it('exp is the DSC notAfter when the DSC ends first', () => {
    const notAfter = new Date('2021-07-01T00:00:00Z');
    const t = cwtTimesFor(now, '2021-08-28', notAfter, 'DE');
    expect(t.ok && t.value.expiresAt).toBe(notAfter.getTime() / 1000);
  });
  it('an expired DSC gives SIGNER_CERT_EXPIRED', () => {
    const t = cwtTimesFor(now, '2021-08-28', new Date('2021-05-01T00:00:00Z'), 'DE');
    expect(t.ok ? 'ok' : t.error.code).toBe('SIGNER_CERT_EXPIRED');
  });
});
