// When a recovery certificate may be issued and what dates it carries (docs/dcc-notes.md §8):
// issuance only from day `earliestIssueDay` to day `latestIssueDay` after the first positive test
// (`fr`), df = fr + dfOffsetDays, du = fr + duOffsetDays. All arithmetic is on UTC calendar
// dates, never on 24-hour multiples in local time, so DST changes cannot move a boundary.
// Defaults: day 27 refused, day 28 allowed, day 180 allowed, day 181 refused.
import type { RulesConfig } from '../config/config-schema';
import type { Result } from '../result';
import { err, ok } from '../result';

const DAY_MS = 86_400_000;

/** YYYY-MM-DD of `date` in UTC. */
export const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return utcDay(new Date(Date.UTC(y, m - 1, d) + days * DAY_MS));
}

/** Last second of an ISO date, UTC, in seconds since the epoch (23:59:59). */
export const endOfDaySeconds = (isoDate: string): number => Date.parse(`${isoDate}T23:59:59Z`) / 1000;

export interface ValidityWindow {
  readonly validFrom: string;
  readonly validUntil: string;
}

type Rules = Pick<RulesConfig, 'dfOffsetDays' | 'duOffsetDays' | 'earliestIssueDay' | 'latestIssueDay'>;

/**
 * ok with df/du, or TOO_EARLY { availableFrom: first day issuance is possible } or
 * TOO_LATE { expiredOn: last day issuance was possible }.
 */
export function decideValidity(firstPositiveTest: string, today: string, rules: Rules): Result<ValidityWindow> {
  const availableFrom = addDays(firstPositiveTest, rules.earliestIssueDay);
  const lastIssueDay = addDays(firstPositiveTest, rules.latestIssueDay);
  if (today < availableFrom) return err('TOO_EARLY', { availableFrom });
  if (today > lastIssueDay) return err('TOO_LATE', { expiredOn: lastIssueDay });
  return ok({
    validFrom: addDays(firstPositiveTest, rules.dfOffsetDays),
    validUntil: addDays(firstPositiveTest, rules.duOffsetDays),
  });
}
