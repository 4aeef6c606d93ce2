// A physical keyboard or hand scanner types on as soon as a new screen is there: no key may be
// lost between the screen appearing and its keyboard handling being ready. The sharpest case is
// a screen change that follows an answer from core (the ID screen waits for validateId when Enter
// comes before the live check is back): React then commits the new screen in one task and runs
// its effects in a later one. Here the key is pressed by the page itself in the very microtask in
// which the new screen appears, so the test does not depend on how busy the machine is.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newKioskPage } from './support/browser';
import { action, screen } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import { E2E_TEST_MS, WAIT_MS, waitForElement } from './support/waits';

const people = makePeople(4, 'Typing');
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({ fixture: fixtureFor(new Date(), people) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

/** In the page: when `screen` appears, press `key` at once (same microtask as the DOM change). */
async function pressWhenScreenAppears(page: Page, screenName: string, key: string): Promise<void> {
  await page.evaluate(
    ([name, k]) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown; activeElement: unknown } })
        .document;
      const g = globalThis as unknown as Record<string, unknown> & {
        MutationObserver: new (cb: () => void) => { observe(t: unknown, o: unknown): void; disconnect(): void };
        KeyboardEvent: new (type: string, init: unknown) => unknown;
      };
      const observer = new g.MutationObserver(() => {
        if (!doc.querySelector(`[data-screen="${name}"]`)) return;
        observer.disconnect();
        const target = (doc.activeElement ?? doc) as { dispatchEvent(e: unknown): boolean };
        target.dispatchEvent(new g.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
        g.__pressedOn = name;
      });
      observer.observe(doc, { subtree: true, childList: true });
    },
    [screenName, key] as const,
  );
}

describe('typing right at a screen change', { timeout: E2E_TEST_MS }, () => {
  it('a key pressed as the name screen appears (after core checked the ID) reaches the name field', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    // Hold validateId back so that Enter arrives before the live check: the screen then changes
    // when core's answer comes, outside any input event.
    await page.route('**/api/validateId', async (route) => {
      await new Promise((r) => setTimeout(r, 300));
      await route.continue();
    });
    await action(page, 'start').click();
    await screen(page, 'id');
    await pressWhenScreenAppears(page, 'name', 'Q');
    await page.keyboard.type(people[0]!.genesenenId);
    await page.keyboard.press('Enter');
    await screen(page, 'name');
    await expect
      .poll(() => page.evaluate('globalThis.__pressedOn'), { timeout: WAIT_MS, message: 'the key press in the page' })
      .toBe('name');
    await expect
      .poll(() => page.locator('#family-name').inputValue(), { timeout: 2000, message: 'the name field' })
      .toBe('Q');
    await page.context().close();
  });

  it('the same for a screen change straight from a key press (name → date of birth)', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    await action(page, 'start').click();
    await screen(page, 'id');
    await page.keyboard.type(people[1]!.genesenenId);
    await waitForElement(page, '#id-status .kern-alert--success', 'the check mark of a complete ID');
    await page.keyboard.press('Enter');
    await screen(page, 'name');
    await pressWhenScreenAppears(page, 'dob', '3');
    await page.keyboard.type(people[1]!.familyName);
    await page.keyboard.press('Enter');
    await screen(page, 'dob');
    await expect
      .poll(() => page.evaluate('globalThis.__pressedOn'), { timeout: WAIT_MS, message: 'the key press in the page' })
      .toBe('dob');
    await expect
      .poll(() => page.locator('#dob-day').inputValue(), { timeout: 2000, message: 'the day field' })
      .toBe('3');
    await page.context().close();
  });
});
