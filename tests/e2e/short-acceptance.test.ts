// The short-time question in Chromium (docs/business-rules.md, "The short-time warning"): when
// fewer than rules.minAcceptedDays of acceptance would remain, the citizen sees until when the
// certificate would be accepted before anything is issued. "Issue anyway" brings the QR code with
// the warning; "Cancel" returns to the start with nothing issued, and the person can come back.
// In every language axe finds nothing on the screen, targets are ≥ 44 px, and it fits without
// scrolling at 1080×1920, 1280×800, 1366×768 and 1920×1080. Screenshots:
// tests/artifacts/screens/short-acceptance-*.png.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/issuance/validity-rules';
import { formatIsoDate } from '../../renderer/app/entry-format';
import de from '../../renderer/i18n/de.json';
import { LANGUAGE_INFO, UI_LANGUAGES } from '../../renderer/i18n/languages';
import { LANDSCAPE, newKioskPage, PORTRAIT } from './support/browser';
import { action, chooseLanguage, enterPersonByTouch, screen, typePersonFromIdScreen } from './support/flow';
import { kioskSuite } from './support/kiosk-suite';
import { fixtureFor, makePeople, type TestPerson } from './support/people';
import { E2E_TEST_MS, waitForScreen } from './support/waits';
import { screenPath } from './support/screens';

const [taker, decliner, asked] = makePeople(3, 'Knapp');
const fixture = fixtureFor(new Date(), [], { shortAcceptance: [taker!, decliner!, asked!] });
const suite = kioskSuite({ fixture }, { cleanSession: true });
const SIZES = [PORTRAIT, { width: 1280, height: 800 }, { width: 1366, height: 768 }, LANDSCAPE] as const;
const MIN_TARGET = 44;

/** du = fr + 180: the default rules accept the certificate until then (00:00 UTC). */
const acceptedUntil = (p: TestPerson) =>
  addDays(fixture.records.find((r) => r.familyName === p.familyName)!.firstPositiveTest, 180);

/** Confirms on the summary and waits for the question (or anything else, to report it). */
async function confirmExpectingQuestion(page: Page): Promise<string> {
  await action(page, 'next').click();
  return waitForScreen(page, ['shortAcceptance', 'result', 'refusal'] as const);
}

async function issuedCount(): Promise<number> {
  const count = await suite.kiosk.kiosk.runtime.registry.issuedCount();
  if (!count.ok) throw new Error(count.error.code);
  return count.value;
}

/** Page scroll and everything to touch inside the viewport. */
async function fitProblems(page: Page, size: { width: number; height: number }, tag: string): Promise<string[]> {
  await page.evaluate('document.fonts.ready');
  await page.screenshot({ path: screenPath(`short-acceptance-${tag}`) });
  const problems: string[] = [];
  const scroll = (await page.evaluate(
    '({ h: document.scrollingElement.scrollHeight, w: document.scrollingElement.scrollWidth })',
  )) as { h: number; w: number };
  if (scroll.h > size.height) problems.push(`${tag}: page scrolls (${scroll.h}px high)`);
  if (scroll.w > size.width) problems.push(`${tag}: page scrolls sideways (${scroll.w}px)`);
  const boxes = await page.locator('.kiosk button:visible').evaluateAll((els) =>
    els.map((el) => {
      const r = (
        el as unknown as { getBoundingClientRect(): { x: number; y: number; width: number; height: number } }
      ).getBoundingClientRect();
      return { what: (el as unknown as { outerHTML: string }).outerHTML.slice(0, 70), ...r };
    }),
  );
  for (const b of boxes.map((x) => ({ what: x.what, x: x.x, y: x.y, width: x.width, height: x.height })))
    if (b.x < 0 || b.y < 0 || b.x + b.width > size.width + 0.5 || b.y + b.height > size.height + 0.5)
      problems.push(`${tag}: outside the screen: ${b.what}`);
  return problems;
}

