// What an attempt limit means for the person in front of the kiosk (docs/configuration.md,
// "Attempt limits"): core's details (triesLeft, scope, until) become "you have 2 more tries",
// "blocked until 14:35" or, for a kiosk-wide lock, "this device is locked, please ask staff"; a
// growing delay's short wait is "please wait until 14:35:20" instead.
// Details arrive over a transport: anything missing or malformed simply shows the plain message.
import type { TFunction } from 'i18next';
import type { AppError } from '../../core/result';
import { formatClockTime } from './entry-format';

type Details = AppError<string>['details'];

/** The lock's end as a local clock time (to the second for a growing delay's wait), or null. */
function untilOf(details: Details, locale: string, now?: Date): string | null {
  const until = details?.until;
  return typeof until === 'string' ? formatClockTime(until, locale, now, isDelay(details)) : null;
}

/** A growing delay's short wait (details.delay): "please wait until", not a lock. */
const isDelay = (details: Details): boolean => details?.delay === true;

/** True when the refusal is a growing delay's wait: the entries are worth checking and sending again. */
export const isLimitDelay = (error: AppError<string>): boolean =>
  error.code === 'TOO_MANY_ATTEMPTS' && isDelay(error.details);

/** True when the refusal is the kiosk-wide limit (worded as a device lock, not about the ID). */
export const isKioskLock = (error: AppError<string>): boolean =>
  error.code === 'TOO_MANY_ATTEMPTS' && error.details?.scope === 'kiosk';

/** The refusal's message with the limit's facts, or null to use the plain errors.<CODE>. */
export function limitMessage(error: AppError<string>, locale: string, t: TFunction, now?: Date): string | null {
  if (error.code !== 'TOO_MANY_ATTEMPTS') return null;
  const time = untilOf(error.details, locale, now);
  if (!time) return null;
  if (isDelay(error.details)) return t(isKioskLock(error) ? 'limits.kioskWait' : 'limits.idWait', { time });
  return t(isKioskLock(error) ? 'limits.kioskLocked' : 'limits.idLocked', { time });
}

/** "Noch 2 Versuche" after a wrong entry (NOT_FOUND with details.triesLeft), or null. */
export function triesLeftMessage(error: AppError<string>, locale: string, t: TFunction, now?: Date): string | null {
  const left = error.details?.triesLeft;
  if (error.code !== 'NOT_FOUND' || typeof left !== 'number' || !Number.isInteger(left) || left < 0) return null;
  if (left >= 2) return t('limits.triesLeft', { n: left });
  if (left === 1) return t('limits.lastTry');
  const time = untilOf(error.details, locale, now);
  return time ? t('limits.noTriesLeft', { time }) : null;
}
