// After the idle timeout the renderer forgets the citizen (docs/reliability.md, privacy): a person with an
// unusual fictitious name goes through the whole flow in Chromium against the real browser
// transport up to the QR code, walks away, the idle timeout wipes the session (page.clock), and a
// V8 heap snapshot of the page — after forced garbage collection — holds neither the name, nor
// its ICAO spelling, nor the date of birth, nor the Genesenen-ID. The same search on a snapshot
// taken while the result is on screen finds them, so the search itself works. The same for
// someone who typed ID and name and left before the date of birth.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, PORTRAIT } from '../e2e/support/browser';
import { action, confirm, enterPersonByKeyboard, screen } from '../e2e/support/flow';
import { startKioskServer, type RunningKiosk } from '../e2e/support/kiosk-server';
import { recordContext } from '../e2e/support/page-recorder';
import { fixtureFor, type TestPerson } from '../e2e/support/people';
import { WAIT_MS } from '../e2e/support/waits';
import { createIdFormat } from '../../core/id/genesenen-id';
import { foundIn, takeHeapSnapshot } from '../support/heap-snapshot';

const IDLE = 15;
const WARNING = 5;
const person: TestPerson = {
  genesenenId: createIdFormat().generate(),
  familyName: 'Quappendorff-Zwiebelhaupt',
  givenName: 'Xaverine',
  dateOfBirth: '1957-03-19',
};
let kiosk: RunningKiosk;
let browser: Browser;
let page: Page;
let traces: string[];
const halfway = { genesenenId: createIdFormat().generate(), familyName: 'Wurmbrandt-Yggdrasilova' };

beforeAll(async () => {
  kiosk = await startKioskServer({
    fixture: fixtureFor(new Date(), [person]),
    config: { ui: { idleTimeoutSeconds: IDLE, idleWarningSeconds: WARNING } },
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: PORTRAIT, locale: 'de-DE', timezoneId: 'Europe/Berlin' });
  await recordContext(context);
  context.setDefaultTimeout(WAIT_MS);
  page = await context.newPage();
  await page.clock.install();
  await page.goto(kiosk.url);
  await screen(page, 'welcome');
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('renderer memory after the idle wipe', () => {
  it('while the result is shown, the heap holds the person (the search works)', { timeout: 90_000 }, async () => {
    await enterPersonByKeyboard(page, person);
    expect(await confirm(page)).toBe('result');
    const result = await kiosk.kiosk.api.sessionState({});
    expect(result).toMatchObject({ ok: true, value: { heldCertificates: 1 } });
    const shown = await page.locator('[data-screen="result"]').innerText();
    traces = [
      person.familyName,
      person.givenName,
      person.dateOfBirth,
      person.genesenenId,
      person.genesenenId.replaceAll('-', ''),
    ];
    // What the certificate spells (ICAO) as shown on screen.
    traces.push(...(shown.match(/QUAPPENDORFF[<A-Z-]*/gu) ?? []));
    expect(Object.keys(foundIn(await takeHeapSnapshot(page), [person.familyName, person.givenName]))).toEqual([
      person.familyName,
      person.givenName,
    ]);
  });

  it('after the idle timeout and garbage collection, none of it is left', { timeout: 90_000 }, async () => {
    await page.clock.fastForward((IDLE + WARNING) * 1000 + 1000);
    await screen(page, 'welcome');
    await expect
      .poll(async () => (await kiosk.kiosk.api.sessionState({})).ok && (await kiosk.kiosk.api.sessionState({})), {
        timeout: WAIT_MS,
        message: "the core's session after the idle wipe",
      })
      .toMatchObject({ value: { heldCertificates: 0 } });
    const snapshot = await takeHeapSnapshot(page);
    console.info(`renderer heap after wipe: ${snapshot.strings.length} strings searched for ${traces.length} traces`);
    expect(foundIn(snapshot, traces)).toEqual({});
  });

  it('someone who typed ID and name and walked away mid-way leaves nothing either', { timeout: 90_000 }, async () => {
    await action(page, 'start').click();
    await screen(page, 'id');
    await page.keyboard.type(halfway.genesenenId);
    await page.keyboard.press('Enter');
    await screen(page, 'name');
    await page.keyboard.type(halfway.familyName);
    await page.keyboard.press('Enter');
    await screen(page, 'dob');
    expect(Object.keys(foundIn(await takeHeapSnapshot(page), [halfway.familyName]))).toEqual([halfway.familyName]);
    await page.clock.fastForward((IDLE + WARNING) * 1000 + 1000);
    await screen(page, 'welcome');
    expect(
      foundIn(await takeHeapSnapshot(page), [
        halfway.familyName,
        halfway.genesenenId,
        halfway.genesenenId.replaceAll('-', ''),
      ]),
    ).toEqual({});
  });
});
