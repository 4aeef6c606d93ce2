// The first screen in the kiosk's default language when that language is not German: only German
// is in the main bundle and every other language is loaded when needed (renderer/i18n/setup.ts),
// so the welcome heading must still arrive in the configured first language with its lang/dir, a
// language chosen at once shows all its strings, and the wipe returns to the default language.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { chooseLanguage, action, screen } from './support/flow';
import { newKioskPage } from './support/browser';
import { kioskSuite } from './support/kiosk-suite';

type Tree = { [key: string]: string | Tree };
const strings = (lang: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../renderer/i18n', `${lang}.json`), 'utf8')) as Tree;
const text = (lang: string, key: string): string => {
  const value = key
    .split('.')
    .reduce<string | Tree | undefined>((t, k) => (typeof t === 'object' ? t[k] : undefined), strings(lang));
  if (typeof value !== 'string') throw new Error(`${lang}: no ${key}`);
  return value;
};

const suite = kioskSuite({ config: { ui: { languages: ['ar', 'uk', 'de', 'en'] } } });

it('the welcome screen comes in the configured first language, and a wipe returns to it', async () => {
  const page = await newKioskPage(suite.browser, suite.kiosk.url);
  const html = page.locator('html');
  expect(await page.locator('h1').innerText()).toBe(text('ar', 'welcome.title'));
  expect(await html.getAttribute('lang')).toBe('ar');
  expect(await html.getAttribute('dir')).toBe('rtl');
  expect(await page.locator('[data-lang="ar"]').getAttribute('aria-pressed')).toBe('true');

  // Chosen straight away (its strings may still be loading): every string of the screen switches.
  await chooseLanguage(page, 'uk');
  expect(await page.locator('h1').innerText()).toBe(text('uk', 'welcome.title'));
  expect(await page.locator('[data-action="start"]').innerText()).toBe(text('uk', 'welcome.start'));
  expect(await html.getAttribute('dir')).toBe('ltr');
  expect(await page.locator('[data-lang="uk"]').getAttribute('aria-pressed')).toBe('true');

  await action(page, 'start').click();
  await screen(page, 'id');
  await action(page, 'cancel').click();
  await action(page, 'cancel-confirm').click();
  await screen(page, 'welcome');
  await page.locator('html[lang="ar"]').waitFor({ state: 'attached' });
  expect(await page.locator('h1').innerText()).toBe(text('ar', 'welcome.title'));
  await page.context().close();
}, 120_000);

it('German, though bundled, is switched to and back like any other language', async () => {
  const page = await newKioskPage(suite.browser, suite.kiosk.url);
  await chooseLanguage(page, 'de');
  expect(await page.locator('h1').innerText()).toBe(text('de', 'welcome.title'));
  await chooseLanguage(page, 'en');
  expect(await page.locator('h1').innerText()).toBe(text('en', 'welcome.title'));
  await page.context().close();
}, 120_000);
