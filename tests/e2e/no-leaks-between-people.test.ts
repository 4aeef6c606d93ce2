// Nothing of one person reaches the next: every way back to the welcome screen wipes (a
// confirmed "Cancel" on the first question, Back from there, Finish after "saved?"); the
// language can be changed on every screen without losing or leaking entries; while the idle
// warning counts down, the person's data is not visible behind it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, newKioskPage } from './support/browser';
import { action, confirm, enterPersonByTouch, screen, tapDob, tapId, tapName } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';

type Strings = Record<string, Record<string, string>>;
const load = (lang: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../renderer/i18n', `${lang}.json`), 'utf8')) as Strings;
const de = load('de');
const en = load('en');
const people = makePeople(4, 'Seam');
const IDLE = 30;
const WARNING = 20;
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({
    fixture: fixtureFor(new Date(), people),
    config: { ui: { idleTimeoutSeconds: IDLE, idleWarningSeconds: WARNING, resultIdleTimeoutSeconds: 20 } },
  });
  browser = await launchChromium();
});

beforeEach(async () => {
  await kiosk.kiosk.api.endSession({});
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

const heading = (page: Page) => page.locator('h1').innerText();

async function expectEmptyStart(page: Page) {
  await action(page, 'start').click();
  await screen(page, 'id');
  expect(await page.locator('#genesenen-id').inputValue()).toBe('');
  await page.locator('#genesenen-id').press('Enter'); // nothing typed: stays, no crash
  expect(await page.locator('#genesenen-id').inputValue()).toBe('');
}

describe('every way back to the start wipes', () => {
  it('Back from the summary to the first question, then Cancel: the next person starts empty', async () => {
    const person = people[0]!;
    const page = await newKioskPage(browser, kiosk.url);
    await enterPersonByTouch(page, person);
    for (const expected of ['dob', 'name', 'id']) {
      await action(page, 'back').click();
      await screen(page, expected);
    }
    // On the first question Back is "Cancel", and it asks first; "No" keeps everything.
    expect(await page.locator('[data-action="back"]').count()).toBe(0);
    await expect(action(page, 'cancel').innerText()).resolves.toBe(de.nav!.cancel);
    await action(page, 'cancel').click();
    await page.locator('dialog[data-dialog="cancel-confirm"]').waitFor();
    expect(await page.locator('[data-action="cancel-confirm-keep"]:focus').count()).toBe(1);
    await action(page, 'cancel-confirm-keep').click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await page.locator('#genesenen-id').inputValue()).toBe(person.genesenenId);
    // Focus returns to the button that opened the dialog.
    expect(await page.locator('[data-action="cancel"]:focus').count()).toBe(1);
    await action(page, 'cancel').click();
    await action(page, 'cancel-confirm').click();
    await screen(page, 'welcome');
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(person.familyName);
    await expectEmptyStart(page);
    await action(page, 'next').click();
    await page.locator('#id-status [role="alert"]').waitFor();
    await page.context().close();
  });

  it('a half-entered person on the name and date screens is gone after Cancel', async () => {
    const person = people[1]!;
    const page = await newKioskPage(browser, kiosk.url);
    await action(page, 'start').click();
    await tapId(page, person.genesenenId);
    await page.locator('#id-status .kern-alert--success').waitFor();
    await action(page, 'next').click();
    await tapName(page, person.familyName);
    await action(page, 'next').click();
    await tapDob(page, person.dateOfBirth);
    await action(page, 'back').click();
    await action(page, 'back').click();
    await action(page, 'cancel').click();
    await action(page, 'cancel-confirm').click();
    await screen(page, 'welcome');
    await expectEmptyStart(page);
    await action(page, 'next').click();
    // The name and date screens are reached only through the ID: nothing is filled there either.
    expect(await page.locator('[data-screen="id"]').count()).toBe(1);
    await page.context().close();
  });

  it('Finish asks "saved?" first; No keeps the QR, Yes wipes screen and session', async () => {
    const person = people[2]!;
    const page = await newKioskPage(browser, kiosk.url);
    await enterPersonByTouch(page, person);
    expect(await confirm(page)).toBe('result');
    await action(page, 'finish').click();
    const dialog = page.locator('dialog[data-dialog="finish-confirm"]');
    await dialog.waitFor();
    expect(await dialog.locator('h2').innerText()).toBe(de.finish!.title);
    await action(page, 'finish-confirm-keep').click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="certificate-qr"]').isVisible()).toBe(true);
    await action(page, 'finish').click();
    await action(page, 'finish-confirm').click();
    await screen(page, 'welcome');
    expect(await page.locator('body').innerText()).not.toContain(person.familyName);
    await expect.poll(async () => kiosk.kiosk.api.sessionState({})).toMatchObject({ value: { heldCertificates: 0 } });
    await expectEmptyStart(page);
    await page.context().close();
  });
});

