// Limits that help instead of trap (docs/configuration.md, "Attempt limits"), in Chromium against
// the real core: from the third wrong entry the refusal says how many tries are left, the lock's
// end is shown as a local clock time, and a kiosk-wide lock is worded as a device lock ("ask
// staff"), shown on the welcome screen (no Start) and on the clerk status. axe stays clean.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import ar from '../../renderer/i18n/ar.json';
import de from '../../renderer/i18n/de.json';
import { launchChromium, newKioskPage } from './support/browser';
import { action, chooseLanguage, confirm, enterPersonByKeyboard, screen, tapClerk } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import { E2E_TEST_MS } from './support/waits';
import { screenPath } from './support/screens';

const [guesser, other] = makePeople(2, 'Limit');
let perId: RunningKiosk;
let perKiosk: RunningKiosk;
let perKioskDelay: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  const fixture = fixtureFor(new Date(), [guesser!, other!]);
  perId = await startKioskServer({
    fixture,
    config: { attemptLimits: { perId: { max: 5, windowSeconds: 3600 }, perKiosk: { max: 1000, windowSeconds: 3600 } } },
  });
  perKiosk = await startKioskServer({
    fixture,
    config: { attemptLimits: { perKiosk: { max: 2, windowSeconds: 1800 } } },
  });
  // A growing delay (the default kind of kiosk-wide limit), with a wait long enough that a loaded
  // machine still reaches the third entry and the welcome screen inside it.
  perKioskDelay = await startKioskServer({
    fixture,
    config: {
      attemptLimits: { perKiosk: { max: 2, windowSeconds: 1800, delay: { firstSeconds: 20, maxSeconds: 60 } } },
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await perId?.close();
  await perKiosk?.close();
  await perKioskDelay?.close();
});

/**
 * "14:35" in the browser's zone (newKioskPage: Europe/Berlin) for every minute a limit can lift:
 * `seconds` after the first counted wrong entry, made between `from` and `to`. A lift on another
 * day than today carries its date ("2. Dezember, 00:16"), as the screen writes it after 23:00.
 */
function clockTimes(seconds: number, from: number, to: number): string[] {
  const zone = { timeZone: 'Europe/Berlin' } as const;
  const day = new Intl.DateTimeFormat('de-DE', { ...zone, dateStyle: 'short' });
  const time = new Intl.DateTimeFormat('de-DE', { ...zone, hour: '2-digit', minute: '2-digit' });
  const dated = new Intl.DateTimeFormat('de-DE', {
    ...zone,
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
  const today = day.format(new Date());
  const out = new Set<string>();
  for (let t = from; t < to + 60_000; t += 30_000) {
    const at = new Date(Math.min(t, to) + seconds * 1000);
    out.add((day.format(at) === today ? time : dated).format(at));
  }
  return [...out];
}

async function refusal(page: Page) {
  await screen(page, 'refusal');
  const host = page.locator('[data-screen="refusal"] section');
  return {
    code: await host.getAttribute('data-error-code'),
    heading: await page.locator('h1').innerText(),
    text: await host.innerText(),
    tries:
      (await page.locator('[data-testid="tries-left"]').count()) > 0
        ? await page.locator('[data-testid="tries-left"]').innerText()
        : null,
  };
}

/** Again from the refusal: "Angaben prüfen" → summary → confirm. */
async function again(page: Page): Promise<void> {
  await action(page, 'check-entries').click();
  await screen(page, 'summary');
  expect(await confirm(page)).toBe('refusal');
}

async function axeClean(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

describe('attempt limits that say what next', { timeout: E2E_TEST_MS }, () => {
  it('tells the tries left from the third wrong entry, then until when the ID is locked', async () => {
    const page = await newKioskPage(browser, perId.url);
    await enterPersonByKeyboard(page, { ...guesser!, familyName: 'Anders' });
    const first = Date.now();
    expect(await confirm(page)).toBe('refusal');
    const firstDone = Date.now();
    expect((await refusal(page)).tries).toBeNull();
    await again(page);
    expect((await refusal(page)).tries).toBeNull();
    await again(page);
    const third = await refusal(page);
    expect([third.code, third.tries]).toEqual(['NOT_FOUND', 'Sie haben noch 2 Versuche.']);
    await axeClean(page);
    await page.screenshot({ path: screenPath('tries-left') });
    await again(page);
    expect((await refusal(page)).tries).toBe(de.limits.lastTry);
    await again(page);
    const fifth = await refusal(page);
    // The ID's limit lifts an hour after the oldest of its five wrong entries.
    const times = clockTimes(3600, first, firstDone);
    expect(times.map((time) => de.limits.noTriesLeft.replace('{{time}}', time))).toContain(fifth.tries);
    await again(page);
    const locked = await refusal(page);
    expect([locked.code, locked.heading]).toEqual(['TOO_MANY_ATTEMPTS', de.refusal.tooManyAttempts.title]);
    expect(times.some((time) => locked.text.includes(`bis ${time} Uhr`))).toBe(true);
    expect(locked.text).not.toMatch(/Anders|Limit/u);
    await page.screenshot({ path: screenPath('id-locked') });
    await page.context().close();
  });

  it('words a kiosk-wide lock as a device lock, shows it on the welcome screen and the clerk status, where the clerk lifts it', async () => {
    const page = await newKioskPage(browser, perKiosk.url);
    await enterPersonByKeyboard(page, { ...guesser!, familyName: 'Falsch' });
    const first = Date.now();
    expect(await confirm(page)).toBe('refusal');
    const times = clockTimes(1800, first, Date.now());
    await again(page);
    await again(page);
    const locked = await refusal(page);
    expect([locked.code, locked.heading]).toEqual(['TOO_MANY_ATTEMPTS', de.refusal.kioskLocked.title]);
    expect(await page.locator('[data-limit-scope="kiosk"]').count()).toBe(1);
    expect(locked.text).toContain(de.refusal.kioskLocked.next);
    expect(times.some((time) => locked.text.includes(`Gerät bis ${time} Uhr gesperrt`))).toBe(true);
    expect(locked.text).not.toContain('Genesenen-ID');
    await axeClean(page);
    await page.screenshot({ path: screenPath('kiosk-locked-refusal') });

    await action(page, 'start-over').click();
    await screen(page, 'welcome');
    const banner = page.locator('.welcome-service[data-locked="kiosk"]');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(de.service.lockedTitle);
    expect(await action(page, 'start').count()).toBe(0);
    await axeClean(page);
    await page.screenshot({ path: screenPath('kiosk-locked-welcome') });
    // In Arabic (right to left) the lock is told too, with its time, and axe stays clean.
    await chooseLanguage(page, 'ar');
    expect(await banner.innerText()).toContain(ar.service.lockedTitle);
    await axeClean(page);
    await page.screenshot({ path: screenPath('kiosk-locked-welcome-ar') });
    await chooseLanguage(page, 'de');

    await page.keyboard.press('Control+Alt+KeyK');
    await tapClerk(page, 'clerk', DEMO_CLERK_PIN);
    await action(page, 'next').click();
    const lockRow = page.locator('[data-testid="clerk-kiosk-lock"]');
    await lockRow.waitFor();
    const row = await lockRow.innerText();
    expect(times.some((time) => row.includes(`Gerät gesperrt bis ${time} Uhr`))).toBe(true);
    await axeClean(page);
    await page.screenshot({ path: screenPath('kiosk-locked-clerk') });

    // "Sperre aufheben": the clerk ends the device lock; the status says none, citizens can start again.
    await action(page, 'clerk-lift-kiosk-lock').click();
    await page.locator('[data-testid="clerk-kiosk-lock"] dd', { hasText: de.clerk.kioskLockNone }).waitFor();
    expect(await action(page, 'clerk-lift-kiosk-lock').count()).toBe(0);
    await axeClean(page);
    await page.screenshot({ path: screenPath('kiosk-lock-lifted-clerk') });
    await action(page, 'clerk-lock').first().click();
    await screen(page, 'welcome');
    await action(page, 'start').waitFor();
    expect(await page.locator('.welcome-service[data-locked="kiosk"]').count()).toBe(0);
    await page.context().close();
  });

  it('words a growing delay as a short wait to the second, keeps the entries, and gives Start back by itself', async () => {
    const page = await newKioskPage(browser, perKioskDelay.url);
    await enterPersonByKeyboard(page, { ...other!, familyName: 'Falsch' });
    expect(await confirm(page)).toBe('refusal');
    await again(page);
    await again(page);
    const waiting = await refusal(page);
    expect([waiting.code, waiting.heading]).toEqual(['TOO_MANY_ATTEMPTS', de.refusal.kioskWait.title]);
    expect(waiting.text).toMatch(/Bitte warten Sie kurz: Ab \d\d:\d\d:\d\d Uhr können Sie es wieder versuchen\./u);
    expect(waiting.text).toContain(de.refusal.kioskWait.next);
    expect(await action(page, 'check-entries').count()).toBe(1);
    await page.screenshot({ path: screenPath('kiosk-wait-refusal') });

    await action(page, 'start-over').click();
    await screen(page, 'welcome');
    const banner = page.locator('.welcome-service[data-locked="kiosk-wait"]');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(de.service.waitTitle);
    expect(await banner.innerText()).toMatch(/Ab \d\d:\d\d:\d\d Uhr geht es weiter/u);
    expect(await action(page, 'start').count()).toBe(0);
    await page.screenshot({ path: screenPath('kiosk-wait-welcome') });
    await axeClean(page);
    // No tap needed: the screen asks again right after the wait and offers Start.
    await action(page, 'start').waitFor({ timeout: 40_000 });
    expect(await page.locator('.welcome-service[data-locked]').count()).toBe(0);
    await page.context().close();
  });
});
