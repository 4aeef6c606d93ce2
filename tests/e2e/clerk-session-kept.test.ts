// The clerk session in assist mode (docs/configuration.md, "Clerk session"), in Chromium against
// the real core: typing keeps the session alive past its idle lock (the clerk bar's countdown goes
// back up), the bar warns near the end, and a session that has ended asks for the PIN again in a
// dialog — after which the clerk continues with every entry kept, up to the issued certificate.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import de from '../../renderer/i18n/de.json';
import { launchChromium, newKioskPage } from './support/browser';
import { action, confirm, screen, tapClerk } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import { E2E_TEST_MS } from './support/waits';
import { screenPath } from './support/screens';

const IDLE_LOCK_SECONDS = 30;
const [walkIn] = makePeople(1, 'Sitzung');
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({
    fixture: fixtureFor(new Date(), [walkIn!]),
    config: { clerk: { sessionMinutes: 10, idleLockSeconds: IDLE_LOCK_SECONDS } },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

const clerkUnlocked = async () => {
  const s = await kiosk.kiosk.api.sessionState({});
  return s.ok && s.value.clerkUnlocked;
};

/** Seconds the clerk bar shows ("Anmeldung noch 0:27" → 27). */
async function barSeconds(page: Page): Promise<number> {
  const text = await page.locator('[data-testid="clerk-time"] [role="timer"]').innerText();
  const m = /(\d+):(\d{2})/u.exec(text);
  if (!m) throw new Error(`no time in the clerk bar: ${text}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

async function axeClean(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('clerk session', { timeout: E2E_TEST_MS }, () => {
  it('is kept alive by typing, warns near its end, and asks the PIN again keeping the entries', async () => {
    const person = walkIn!;
    const page = await newKioskPage(browser, kiosk.url);
    await page.keyboard.press('Control+Alt+KeyK');
    await screen(page, 'clerkPin');
    await tapClerk(page, 'clerk', DEMO_CLERK_PIN);
    await action(page, 'next').click();
    await screen(page, 'clerkStatus');
    const unlockedAt = Date.now();
    await action(page, 'clerk-walk-in').click();
    await screen(page, 'id');

    // The ID typed slowly, for longer than the idle lock: each key may extend the session.
    const seen: number[] = [];
    for (const ch of person.genesenenId) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(3500);
      seen.push(await barSeconds(page));
    }
    expect(Date.now() - unlockedAt).toBeGreaterThan(IDLE_LOCK_SECONDS * 1000);
    expect(await clerkUnlocked()).toBe(true);
    expect(await page.locator('dialog[data-dialog="clerk-reauth"]').count()).toBe(0);
    // The countdown went back up when typing reached core (never above the idle lock).
    expect(seen.some((s, i) => i > 0 && s > seen[i - 1]!)).toBe(true);
    expect(Math.max(...seen)).toBeLessThanOrEqual(IDLE_LOCK_SECONDS);
    expect(await page.locator('[data-testid="clerk-time"]').getAttribute('data-warning')).toBe('true');
    await page.screenshot({ path: screenPath('clerk-bar-warning') });
    await page.keyboard.press('Enter');
    await screen(page, 'name');
    await page.keyboard.type(person.familyName);

    // No typing now: the session ends by its idle lock, and the PIN is asked again.
    const dialog = page.locator('dialog[data-dialog="clerk-reauth"]');
    await dialog.waitFor({ timeout: (IDLE_LOCK_SECONDS + 20) * 1000 });
    // The bar counts whole seconds down from core's answer, so it may end up to a second early.
    for (let i = 0; i < 20 && (await clerkUnlocked()); i++) await page.waitForTimeout(100);
    expect(await clerkUnlocked()).toBe(false);
    expect(await dialog.innerText()).toContain(de.clerk.reauthText);
    expect(await page.locator('.kiosk-main--concealed').count()).toBe(1);
    await axeClean(page);
    await page.screenshot({ path: screenPath('clerk-reauth') });
    await tapClerk(dialog, 'clerk', '1');
    await action(page, 'reauth-unlock').click();
    await expect(dialog.locator('[role="alert"]').innerText()).resolves.toBe(de.errors.CLERK_PIN_WRONG);
    await dialog.locator('input[type="password"]').click();
    for (const d of DEMO_CLERK_PIN) await dialog.locator(`.kiosk-keyboard [data-key="${d}"]`).click();
    await action(page, 'reauth-unlock').click();
    await dialog.waitFor({ state: 'detached' });

    // Everything typed is still there; the clerk goes on to the certificate.
    expect(await clerkUnlocked()).toBe(true);
    expect(await page.locator('#family-name').inputValue()).toBe(person.familyName);
    await action(page, 'back').click();
    await screen(page, 'id');
    expect((await page.locator('#genesenen-id').inputValue()).replace(/-/gu, '')).toBe(
      person.genesenenId.replace(/-/gu, ''),
    );
    await page.keyboard.press('Enter');
    await screen(page, 'name');
    await page.keyboard.press('Enter');
    await screen(page, 'dob');
    const [y, m, d] = person.dateOfBirth.split('-');
    await page.keyboard.type(`${d}${m}${y}`);
    await page.keyboard.press('Enter');
    await screen(page, 'summary');
    expect(await barSeconds(page)).toBeGreaterThan(IDLE_LOCK_SECONDS - 10);
    expect(await confirm(page)).toBe('result');
    await page.context().close();
  });
});