describe('language switch on every screen', () => {
  it('changes the language from the header on each question and keeps every entry', async () => {
    const person = people[3]!;
    const page = await newKioskPage(browser, kiosk.url);
    const switchTo = async (code: string) => {
      await action(page, 'language-menu').click();
      await page.locator(`dialog[data-dialog="language"] [data-lang="${code}"]`).click();
      await page.locator(`html[data-ui-language="${code}"]`).waitFor({ state: 'attached' });
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
    };
    await action(page, 'start').click();
    await tapId(page, person.genesenenId);
    await switchTo('en');
    expect(await heading(page)).toBe(en.id!.title);
    expect(await page.locator('#genesenen-id').inputValue()).toBe(person.genesenenId);
    await action(page, 'next').click();
    await tapName(page, person.familyName);
    await switchTo('de');
    expect(await heading(page)).toBe(de.name!.title);
    expect(await page.locator('#family-name').inputValue()).toBe(person.familyName);
    await action(page, 'next').click();
    await tapDob(page, person.dateOfBirth);
    await switchTo('en');
    expect(await heading(page)).toBe(en.dob!.title);
    await action(page, 'next').click();
    await screen(page, 'summary');
    await switchTo('de');
    expect(await heading(page)).toBe(de.summary!.title);
    const summary = await page.locator('.summary-list').innerText();
    expect(summary).toContain(person.familyName);
    expect(summary).toContain(person.genesenenId);
    expect(await confirm(page)).toBe('result');
    await switchTo('en');
    expect(await heading(page)).toBe(en.result!.title);
    expect(await page.locator('[data-testid="certificate-qr"]').isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('the idle warning', () => {
  it('hides the certificate and name behind the countdown, sooner on the result screen', async () => {
    const person = { ...people[0]!, genesenenId: people[0]!.genesenenId };
    const k = await startKioskServer({
      fixture: fixtureFor(new Date(), [person]),
      config: { ui: { idleTimeoutSeconds: IDLE, idleWarningSeconds: WARNING, resultIdleTimeoutSeconds: 15 } },
    });
    try {
      const page = await newKioskPage(browser, k.url, undefined, { fakeClock: true });
      await enterPersonByTouch(page, person);
      expect(await confirm(page)).toBe('result');
      const name = page.locator('[data-testid="certificate-name"]');
      expect(await name.isVisible()).toBe(true);
      await page.clock.fastForward(15_000 + 500); // the result screen's shorter wait, not IDLE
      await page.locator('dialog[open]').waitFor();
      expect(await name.isVisible()).toBe(false);
      expect(await page.locator('[data-testid="certificate-qr"]').isVisible()).toBe(false);
      await action(page, 'idle-more').click();
      await page.locator('dialog[open]').waitFor({ state: 'detached' });
      expect(await name.isVisible()).toBe(true);
      await page.context().close();
    } finally {
      await k.close();
    }
  });
});
