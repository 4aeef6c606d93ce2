// No one is left without a next step: a "Hilfe" button on every screen explains the step and
// tells how to reach staff, and each question says where the person is ("Schritt 2 von 4").
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newKioskPage } from './support/browser';
import { action, screen } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import de from '../../renderer/i18n/de.json';

const [person] = makePeople(1, 'Hilfe');
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

/** Text blocks of the open dialog that run past its edges (cut off instead of wrapped). */
async function textCutOff(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const dialog = document.querySelector('dialog[open]');
    const box = dialog.getBoundingClientRect();
    return [...dialog.querySelectorAll('p, h2, .kern-label')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.left < box.left - 1 || r.right > box.right + 1 || el.scrollWidth > el.clientWidth + 1;
      })
      .map((el) => el.textContent.slice(0, 40));
  })()`);
}

async function expectHelp(page: Page, key: keyof typeof de.help) {
  await action(page, 'help').click();
  const dialog = page.locator('dialog[data-dialog="help"]');
  await dialog.waitFor();
  const text = await dialog.innerText();
  expect(text).toContain(de.help[key]);
  expect(text).toContain(de.help.staff);
  expect(await textCutOff(page)).toEqual([]);
  await action(page, 'help-close').click();
  await dialog.waitFor({ state: 'detached' });
  expect(await page.locator('[data-action="help"]:focus').count()).toBe(1);
}

describe('help and progress', () => {
  it('every screen of the flow has Hilfe with its own explanation and the way to staff; questions show the step', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    await expectHelp(page, 'welcome');
    expect(await page.locator('[data-testid="step"]').count()).toBe(0);
    await action(page, 'start').click();
    await screen(page, 'id');
    expect(await page.locator('[data-testid="step"]').innerText()).toBe('Schritt 1 von 4');
    await expectHelp(page, 'id');
    await page.locator('h1').focus();
    await page.keyboard.type(person!.genesenenId);
    await page.keyboard.press('Enter');
    await screen(page, 'name');
    expect(await page.locator('[data-testid="step"]').innerText()).toBe('Schritt 2 von 4');
    await expectHelp(page, 'name');
    await page.locator('#family-name').fill(person!.familyName);
    await action(page, 'next').click();
    await screen(page, 'dob');
    expect(await page.locator('[data-testid="step"]').innerText()).toBe('Schritt 3 von 4');
    await expectHelp(page, 'dob');
    const [y, m, d] = person!.dateOfBirth.split('-');
    await page.locator('h1').focus();
    await page.keyboard.type(`${d}${m}${y}`);
    await action(page, 'next').click();
    await screen(page, 'summary');
    expect(await page.locator('[data-testid="step"]').innerText()).toBe('Schritt 4 von 4');
    await expectHelp(page, 'summary');
    await page.context().close();
  });
});
