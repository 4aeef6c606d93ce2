// Calendar checks the DCC schema leaves out (docs/dcc-notes.md §1.1: the `dob` regex accepts `1964-13`;
// §8: validity dates are calendar dates in UTC). Used by the schema validator and the payload builder.

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Days in a month of the proleptic Gregorian calendar.
 * @param year - the year (leap years per the Gregorian rule)
 * @param month - 1 to 12
 * @returns 28 to 31
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** `YYYY-MM-DD`, `YYYY-MM`, `YYYY` (1900–2099) or `""`, with real month and day ranges. */
export function isValidDob(dob: string): boolean {
  if (dob === '') return true;
  const m = /^((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?$/.exec(dob);
  if (!m) return false;
  const year = Number(m[1]);
  if (m[2] === undefined) return true;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  return day >= 1 && day <= daysInMonth(year, month);
}

/** RFC 3339 full-date `YYYY-MM-DD` with real month and day ranges (years 0000–9999). */
export function isValidFullDate(date: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(date);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}
