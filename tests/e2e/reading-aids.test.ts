// Aids to reading what the kiosk shows: a letter O (or I, L) typed into the Genesenen-ID gets a
// hint that the ID has the digit 0 (1) there — and the ID is still accepted; the idle countdown is
// announced politely when the warning starts and once more at 10 seconds, not every second; in
// Arabic, the summary's Latin values (ID, name, date) sit in <bdi> isolates and keep their order.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LANDSCAPE, newKioskPage } from './support/browser';
import { action, chooseLanguage, screen, tapId, typePersonFromIdScreen } from './support/flow';
import { kioskSuite } from './support/kiosk-suite';
import { fixtureFor, makePeople } from './support/people';
import { E2E_TEST_MS, waitForElement } from './support/waits';
import de from '../../renderer/i18n/de.json';
import { screenPath } from './support/screens';

const compact = (id: string) => id.replaceAll('-', '');
/** A 0 the hint test can type up to without completing the ID. */
const hasZeroInside = (id: string) => compact(id).slice(0, -1).includes('0');

/**
 * Eight people, at least one with the digit 0 before the ID's last character (random IDs lack it
 * about one run in sixteen). A 0 only at the end would not do for the hint test: typing up to it
 * completes the ID, and then the status says "complete" instead of the hint (the next test).
 */
function peopleWithAZeroInside(): ReturnType<typeof makePeople> {
  for (;;) {
    const people = makePeople(8, 'Reading');
    if (people.some((p) => hasZeroInside(p.genesenenId))) return people;
  }
}

/** One more person whose ID ends in the digit 0 (one random ID in 32). */
function personEndingInZero(): ReturnType<typeof makePeople>[number] {
  for (;;) {
    const [person] = makePeople(1, 'Ending');
    if (person && compact(person.genesenenId).endsWith('0')) return person;
  }
}

const people = peopleWithAZeroInside();
const endingInZero = personEndingInZero();
const IDLE = 30;
const WARNING = 25;
const suite = kioskSuite(
  {
    fixture: fixtureFor(new Date(), [...people, endingInZero]),
    config: { ui: { idleTimeoutSeconds: IDLE, idleWarningSeconds: WARNING } },
  },
  { cleanSession: true },
);

const LOOKALIKE = '[data-testid="id-lookalike"]';
const hint = (letter: string, digit: string) =>
  de.id.lookalike.replace(/\{\{letter\}\}/gu, letter).replace('{{digit}}', digit);

describe('look-alike letters in the ID', { timeout: E2E_TEST_MS }, () => {
  it('typing O says the ID has the digit 0 there, and the ID with O is still accepted', async () => {
    const person = people.find((p) => hasZeroInside(p.genesenenId))!;
    const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE);
    await action(page, 'start').click();
    await screen(page, 'id');
    const shown = page.locator(LOOKALIKE);
    const field = page.locator('#genesenen-id');
    expect(await shown.count()).toBe(0);
    await page.keyboard.type('l');
    await waitForElement(page, LOOKALIKE, 'the look-alike hint after typing "l"');
    expect(await shown.innerText()).toBe(hint('L', '1'));
    await page.keyboard.press('Backspace');
    // The hint leaves with the next render; a loaded machine may not have painted it yet.
    await shown.waitFor({ state: 'detached' });
    const withO = person.genesenenId.replace('0', 'O');
    const firstO = compact(withO).indexOf('O');
    const typed = compact(withO).slice(0, firstO + 1);
    await page.keyboard.type(typed);
    await waitForElement(
      page,
      LOOKALIKE,
      `the look-alike hint after typing "${typed}" (right after typing, the field showed "${await field.inputValue()}")`,
    );
    expect(await shown.innerText()).toBe(hint('O', '0'));
    expect(await page.locator('#id-status').getAttribute('aria-live')).toBe('polite');
    await page.keyboard.type(compact(withO).slice(firstO + 1));
    await page.keyboard.press('Enter');
    await screen(page, 'name');
    await page.context().close();
  });

  it('an O as the last character completes the ID: it is checked, the status says "complete", and it is accepted', async () => {
    const withO = compact(endingInZero.genesenenId).slice(0, -1) + 'O';
    const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE);
    await action(page, 'start').click();
    await screen(page, 'id');
    await page.keyboard.type(withO);
    await waitForElement(page, '#id-status .kern-alert--success', `"complete" after typing "${withO}"`);
    expect(await page.locator('#id-status').innerText()).toBe(de.id.complete);
    expect(await page.locator(LOOKALIKE).count()).toBe(0);
    await page.keyboard.press('Enter');
    await screen(page, 'name');
    await page.context().close();
  });
});

describe('idle countdown for screen readers', { timeout: E2E_TEST_MS }, () => {
  it('is announced politely when the warning starts and again at 10 seconds, not every second', async () => {
    const page = await newKioskPage(suite.browser, suite.kiosk.url, undefined, { fakeClock: true });
    await page.clock.pauseAt(Date.now() + 1000);
    await action(page, 'start').click();
    await tapId(page, people[0]!.genesenenId);
    await page.clock.fastForward(IDLE * 1000 + 500);
    await waitForElement(page, 'dialog[open]', 'the idle warning');
    const said = page.locator('[data-testid="idle-announcement"]');
    const announcement = (seconds: number) => de.idle.announce.replace('{{seconds}}', String(seconds));
    expect(await said.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => said.innerText()).toBe(announcement(WARNING));
    await page.clock.fastForward(5000);
    expect(await said.innerText()).toBe(announcement(WARNING));
    await page.clock.fastForward(WARNING * 1000 - 5000 - 10_000);
    await expect.poll(() => said.innerText()).toBe(announcement(10));
    await page.screenshot({ path: screenPath('portrait-idle-10s') });
    await page.clock.fastForward(4000);
    expect(await said.innerText()).toBe(announcement(10));
    await action(page, 'idle-more').click();
    await page.context().close();
  });
});

/** x of the first and the last character of an element's text, as drawn. */
function charEdges(page: Page, testId: string): Promise<{ first: number; last: number }> {
  return page.locator(`[data-testid="${testId}"]`).evaluate((el) => {
    const doc = (globalThis as unknown as { document: { createRange(): RangeLike } }).document;
    interface RangeLike {
      setStart(n: unknown, o: number): void;
      setEnd(n: unknown, o: number): void;
      getBoundingClientRect(): { left: number };
    }
    const node = (el as unknown as { firstChild: { length: number } }).firstChild;
    const at = (i: number) => {
      const r = doc.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      return r.getBoundingClientRect().left;
    };
    return { first: at(0), last: at(node.length - 1) };
  });
}

describe('Latin values in Arabic', { timeout: E2E_TEST_MS }, () => {
  it('the summary isolates the ID, name and date in <bdi>; the ID and name read left to right', async () => {
    const page = await newKioskPage(suite.browser, suite.kiosk.url, LANDSCAPE);
    await chooseLanguage(page, 'ar');
    await action(page, 'start').click();
    await typePersonFromIdScreen(page, people[1]!);
    for (const key of ['id', 'name', 'dob']) {
      const value = page.locator(`[data-testid="summary-${key}"]`);
      expect(await value.evaluate((el) => (el as unknown as { tagName: string }).tagName)).toBe('BDI');
    }
    expect(await page.locator('[data-testid="summary-id"]').getAttribute('dir')).toBe('ltr');
    for (const key of ['summary-id', 'summary-name']) {
      const { first, last } = await charEdges(page, key);
      expect(first, key).toBeLessThan(last);
    }
    await page.screenshot({ path: screenPath('ar-landscape-summary-bdi') });
    await page.context().close();
  });
});
