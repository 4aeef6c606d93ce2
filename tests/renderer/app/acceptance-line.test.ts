// The result screen's accepted-until line (renderer/app/acceptance-line.ts, placed on the screen
// by components/AcceptedUntil.tsx) in every UI language, with the translations loaded as the app
// loads them: the date in the language's format, the country's name and the basis when the rules
// end acceptance before du; the warning when little time is left; nothing when it would only
// repeat "valid until".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { CertificateAcceptance } from '../../../core/api/kiosk-api';
import { acceptanceLine } from '../../../renderer/app/acceptance-line';
import { formatIsoDate } from '../../../renderer/app/entry-format';
import { LANGUAGE_INFO, UI_LANGUAGES } from '../../../renderer/i18n/languages';

const ninetyDays: CertificateAcceptance = {
  country: 'DE',
  acceptedUntil: '2022-06-01',
  acceptedUntilRule: 'RR-DE-0002',
  basis: 'national',
  differsFromValidUntil: true,
  daysLeft: 40,
  warning: false,
};

async function lineIn(lang: (typeof UI_LANGUAGES)[number], acceptance: CertificateAcceptance) {
  const i18n = createInstance();
  await i18n.init({
    // Every language, as the app holds them once loaded (renderer/i18n/setup.ts).
    resources: Object.fromEntries(
      UI_LANGUAGES.map((code) => [
        code,
        {
          translation: JSON.parse(
            readFileSync(path.resolve(__dirname, '../../../renderer/i18n', `${code}.json`), 'utf8'),
          ),
        },
      ]),
    ),
    lng: lang,
    fallbackLng: false,
    interpolation: { escapeValue: false },
  });
  return acceptanceLine(acceptance, i18n.t, LANGUAGE_INFO[lang].locale);
}

describe('accepted-until on the result screen', () => {
  it.each(UI_LANGUAGES)('%s: date, country and basis, no untranslated key', async (lang) => {
    const line = await lineIn(lang, ninetyDays);
    const locale = LANGUAGE_INFO[lang].locale;
    const text = `${line?.label} ${line?.value}`;
    expect(text).toContain(formatIsoDate('2022-06-01', locale));
    expect(text).toContain(new Intl.DisplayNames([locale], { type: 'region' }).of('DE'));
    expect(text).not.toMatch(/result\.accepted/);
    expect(line?.warning).toBeUndefined();
  });

  it('de: the wording, and the warning when little time is left', async () => {
    expect((await lineIn('de', ninetyDays))?.label).toBe('In Deutschland anerkannt bis');
    expect((await lineIn('de', ninetyDays))?.value).toBe('1. Juni 2022 (nationale Regel)');
    const short = await lineIn('de', { ...ninetyDays, daysLeft: 3, warning: true });
    expect(short?.warning).toBe('Achtung: Das Zertifikat wird nur noch kurze Zeit anerkannt.');
  });

  it('shows nothing when acceptance ends with du and time is ample', async () => {
    expect(await lineIn('en', { ...ninetyDays, differsFromValidUntil: false })).toBeNull();
  });
});
