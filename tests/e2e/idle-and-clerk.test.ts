// Inactivity and clerk mode. Idle: after the timeout a dialog counts down and offers
// more time (WCAG 2.2.1); if nobody answers, everything is wiped — the screen, the inputs, the
// QR, and the core's session (no held certificate, no clerk unlock). Clerk mode: opened by
// Ctrl+Alt+K or five taps on the corner, a wrong PIN is refused, the right one shows the status,
// a reissue needs a reason and yields a verifiable certificate, and Lock ends it.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { launchChromium, newKioskPage } from './support/browser';
import {
  action,
  confirm,
  enterPersonByKeyboard,
  finish,
  screen,
  tapDob,
  tapId,
  tapName,
  tapClerk,
} from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import { readQrFromScreen, verifyWithDemoTrust } from './support/qr';
import { E2E_TEST_MS, WAIT_MS, waitForElement } from './support/waits';
import de from '../../renderer/i18n/de.json';

const people = makePeople(6, 'Idle');
const IDLE = 30;
const WARNING = 20;
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({
    fixture: fixtureFor(new Date(), people),
    config: { ui: { idleTimeoutSeconds: IDLE, idleWarningSeconds: WARNING } },
  });
  browser = await launchChromium();
});

// One core serves all tests: start each from a clean session.
beforeEach(async () => {
  await kiosk.kiosk.api.endSession({});
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

const session = async () => {
  const r = await kiosk.kiosk.api.sessionState({});
  return r.ok ? r.value : null;
};
/** Polls the core's session state until it matches (the wipe's calls to core are asynchronous). */
const sessionSettles = (what: string) =>
  expect.poll(session, { timeout: WAIT_MS, message: `the core's session ${what}` });

async function enterPin(page: Page, pin: string) {
  await tapClerk(page, 'clerk', pin);
  await action(page, 'next').click();
}

describe('idle timeout', { timeout: E2E_TEST_MS }, () => {
  it('warns with a countdown and "more time", and keeps the entries when asked', async () => {
    const page = await newKioskPage(browser, kiosk.url, undefined, { fakeClock: true });
    // The page's time stands still from here on: the countdown read below must not depend on
    // how long the taps took on a busy machine (the clock would otherwise run in real time).
    await page.clock.pauseAt(Date.now() + 1000);
    await action(page, 'start').click();
    await tapId(page, people[0]!.genesenenId);
    await page.clock.fastForward(IDLE * 1000 + 500);
    const dialog = page.locator('dialog[open]');
    await waitForElement(page, 'dialog[open]', 'the idle warning');
    expect(await dialog.locator('[role="timer"]').innerText()).toMatch(/0:(20|19)/u);
    expect(await page.locator('[data-action="idle-more"]:focus').count()).toBe(1);
    await page.clock.fastForward(5000);
    expect(await dialog.locator('[role="timer"]').innerText()).toMatch(/0:1[45]/u);
    await action(page, 'idle-more').click();
    await waitForElement(page, 'dialog[open]', 'the idle warning to close', { state: 'detached' });
    expect(await page.locator('#genesenen-id').inputValue()).toBe(people[0]!.genesenenId);
    await page.context().close();
  });

  it('wipes inputs, QR and the core session when nobody answers', async () => {
    const page = await newKioskPage(browser, kiosk.url, undefined, { fakeClock: true });
    await enterPersonByKeyboard(page, people[1]!);
    expect(await confirm(page)).toBe('result');
    expect((await session())?.heldCertificates).toBe(1);
    await page.clock.fastForward(IDLE * 1000 + 500);
    await waitForElement(page, 'dialog[open]', 'the idle warning');
    await page.clock.fastForward(WARNING * 1000 + 500);
    await screen(page, 'welcome');
    expect(await page.locator('dialog[open]').count()).toBe(0);
    expect(await page.locator('[data-testid="certificate-qr"]').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain(people[1]!.familyName);
    await sessionSettles('after the idle wipe').toMatchObject({ heldCertificates: 0, clerkUnlocked: false });
    // Nothing of the person comes back when the next one starts.
    await action(page, 'start').click();
    expect(await page.locator('#genesenen-id').inputValue()).toBe('');
    await page.context().close();
  });

  it('also wipes a half-entered person and an unlocked clerk', async () => {
    const page = await newKioskPage(browser, kiosk.url, undefined, { fakeClock: true });
    await page.keyboard.press('Control+Alt+KeyK');
    await screen(page, 'clerkPin');
    await enterPin(page, DEMO_CLERK_PIN);
    await screen(page, 'clerkStatus');
    expect((await session())?.clerkUnlocked).toBe(true);
    await action(page, 'clerk-walk-in').click();
    await tapId(page, people[2]!.genesenenId);
    await action(page, 'next').click();
    await tapName(page, 'Halb');
    await page.clock.fastForward((IDLE + WARNING) * 1000 + 1000);
    await page.clock.fastForward(1000);
    await screen(page, 'welcome');
    await sessionSettles('after the idle wipe').toMatchObject({ heldCertificates: 0, clerkUnlocked: false });
    expect(await page.locator('.clerk-bar').count()).toBe(0);
    await page.context().close();
  });
});

describe('clerk mode', { timeout: E2E_TEST_MS }, () => {
  it('refuses a wrong PIN and shows the status with the right one', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    await page.keyboard.press('Control+Alt+KeyK');
    await screen(page, 'clerkPin');
    await enterPin(page, '000000');
    await expect(page.locator('#pin-status [role="alert"]').innerText()).resolves.toBe(de.errors.CLERK_PIN_WRONG);
    expect(await page.locator('#clerk-pin').inputValue()).toBe('');
    expect((await session())?.clerkUnlocked).toBe(false);
    await enterPin(page, DEMO_CLERK_PIN);
    const status = page.locator('[data-testid="clerk-status"]');
    await waitForElement(page, '[data-testid="clerk-status"]', 'the clerk status');
    const text = await status.innerText();
    expect(text).toContain('simulator');
    expect(text).toMatch(/Schlüssel-ID \(kid\): \S+/u);
    expect(text).toContain('Demo-Zertifikat');
    expect(text).toMatch(/Ausgestellte Zertifikate: \d+/u);
    await action(page, 'clerk-lock').click();
    await screen(page, 'welcome');
    await sessionSettles('after Lock').toMatchObject({ clerkUnlocked: false });
    await page.context().close();
  });

  it('opens with five taps on the top-right corner', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    const corner = page.locator('[data-testid="clerk-corner"]');
    for (let i = 0; i < 5; i++) await corner.click();
    await screen(page, 'clerkPin');
    await action(page, 'back').click();
    await screen(page, 'welcome');
    await page.context().close();
  });

  it('reissues with a reason after ALREADY_ISSUED; the new QR verifies', async () => {
    const person = people[3]!;
    const page = await newKioskPage(browser, kiosk.url);
    expect(await (async () => (await enterPersonByKeyboard(page, person), confirm(page)))()).toBe('result');
    await finish(page);
    await page.keyboard.press('Control+Alt+KeyK');
    await enterPin(page, DEMO_CLERK_PIN);
    await screen(page, 'clerkStatus');
    await action(page, 'clerk-walk-in').click();
    await tapId(page, person.genesenenId);
    await action(page, 'next').click();
    await tapName(page, person.familyName);
    await action(page, 'next').click();
    await tapDob(page, person.dateOfBirth);
    await action(page, 'next').click();
    expect(await confirm(page)).toBe('refusal');
    await action(page, 'reissue').click();
    await screen(page, 'reason');
    await action(page, 'next').click(); // empty reason is refused on screen
    await expect(page.locator('#reason-status [role="alert"]').innerText()).resolves.toBe(de.errors.REASON_REQUIRED);
    await page.locator('#reissue-reason').click();
    await page.keyboard.type('Handy verloren');
    await action(page, 'next').click();
    await screen(page, 'summary');
    expect(await confirm(page)).toBe('result');
    expect(await page.locator('h1').innerText()).toBe(de.result.titleReissue);
    const report = await verifyWithDemoTrust(await readQrFromScreen(page), kiosk.dataDir);
    if (!report.ok) throw new Error(`the QR does not verify: ${report.error.code}`);
    expect(report.value.payload).toMatchObject({ nam: { fn: person.familyName } });
    await finish(page);
    await sessionSettles('after Finish').toMatchObject({ heldCertificates: 0, clerkUnlocked: false });
    await page.context().close();
  });
});
