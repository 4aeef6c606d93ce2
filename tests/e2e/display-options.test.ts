// Larger text and high contrast for one person (WCAG 1.4.4, 1.4.6; EN 301 549 closed
// functionality): the header's "A+" and contrast toggles work by touch and keyboard, say their
// state (aria-pressed), change the computed text size and colours, stay on through the flow, and
// the wipe after Finish or idle turns both off for the next person. With contrast (and larger
// text) on, axe still finds nothing. In every language and at every screen size the header tools
// stay on screen. Screenshots go to tests/artifacts/screens/ to be looked at.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../renderer/i18n/languages';
import { computedStyle, LANDSCAPE, newKioskPage, PORTRAIT } from './support/browser';
import { action, chooseLanguage, confirm, finish, screen, typePersonFromIdScreen } from './support/flow';
import { kioskSuite } from './support/kiosk-suite';
import { fixtureFor, makePeople } from './support/people';
import { E2E_TEST_MS } from './support/waits';
import { screenPath } from './support/screens';

const people = makePeople(3, 'Display');
const suite = kioskSuite({ fixture: fixtureFor(new Date(), people) });

const px = async (page: Page, selector: string) => parseFloat(await computedStyle(page.locator(selector), 'fontSize'));
/** KERN's light theme states white in oklch. */
const WHITE = /^(rgb\(255, 255, 255\)|oklch\(1 0 0\))$/u;
const pressed = (page: Page, name: string) => action(page, name).getAttribute('aria-pressed');

async function axeProblems(page: Page, name: string): Promise<string[]> {
  await page.evaluate('document.fonts.ready');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return axe.violations.map((v) => `${name} axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('larger text and high contrast', { timeout: E2E_TEST_MS }, () => {
  it('toggle by touch and keyboard, change size and colours, stay on through the flow, are off after Finish', async () => {
    const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE);
    expect(await pressed(page, 'text-size')).toBe('false');
    expect(await pressed(page, 'contrast')).toBe('false');
    const normalHeading = await px(page, 'h1');
    const normalBody = await px(page, '.kiosk-main .kern-body');
    expect(await computedStyle(page.locator('html'), 'backgroundColor')).toMatch(WHITE);

    await action(page, 'text-size').click();
    await action(page, 'contrast').focus();
    await page.keyboard.press('Space');
    expect(await pressed(page, 'text-size')).toBe('true');
    expect(await pressed(page, 'contrast')).toBe('true');
    expect(await px(page, 'h1')).toBeGreaterThanOrEqual(normalHeading * 1.2);
    expect(await px(page, '.kiosk-main .kern-body')).toBeGreaterThanOrEqual(normalBody * 1.2);
    expect(await computedStyle(page.locator('html'), 'backgroundColor')).toBe('rgb(0, 0, 0)');
    expect(await computedStyle(page.locator('h1'), 'color')).toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: screenPath('landscape-welcome-contrast-aplus') });

    await action(page, 'start').click();
    await typePersonFromIdScreen(page, people[0]!);
    expect(await pressed(page, 'text-size')).toBe('true');
    expect(await px(page, 'h1')).toBeGreaterThanOrEqual(normalHeading * 1.2);
    expect(await computedStyle(page.locator('html'), 'backgroundColor')).toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: screenPath('landscape-summary-contrast-aplus') });
    expect(await confirm(page)).toBe('result');
    expect(await pressed(page, 'contrast')).toBe('true');
    await page.screenshot({ path: screenPath('landscape-result-contrast-aplus') });

    await finish(page);
    expect(await pressed(page, 'text-size')).toBe('false');
    expect(await pressed(page, 'contrast')).toBe('false');
    expect(await px(page, 'h1')).toBeCloseTo(normalHeading, 0);
    expect(await computedStyle(page.locator('html'), 'backgroundColor')).toMatch(WHITE);
    expect(await page.locator('html').getAttribute('class')).not.toMatch(/kiosk-(contrast|text-large)/u);
    await page.context().close();
  });

  for (const [lang, viewport, orientation, person] of [
    ['de', PORTRAIT, 'portrait', people[1]!],
    ['ar', LANDSCAPE, 'landscape', people[2]!],
  ] as const) {
    it(`${lang} ${orientation}: with contrast and larger text on, axe finds nothing on the flow's screens`, async () => {
      const page = await newKioskPage(suite.browser, suite.kiosk.url, viewport);
      const problems: string[] = [];
      const visit = async (name: string) => {
        problems.push(...(await axeProblems(page, name)));
        await page.screenshot({ path: screenPath(`${lang}-${orientation}-${name}-contrast`) });
      };
      await chooseLanguage(page, lang);
      await action(page, 'contrast').click();
      await action(page, 'text-size').click();
      await visit('welcome');
      await action(page, 'start').click();
      await screen(page, 'id');
      await page.keyboard.type('O');
      await visit('id-lookalike');
      await page.keyboard.press('Backspace');
      await typePersonFromIdScreen(page, person);
      await visit('summary');
      expect(await confirm(page)).toBe('result');
      await visit('result');
      await action(page, 'finish').click();
      await visit('finish-dialog');
      await action(page, 'finish-confirm').click();
      await screen(page, 'welcome');
      expect(problems).toEqual([]);
      await page.context().close();
    });
  }

  it('a person who only chose larger text and contrast and walked away leaves them to the idle wipe', async () => {
    const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE, { fakeClock: true });
    await page.clock.pauseAt(Date.now() + 1000);
    await action(page, 'text-size').click();
    await action(page, 'contrast').click();
    const info = await suite.kiosk.kiosk.api.getInfo({});
    if (!info.ok) throw new Error('getInfo failed');
    const { idleTimeoutSeconds, idleWarningSeconds } = info.value;
    await page.clock.fastForward(idleTimeoutSeconds * 1000 + 500);
    await page.locator('dialog[open]').waitFor();
    await page.clock.fastForward(idleWarningSeconds * 1000 + 500);
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    await expect.poll(() => pressed(page, 'text-size')).toBe('false');
    expect(await pressed(page, 'contrast')).toBe('false');
    await page.context().close();
  });

  it('in every language, at every screen size, the header tools lie inside the screen', async () => {
    const problems: string[] = [];
    for (const viewport of [LANDSCAPE, PORTRAIT, { width: 1366, height: 768 }, { width: 1280, height: 1024 }]) {
      const page = await newKioskPage(suite.browser, suite.kiosk.url, viewport);
      for (const lang of UI_LANGUAGES) {
        await chooseLanguage(page, lang);
        await action(page, 'start').click();
        await screen(page, 'id');
        for (const tool of ['help', 'text-size', 'contrast', 'language-menu']) {
          const box = (await action(page, tool).boundingBox())!;
          if (box.x < 0 || box.x + box.width > viewport.width || box.y + box.height > viewport.height / 4)
            problems.push(`${viewport.width}x${viewport.height} ${lang} ${tool}: ${JSON.stringify(box)}`);
        }
        await action(page, 'cancel').click();
        await action(page, 'cancel-confirm').click();
        await screen(page, 'welcome');
      }
      await page.context().close();
    }
    expect(problems).toEqual([]);
  });
});
