// Every language shows on screen, Leichte Sprache included (i18next once normalised "de-ls" to
// "de-LS", found no resources and silently showed standard German): for each of the 8 languages a
// person walks the whole flow and each screen's own text is read from the page and compared with
// that language's translation. The texts compared are different in every language, so standard
// German shown instead of Leichte Sprache (or English instead of Polish) fails.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../renderer/i18n/languages';
import { launchChromium, newKioskPage } from './support/browser';
import { action, chooseLanguage, confirm, screen, typePersonFromIdScreen } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';

type Tree = { [key: string]: string | Tree };
const strings = Object.fromEntries(
  UI_LANGUAGES.map((l) => [
    l,
    JSON.parse(readFileSync(path.resolve(__dirname, '../../renderer/i18n', `${l}.json`), 'utf8')) as Tree,
  ]),
);
const text = (lang: string, key: string): string => {
  const value = key
    .split('.')
    .reduce<string | Tree | undefined>((t, k) => (typeof t === 'object' ? t[k] : undefined), strings[lang]);
  if (typeof value !== 'string') throw new Error(`${lang}: no ${key}`);
  return value;
};
/** The part before the first placeholder (the ID example is inserted there). */
const fixedPart = (s: string) => s.split('{{')[0]!.trim();

/** Screen → the key whose text identifies the language there. */
const CHECKED_KEYS = [
  'welcome.title',
  'id.hint',
  'name.title',
  'dob.title',
  'summary.title',
  'result.title',
  'finish.title',
  'cancel.title',
  'refusal.notFound.title',
];

const people = makePeople(UI_LANGUAGES.length, 'Lang');
const [nobody] = makePeople(1, 'Nobody');
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({
    fixture: fixtureFor(new Date(), people),
    config: {
      attemptLimits: { perId: { max: 1000, windowSeconds: 3600 }, perKiosk: { max: 10000, windowSeconds: 3600 } },
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

it('the checked texts differ between every two languages (so the check can tell them apart)', () => {
  for (const key of CHECKED_KEYS) {
    const all = UI_LANGUAGES.map((l) => fixedPart(text(l, key)));
    expect(new Set(all).size, key).toBe(UI_LANGUAGES.length);
  }
});

async function expectShown(page: Page, lang: string, key: string, selector = 'h1') {
  const shown = (await page.locator(selector).first().innerText()).trim();
  expect(shown, `${lang} ${key}`).toContain(fixedPart(text(lang, key)));
}

describe('each language on each screen', () => {
  UI_LANGUAGES.forEach((lang, i) => {
    it(`${lang}: welcome, questions, summary, result, finish, cancel and a refusal read in ${lang}`, async () => {
      const page = await newKioskPage(browser, kiosk.url);
      await chooseLanguage(page, lang);
      await expectShown(page, lang, 'welcome.title');
      await action(page, 'start').click();
      await typePersonFromIdScreen(page, people[i]!);
      await expectShown(page, lang, 'summary.title');
      for (const [change, screenName, key, selector] of [
        ['change-id', 'id', 'id.hint', '#id-hint'],
        ['change-name', 'name', 'name.title', 'h1'],
        ['change-dob', 'dob', 'dob.title', 'h1'],
      ] as const) {
        await action(page, change).click();
        await screen(page, screenName);
        await expectShown(page, lang, key, selector);
        await action(page, 'next').click();
        await screen(page, 'summary');
      }
      expect(await confirm(page)).toBe('result');
      await expectShown(page, lang, 'result.title');
      await action(page, 'finish').click();
      await expectShown(page, lang, 'finish.title', 'dialog[open] h2');
      await action(page, 'finish-confirm').click();
      await screen(page, 'welcome');

      await chooseLanguage(page, lang);
      await action(page, 'start').click();
      await screen(page, 'id');
      await action(page, 'cancel').click();
      await expectShown(page, lang, 'cancel.title', 'dialog[open] h2');
      await action(page, 'cancel-confirm-keep').click();
      await page.locator('h1').focus(); // focus came back to Cancel; typing goes to the field from the heading
      await typePersonFromIdScreen(page, { ...people[i]!, genesenenId: nobody!.genesenenId });
      expect(await confirm(page)).toBe('refusal');
      await expectShown(page, lang, 'refusal.notFound.title');
      expect(await page.locator('html').getAttribute('data-ui-language')).toBe(lang);
      await page.context().close();
    }, 120_000);
  });
});
