// The date of birth follows how people type (renderer/app/dob-typing.ts): "5 3 1975" becomes
// 05.03.1975 by touch and by keyboard, an impossible day or month is refused at once naming the
// field, "only the year is known" is an explicit path, a tapped filled field is replaced by the
// next digits, and the example "z. B. 05 03 1975" is on screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newKioskPage } from './support/browser';
import { action, screen, tapId, tapName } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import de from '../../renderer/i18n/de.json';

const [person] = makePeople(1, 'Datum');
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

async function toDob(): Promise<Page> {
  const page = await newKioskPage(browser, kiosk.url);
  await action(page, 'start').click();
  await tapId(page, person!.genesenenId);
  await page.locator('#id-status .kern-alert--success').waitFor();
  await action(page, 'next').click();
  await tapName(page, person!.familyName);
  await action(page, 'next').click();
  await screen(page, 'dob');
  return page;
}

const tap = (page: Page, keys: string) =>
  [...keys].reduce(
    async (p, k) => (await p, page.locator(`.kiosk-keyboard [data-key="${k}"]`).click()),
    Promise.resolve(),
  );
const fields = async (page: Page) => ({
  day: await page.locator('#dob-day').inputValue(),
  month: await page.locator('#dob-month').inputValue(),
  year: await page.locator('#dob-year').inputValue(),
});
const status = (page: Page) => page.locator('#dob-status [role="alert"]').innerText();

describe('date of birth entry', () => {
  it('"5 3 1975" on the keypad is 05.03.1975 and the summary says 5. März 1975; the example is shown', async () => {
    const page = await toDob();
    expect(await page.locator('#dob-example').innerText()).toBe(de.dob!.example);
    expect(de.dob!.example).toBe('z. B. 05 03 1975');
    await tap(page, '531975');
    expect(await fields(page)).toEqual({ day: '05', month: '03', year: '1975' });
    await action(page, 'next').click();
    await screen(page, 'summary');
    expect(await page.locator('.summary-list').innerText()).toContain('5. März 1975');
    await page.context().close();
  });

  it('"5 3 1975" typed on a physical keyboard, spaces included, is 05.03.1975', async () => {
    const page = await toDob();
    await page.keyboard.type('5 3 1975');
    expect(await fields(page)).toEqual({ day: '05', month: '03', year: '1975' });
    await page.locator('#dob-day').click();
    await page.keyboard.type('1.2.1975');
    expect(await fields(page)).toEqual({ day: '01', month: '02', year: '1975' });
    await page.context().close();
  });

  it('refuses a day above 31 and a month above 12 at once, naming the field', async () => {
    const page = await toDob();
    await tap(page, '35');
    expect(await status(page)).toBe(de.dob!.dayTooHigh);
    expect(await status(page)).toMatch(/^Tag/u);
    expect(await fields(page)).toEqual({ day: '3', month: '', year: '' });
    await tap(page, '1');
    expect(await page.locator('#dob-status [role="alert"]').count()).toBe(0);
    await tap(page, '13');
    expect(await status(page)).toBe(de.dob!.monthTooHigh);
    expect(await fields(page)).toEqual({ day: '31', month: '1', year: '' });
    await page.context().close();
  });

  it('"only the year is known" empties day and month and takes the year alone', async () => {
    const page = await toDob();
    await tap(page, '12');
    await action(page, 'dob-year-only').click();
    await tap(page, '1950');
    expect(await fields(page)).toEqual({ day: '', month: '', year: '1950' });
    await action(page, 'next').click();
    await screen(page, 'summary');
    expect(await page.locator('.summary-list').innerText()).toContain('1950');
    await page.context().close();
  });

  it('tapping a filled field selects it: the next digits replace it', async () => {
    const page = await toDob();
    await tap(page, '05031975');
    await page.locator('#dob-day').click();
    await tap(page, '12');
    expect(await fields(page)).toEqual({ day: '12', month: '03', year: '1975' });
    await page.locator('#dob-year').click();
    await tap(page, '1976');
    expect(await fields(page)).toEqual({ day: '12', month: '03', year: '1976' });
    await page.context().close();
  });
});
