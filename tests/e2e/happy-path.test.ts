// The citizen's path in Chromium against the real core: enter the letter's data by
// touch, confirm, and the QR code on the screen — read from a screenshot like a phone reads it —
// verifies with our verifier against the kiosk's demo DSC and carries that person's data. The
// same by keyboard alone and with a hand scanner. Finish wipes the screen and the core's session.
// The confirm → QR time is measured by the bench (web_confirm_to_qr), not here.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computedStyle, launchChromium, newKioskPage, PORTRAIT } from './support/browser';
import {
  action,
  confirm,
  enterPersonByKeyboard,
  enterPersonByTouch,
  finish,
  screen,
  tabToAndPress,
} from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import { readQrFromScreen, verifyWithDemoTrust } from './support/qr';
import { E2E_TEST_MS, WAIT_MS } from './support/waits';

const people = makePeople(26, 'Happy');
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

async function expectVerifiedQrFor(page: Page, person: (typeof people)[number]) {
  const hc1 = await readQrFromScreen(page);
  expect(hc1.startsWith('HC1:')).toBe(true);
  const report = await verifyWithDemoTrust(hc1, kiosk.dataDir);
  if (!report.ok) throw new Error(`the QR does not verify: ${report.error.code}`);
  expect(report.value.payload).toMatchObject({
    nam: { fn: person.familyName, gn: person.givenName },
    dob: person.dateOfBirth,
  });
}

describe('issuing in the browser', { timeout: E2E_TEST_MS }, () => {
  it('by touch: the QR on screen verifies and carries the person; Finish wipes everything', async () => {
    const person = people[0]!;
    const page = await newKioskPage(browser, kiosk.url, PORTRAIT);
    await enterPersonByTouch(page, person);
    const summary = await page.locator('.summary-list').innerText();
    expect(summary).toContain(person.genesenenId);
    expect(summary).toContain(person.familyName);
    expect(await confirm(page)).toBe('result');

    // Large, centred on white, for a phone at arm's length.
    const qr = await page.locator('[data-testid="certificate-qr"]').boundingBox();
    expect(qr!.width).toBeGreaterThanOrEqual(0.6 * Math.min(PORTRAIT.width, PORTRAIT.height));
    expect(Math.abs(qr!.x + qr!.width / 2 - PORTRAIT.width / 2)).toBeLessThan(40);
    expect(await computedStyle(page.locator('.result__qr'), 'backgroundColor')).toBe('rgb(255, 255, 255)');
    await expectVerifiedQrFor(page, person);
    await expect(page.locator('[data-testid="certificate-name"]').innerText()).resolves.toBe(
      `${person.givenName} ${person.familyName}`,
    );
    await expect(page.locator('.demo-stamp').isVisible()).resolves.toBe(true);
    expect((await kiosk.kiosk.api.sessionState({})).ok && (await kiosk.kiosk.api.sessionState({}))).toMatchObject({
      value: { heldCertificates: 1 },
    });

    await finish(page);
    await screen(page, 'welcome');
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(person.familyName);
    expect(text).not.toContain(person.genesenenId);
    expect(await page.locator('[data-testid="certificate-qr"]').count()).toBe(0);
    await expect
      .poll(async () => kiosk.kiosk.api.sessionState({}), {
        timeout: WAIT_MS,
        message: "the core's session after Finish",
      })
      .toMatchObject({ ok: true, value: { heldCertificates: 0, clerkUnlocked: false } });
    // Back on the ID screen nothing of the previous person is left in the field.
    await action(page, 'start').click();
    await expect(page.locator('#genesenen-id').inputValue()).resolves.toBe('');
    await page.context().close();
  });

  it('by keyboard alone, and with a hand scanner typing the ID followed by Enter', async () => {
    const person = people[1]!;
    const page = await newKioskPage(browser, kiosk.url, PORTRAIT);
    await enterPersonByKeyboard(page, person);
    await tabToAndPress(page, 'next');
    await screen(page, 'result');
    await expectVerifiedQrFor(page, person);
    await tabToAndPress(page, 'finish');
    await tabToAndPress(page, 'finish-confirm');
    await screen(page, 'welcome');
    // Scanner: the ID with separators in one burst and Enter, while focus is on the heading.
    await action(page, 'start').click();
    await screen(page, 'id');
    await page.keyboard.type(people[2]!.genesenenId.toLowerCase(), { delay: 0 });
    await page.keyboard.press('Enter');
    await screen(page, 'name');
    await page.context().close();
  });

  it('partial dates of birth (year only) go through', async () => {
    const person = { ...people[3]!, dateOfBirth: '1950' };
    const k = await startKioskServer({ fixture: fixtureFor(new Date(), [person]) });
    try {
      const page = await newKioskPage(browser, k.url, PORTRAIT);
      await enterPersonByTouch(page, person);
      expect(await page.locator('.summary-list').innerText()).toContain('1950');
      expect(await confirm(page)).toBe('result');
      const report = await verifyWithDemoTrust(await readQrFromScreen(page), k.dataDir);
      if (!report.ok) throw new Error(`the QR does not verify: ${report.error.code}`);
      expect(report.value.payload).toMatchObject({ dob: '1950' });
      await page.context().close();
    } finally {
      await k.close();
    }
  });

  // The time from "confirm" to the QR on screen (median of 20) is a figure, not a test: it is
  // measured by `npm run bench -- --only web_confirm_to_qr` (bench/web-bench.ts).
});
