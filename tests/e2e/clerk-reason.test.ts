// The clerk's reissue reason is free text: typed on the on-screen keyboard it keeps the case the
// clerk taps (no name-style capitals), the field stops at exactly what the audit log keeps and
// says so, and "Alles löschen" empties it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REASON_MAX_LENGTH } from '../../core/limits';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { launchChromium, newKioskPage } from './support/browser';
import { action, screen, tapClerk } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';

const [person] = makePeople(1, 'Grund');
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({ fixture: fixtureFor(new Date(), [person!]) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('clerk reason field', () => {
  it('keeps small letters, stops at the audit limit with a counter, and clears', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    await page.keyboard.press('Control+Alt+KeyK');
    await tapClerk(page, 'clerk', DEMO_CLERK_PIN);
    await action(page, 'next').click();
    await action(page, 'clerk-reissue').click();
    await screen(page, 'id');
    await page.keyboard.type(person!.genesenenId);
    await page.keyboard.press('Enter');
    await page.locator('#family-name').fill(person!.familyName);
    await action(page, 'next').click();
    const [y, m, d] = person!.dateOfBirth.split('-');
    await page.locator('h1').focus();
    await page.keyboard.type(`${d}${m}${y}`);
    await action(page, 'next').click();
    await screen(page, 'reason');
    for (const k of ['h', 'a', 'n', 'd', 'y']) await page.locator(`.kiosk-keyboard [data-key="${k}"]`).click();
    expect(await page.locator('#reissue-reason').inputValue()).toBe('handy');
    expect(await page.locator('[data-testid="reason-counter"]').innerText()).toBe(`5 von ${REASON_MAX_LENGTH} Zeichen`);
    await page.locator('#reissue-reason').fill('x'.repeat(REASON_MAX_LENGTH + 50));
    expect((await page.locator('#reissue-reason').inputValue()).length).toBe(REASON_MAX_LENGTH);
    await page.locator('.kiosk-keyboard [data-key="clear"]').click();
    expect(await page.locator('#reissue-reason').inputValue()).toBe('');
    await page.context().close();
  });
});