describe('fewer than seven days of acceptance left', { timeout: E2E_TEST_MS }, () => {
  it('the citizen is asked first, presses "Issue anyway" and gets the QR code with the warning', async () => {
    const before = await issuedCount();
    const page = await newKioskPage(suite.browser, suite.kiosk.url, PORTRAIT);
    await enterPersonByTouch(page, taker!);
    expect(await confirmExpectingQuestion(page)).toBe('shortAcceptance');
    const until = formatIsoDate(acceptedUntil(taker!), 'de-DE');
    expect(await page.locator('[data-testid="short-acceptance-until"]').innerText()).toBe(
      `In Deutschland anerkannt bis ${until}`,
    );
    expect(await page.locator('[data-testid="short-acceptance-days"]').innerText()).toMatch(
      /^Verbleibende Tage: [0-6]$/u,
    );
    expect(await page.locator('h1').innerText()).toBe('Ihr Zertifikat würde nur noch kurze Zeit anerkannt werden');
    // Nothing is issued while the question is on screen.
    expect(await issuedCount()).toBe(before);
    expect(await page.locator('[data-testid="certificate-qr"]').count()).toBe(0);

    await action(page, 'issue-anyway').click();
    await screen(page, 'result');
    await page.locator('[data-testid="certificate-qr"]').waitFor();
    const line = await page.locator('[data-testid="certificate-accepted-until"]').innerText();
    expect(line).toContain(until);
    expect(line).toContain('Achtung: Das Zertifikat wird nur noch kurze Zeit anerkannt.');
    expect(await issuedCount()).toBe(before + 1);
    await page.context().close();
  });

  it('"Cancel" returns to the start without issuing; the person can come back and is asked again', async () => {
    const before = await issuedCount();
    const page = await newKioskPage(suite.browser, suite.kiosk.url, PORTRAIT);
    await action(page, 'start').click();
    await typePersonFromIdScreen(page, decliner!);
    expect(await confirmExpectingQuestion(page)).toBe('shortAcceptance');
    // Hilfe explains this question in particular.
    await action(page, 'help').click();
    expect(await page.locator('dialog[data-dialog="help"]').innerText()).toContain(de.help.shortAcceptance);
    await action(page, 'help-close').click();
    await action(page, 'short-acceptance-cancel').click();
    await screen(page, 'welcome');
    expect(await issuedCount()).toBe(before);
    expect(await suite.kiosk.kiosk.api.sessionState({})).toMatchObject({ ok: true, value: { heldCertificates: 0 } });
    // The entries are gone with the wipe; entered again, the question comes again (not "in progress").
    await action(page, 'start').click();
    expect(await page.locator('input').first().inputValue()).toBe('');
    await typePersonFromIdScreen(page, decliner!);
    expect(await confirmExpectingQuestion(page)).toBe('shortAcceptance');
    await page.context().close();
  });

  it(
    'fits 1080×1920, 1280×800, 1366×768 and 1920×1080 without scrolling, also with larger text',
    async () => {
      const problems: string[] = [];
      for (const size of SIZES) {
        for (const largeText of [false, true]) {
          const page = await newKioskPage(suite.browser, suite.kiosk.url, size);
          if (largeText) await action(page, 'text-size').click();
          await action(page, 'start').click();
          await typePersonFromIdScreen(page, asked!);
          expect(await confirmExpectingQuestion(page)).toBe('shortAcceptance');
          problems.push(...(await fitProblems(page, size, `${size.width}x${size.height}${largeText ? '-aplus' : ''}`)));
          await page.context().close();
        }
      }
      expect(problems).toEqual([]);
    },
    3 * E2E_TEST_MS,
  );

  it(
    'in every language: axe finds nothing, targets ≥ 44 px, one h1, lang and dir right',
    async () => {
      const problems: string[] = [];
      for (const lang of UI_LANGUAGES) {
        const page = await newKioskPage(suite.browser, suite.kiosk.url, PORTRAIT);
        await chooseLanguage(page, lang);
        await action(page, 'start').click();
        await typePersonFromIdScreen(page, asked!);
        expect(await confirmExpectingQuestion(page)).toBe('shortAcceptance');
        await page.evaluate('document.fonts.ready');
        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const v of axe.violations)
          problems.push(`${lang} axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        const small = await page
          .locator('button:visible')
          .evaluateAll(
            (els, min) =>
              els
                .map((el) =>
                  (
                    el as unknown as { getBoundingClientRect(): { width: number; height: number } }
                  ).getBoundingClientRect(),
                )
                .filter((r) => r.width < min || r.height < min).length,
            MIN_TARGET,
          );
        if (small > 0) problems.push(`${lang}: ${small} targets under ${MIN_TARGET} px`);
        if ((await page.locator('h1').count()) !== 1) problems.push(`${lang}: not exactly one h1`);
        const html = page.locator('html');
        if ((await html.getAttribute('lang')) !== LANGUAGE_INFO[lang].htmlLang) problems.push(`${lang}: html lang`);
        if ((await html.getAttribute('dir')) !== LANGUAGE_INFO[lang].dir) problems.push(`${lang}: html dir`);
        // No key shown instead of a text.
        const text = await page.locator('[data-screen="shortAcceptance"]').innerText();
        if (/shortAcceptance\.|errors\.|\{\{/u.test(text)) problems.push(`${lang}: untranslated text: ${text}`);
        await page.screenshot({ path: screenPath(`short-acceptance-${lang}-portrait`) });
        await page.context().close();
      }
      expect(problems).toEqual([]);
    },
    3 * E2E_TEST_MS,
  );
});
