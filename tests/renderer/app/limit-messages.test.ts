// Attempt limits said in words (renderer/app/limit-messages.ts, docs/configuration.md "Attempt
// limits"): the tries left after a wrong entry, the lock's end as a local clock time (with the day
// when it is not today), a kiosk-wide lock worded as a device lock, and anything malformed from the
// transport falls back to the plain message instead of showing garbage.
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatClockTime } from '../../../renderer/app/entry-format';
import { isKioskLock, limitMessage, triesLeftMessage } from '../../../renderer/app/limit-messages';
import de from '../../../renderer/i18n/de.json';

let t: TFunction;
beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ lng: 'de', resources: { de: { translation: de } }, interpolation: { escapeValue: false } });
  t = i18n.t;
});

// Local clock of the test process; the same Date objects build the expectations.
const now = new Date(2026, 11, 1, 13, 0);
const today = new Date(2026, 11, 1, 14, 35).toISOString();
const tomorrow = new Date(2026, 11, 2, 9, 5).toISOString();

describe('the lock end as a clock time', () => {
  it('is the time alone today and day plus time on another day', () => {
    expect(formatClockTime(today, 'de-DE', now)).toBe('14:35');
    expect(formatClockTime(tomorrow, 'de-DE', now)).toBe('2. Dezember um 09:05');
    expect(formatClockTime('not a date', 'de-DE', now)).toBeNull();
  });
});

describe('tries left after a wrong entry', () => {
  it('counts down to the last try, then names the end of the lock', () => {
    expect(triesLeftMessage({ code: 'NOT_FOUND', details: { triesLeft: 2 } }, 'de-DE', t, now)).toBe(
      'Sie haben noch 2 Versuche.',
    );
    expect(triesLeftMessage({ code: 'NOT_FOUND', details: { triesLeft: 1 } }, 'de-DE', t, now)).toBe(de.limits.lastTry);
    expect(triesLeftMessage({ code: 'NOT_FOUND', details: { triesLeft: 0, until: today } }, 'de-DE', t, now)).toBe(
      'Für diese Genesenen-ID ist die Eingabe jetzt bis 14:35 Uhr gesperrt.',
    );
  });

  it('says nothing without a well-formed count', () => {
    const malformed: (Record<string, string | number> | undefined)[] = [
      undefined,
      {},
      { triesLeft: -1 },
      { triesLeft: 1.5 },
      { triesLeft: '2' },
      { triesLeft: 0 },
    ];
    for (const details of malformed) {
      expect(triesLeftMessage({ code: 'NOT_FOUND', ...(details ? { details } : {}) }, 'de-DE', t, now)).toBeNull();
    }
    expect(triesLeftMessage({ code: 'ALREADY_ISSUED', details: { triesLeft: 2 } }, 'de-DE', t, now)).toBeNull();
  });
});

describe('limit refusals', () => {
  it('word the ID lock and the kiosk lock differently, each with its end', () => {
    const id = { code: 'TOO_MANY_ATTEMPTS', details: { scope: 'id', until: today, retryAfterSeconds: 5700 } };
    const kiosk = { code: 'TOO_MANY_ATTEMPTS', details: { scope: 'kiosk', until: today, retryAfterSeconds: 5700 } };
    expect(isKioskLock(id)).toBe(false);
    expect(isKioskLock(kiosk)).toBe(true);
    expect(limitMessage(id, 'de-DE', t, now)).toContain('Genesenen-ID');
    expect(limitMessage(kiosk, 'de-DE', t, now)).toBe(
      'Nach zu vielen falschen Eingaben ist dieses Gerät bis 14:35 Uhr gesperrt.',
    );
    expect(limitMessage({ code: 'TOO_MANY_ATTEMPTS', details: { scope: 'kiosk' } }, 'de-DE', t, now)).toBeNull();
  });

  it('word a growing delay as a short wait, to the second, not as a lock', () => {
    const soon = new Date(2026, 11, 1, 13, 0, 40).toISOString();
    const wait = { code: 'TOO_MANY_ATTEMPTS', details: { scope: 'kiosk', until: soon, delay: true } };
    expect(formatClockTime(soon, 'de-DE', now, true)).toBe('13:00:40');
    expect(limitMessage(wait, 'de-DE', t, now)).toBe(
      'Es gab viele falsche Eingaben an diesem Gerät. Bitte warten Sie kurz: Ab 13:00:40 Uhr können Sie es wieder versuchen.',
    );
    expect(limitMessage({ ...wait, details: { ...wait.details, scope: 'id' } }, 'de-DE', t, now)).toBe(
      'Es gab viele Versuche mit dieser Genesenen-ID. Ab 13:00:40 Uhr können Sie es wieder versuchen.',
    );
    expect(limitMessage({ code: 'NOT_FOUND', details: { until: today } }, 'de-DE', t, now)).toBeNull();
  });
});
