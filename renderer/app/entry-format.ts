// Pure helpers for what the citizen types: the Genesenen-ID's grouping taken from the
// kiosk's own example (the format is configurable in core, so the UI never hard-codes 12), the
// date of birth from day/month/year fields with partial dates (year only; month and year), and
// dates shown in the chosen language. Final checks stay in core; these only guide the person.
import { FAMILY_NAME_MAX_LENGTH } from '../../core/limits';
import type { Result } from '../../core/result';

export interface IdShape {
  readonly groups: readonly number[];
  readonly length: number;
}

/** Group lengths from an example like "0123-4567-89AB" → [4,4,4]. */
export function idShapeFromExample(example: string): IdShape {
  const groups = example
    .split(/[-\s]+/u)
    .map((g) => g.replace(/[^0-9A-Za-z]/gu, '').length)
    .filter((n) => n > 0);
  const safe = groups.length > 0 ? groups : [12];
  return { groups: safe, length: safe.reduce((a, b) => a + b, 0) };
}

/** Upper case, separators and anything but letters/digits removed, cut to the ID's length. */
export function cleanIdInput(raw: string, shape: IdShape): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/gu, '')
    .slice(0, shape.length);
}

/** "RZJQMTFB84WV" → "RZJQ-MTFB-84WV" (partial input grouped as far as it goes). */
export function displayId(clean: string, shape: IdShape): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of shape.groups) {
    if (at >= clean.length) break;
    parts.push(clean.slice(at, at + size));
    at += size;
  }
  return parts.join('-');
}

/** Letters (any script), combining marks, space, hyphen, apostrophe, dot; at most the length core accepts. */
export function cleanNameInput(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\s'’.-]/gu, '')
    .replace(/\s{2,}/gu, ' ')
    .replace(/^\s+/u, '')
    .slice(0, FAMILY_NAME_MAX_LENGTH);
}

export interface DobFields {
  readonly day: string;
  readonly month: string;
  readonly year: string;
}

/** Why the entered date of birth is not one: the year (or the month) is missing, or no such date. */
export type DobProblem = 'needYear' | 'needMonth' | 'invalid';

export type DobCheck = Result<string, DobProblem>;

/** Compose YYYY-MM-DD, YYYY-MM or YYYY; a date that does not exist or lies ahead is invalid. */
export function composeDob(fields: DobFields, today: Date = new Date()): DobCheck {
  const { day, month, year } = fields;
  if (!/^\d{4}$/u.test(year)) return { ok: false, error: 'needYear' };
  if (day !== '' && month === '') return { ok: false, error: 'needMonth' };
  const y = Number(year);
  if (y < 1900 || y > today.getUTCFullYear()) return { ok: false, error: 'invalid' };
  if (month === '') return { ok: true, value: year };
  if (!/^\d{1,2}$/u.test(month) || Number(month) < 1 || Number(month) > 12) return { ok: false, error: 'invalid' };
  const mm = month.padStart(2, '0');
  if (day === '')
    return `${year}-${mm}` > today.toISOString().slice(0, 7)
      ? { ok: false, error: 'invalid' }
      : { ok: true, value: `${year}-${mm}` };
  if (!/^\d{1,2}$/u.test(day)) return { ok: false, error: 'invalid' };
  const iso = `${year}-${mm}-${day.padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso)
    return { ok: false, error: 'invalid' };
  if (iso > today.toISOString().slice(0, 10)) return { ok: false, error: 'invalid' };
  return { ok: true, value: iso };
}

/** A full, month-precision or year-only ISO date in the reader's language (UTC calendar). */
export function formatIsoDate(iso: string, locale: string): string {
  const date = iso.slice(0, 10);
  if (/^\d{4}$/u.test(date)) return date;
  const monthOnly = /^\d{4}-\d{2}$/u.test(date);
  const parsed = new Date(`${monthOnly ? `${date}-01` : date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = monthOnly
    ? { month: 'long', year: 'numeric', timeZone: 'UTC' }
    : { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(parsed);
}

/** "1:05" for the idle countdown (no plural forms needed in any language). */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** First ISO-looking date in an error's details (e.g. availableFrom, issuedAt). */
export function dateFromDetails(
  details: Readonly<Record<string, unknown>> | undefined,
  keys: readonly string[],
): string | null {
  if (!details) return null;
  for (const key of keys) {
    const value = details[key];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/u.test(value)) return value;
  }
  return null;
}

/** Letters whose case the keyboard must not change (ß has no everyday capital; ı/İ are distinct). */
const LITERAL_LETTERS = new Set(['ß', 'ı', 'İ']);

/** Word-initial capital, otherwise small, as names are written: "Müller-Lüdenscheidt". */
export function letterForPosition(key: string, textBefore: string): string {
  if (LITERAL_LETTERS.has(key)) return key;
  const wordStart = textBefore === '' || /[\s'’-]$/u.test(textBefore);
  return wordStart ? key.toLocaleUpperCase('de') : key.toLocaleLowerCase('de');
}

/**
 * When a limit lifts, as the kiosk's local clock shows it: "14:35" today, "2. Dezember, 14:35"
 * on another day (a per-ID lock can last into tomorrow); "14:35:20" with `seconds`, for a wait of
 * seconds (a growing delay). Invalid input gives null.
 */
export function formatClockTime(iso: string, locale: string, now: Date = new Date(), seconds = false): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const sameDay = at.toDateString() === now.toDateString();
  const time: Intl.DateTimeFormatOptions = seconds
    ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
    : { hour: '2-digit', minute: '2-digit' };
  const options: Intl.DateTimeFormatOptions = sameDay ? time : { day: 'numeric', month: 'long', ...time };
  return new Intl.DateTimeFormat(locale, options).format(at);
}
