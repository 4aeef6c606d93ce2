// Translations: every language has exactly German's keys, every ErrorCode and every
// refusal kind has a message in every language, placeholders survive translation, and no
// language is a copy of German left untranslated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIOSK_LANGUAGES } from '../../../core/config/config-schema';
import { ERROR_CODES } from '../../../core/errors';
import { ERROR_KIND } from '../../../renderer/app/error-kinds';
import { UI_LANGUAGES } from '../../../renderer/i18n/languages';

type Tree = { [key: string]: string | Tree };
const load = (lang: string): Tree =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../../renderer/i18n', `${lang}.json`), 'utf8')) as Tree;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/gu)].map((m) => m[1]).sort();
const german = flatten(load('de'));

describe('translations', () => {
  it('offers every language the configuration allows', () => {
    expect([...UI_LANGUAGES].sort()).toEqual([...KIOSK_LANGUAGES].sort());
  });

  for (const lang of UI_LANGUAGES) {
    describe(lang, () => {
      const strings = flatten(load(lang));

      it('has exactly the German key set', () => {
        const missing = [...german.keys()].filter((k) => !strings.has(k));
        const extra = [...strings.keys()].filter((k) => !german.has(k));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('has a non-empty message for every error code and refusal kind', () => {
        for (const code of ERROR_CODES) expect(strings.get(`errors.${code}`), code).toMatch(/\S/u);
        for (const kind of new Set(Object.values(ERROR_KIND))) {
          if (kind === 'print') continue; // printer problems stay on the result screen (printError.*)
          expect(strings.get(`refusal.${kind}.title`), kind).toMatch(/\S/u);
          expect(strings.get(`refusal.${kind}.next`), kind).toMatch(/\S/u);
        }
      });

      it('keeps every placeholder of the German text', () => {
        for (const [key, text] of german) expect(placeholders(strings.get(key) ?? ''), key).toEqual(placeholders(text));
      });

      it('contains no hard-coded markup', () => {
        for (const [key, text] of strings) expect(text, key).not.toMatch(/<[a-z/]/iu);
      });
    });
  }

  it('translates rather than copies German', () => {
    for (const lang of UI_LANGUAGES.filter((l) => l !== 'de')) {
      const strings = flatten(load(lang));
      const same = [...german].filter(
        ([k, v]) =>
          strings.get(k) === v && !/^(A–Z|PIN|Genesenen|Gesundheitsamt|Start|Name|Drucker|Tag|Monat|Jahr)/u.test(v),
      );
      // Leichte Sprache is German too: many short labels may coincide, but not most texts.
      const limit = lang === 'de-ls' ? german.size * 0.35 : 6;
      expect(same.length, `${lang}: ${same.map(([k]) => k).join(', ')}`).toBeLessThanOrEqual(limit);
    }
  });
});
