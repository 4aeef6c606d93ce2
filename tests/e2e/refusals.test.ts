// Every refusal on its own screen, in Chromium against the real core: what happened and
// what to do next, never which entry failed to match. NOT_FOUND (same screen for a wrong name and
// a wrong date), ALREADY_ISSUED with the issue date, TOO_EARLY with the first possible date,
// TOO_LATE, TOO_MANY_ATTEMPTS, the health office unavailable (and "try again" working once it is
// back), a wrong check character caught while typing, printer problems shown on the result
// screen with the QR kept, and a broken signer as "please ask staff".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK_PIN_HASH } from '../../core/clerk/pin-hash';
import { startFakePrinter } from '../print/helpers/fake-printer';
import { launchChromium, newKioskPage } from './support/browser';
import { action, confirm, enterPersonByKeyboard, finish, type Person, screen, tapId } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { startRecordsService } from '../support/records-service';
import { fixtureFor, makePeople } from './support/people';
import { readQrFromScreen } from './support/qr';
import { E2E_TEST_MS, waitForElement } from './support/waits';
import de from '../../renderer/i18n/de.json';

const longDate = (d: Date) =>
  new Intl.DateTimeFormat('de-DE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);

const people = makePeople(8, 'Refusal');
const [tooEarly, tooLate] = makePeople(2, 'Rule');
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({
    fixture: fixtureFor(new Date(), people, { tooEarly: tooEarly!, tooLate: tooLate! }),
    config: { attemptLimits: { perId: { max: 3, windowSeconds: 3600 } } },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

async function attempt(page: Page, person: Person): Promise<'result' | 'refusal'> {
  await enterPersonByKeyboard(page, person);
  return confirm(page);
}

async function refusalShown(page: Page) {
  const host = page.locator('[data-screen="refusal"] section');
  return {
    code: await host.getAttribute('data-error-code'),
    heading: await page.locator('h1').innerText(),
    text: await host.innerText(),
    focused: await page.locator('h1:focus').count(),
  };
}

describe('refusal screens', { timeout: E2E_TEST_MS }, () => {
  it('NOT_FOUND: the same screen whether the name or the date did not match', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    const person = people[0]!;
    expect(await attempt(page, { ...person, familyName: 'Anders' })).toBe('refusal');
    const wrongName = await refusalShown(page);
    expect(wrongName.code).toBe('NOT_FOUND');
    expect(wrongName.heading).toBe(de.refusal.notFound!.title);
    expect(wrongName.focused).toBe(1);
    await action(page, 'start-over').click();
    expect(await attempt(page, { ...person, dateOfBirth: '1901-01-01' })).toBe('refusal');
    const wrongDate = await refusalShown(page);
    // The second wrong entry under a limit of three also says that one try is left — a count,
    // never which entry was wrong; apart from it the two screens are the same.
    expect(wrongDate.text).toContain(de.limits.lastTry);
    const withoutTries = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.trim() !== '' && l.trim() !== de.limits.lastTry)
        .join('\n');
    expect({ ...wrongDate, text: withoutTries(wrongDate.text) }).toEqual({
      ...wrongName,
      text: withoutTries(wrongName.text),
    });
    expect(wrongName.text).not.toMatch(/Familienname|Geburtsdatum|Anders|1901/u);
    // "Check details" goes back to the summary with the entries kept.
    await action(page, 'check-entries').click();
    await screen(page, 'summary');
    await page.context().close();
  });

  it('ALREADY_ISSUED names the day of issue and offers staff help', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    expect(await attempt(page, people[1]!)).toBe('result');
    await finish(page);
    expect(await attempt(page, people[1]!)).toBe('refusal');
    const shown = await refusalShown(page);
    expect(shown.code).toBe('ALREADY_ISSUED');
    expect(shown.heading).toBe(de.refusal.alreadyIssued!.title);
    expect(shown.text).toContain(longDate(new Date()));
    await page.context().close();
  });

  it('TOO_EARLY names the first day it is possible; TOO_LATE says it is over', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    expect(await attempt(page, tooEarly!)).toBe('refusal');
    const early = await refusalShown(page);
    expect(early.code).toBe('TOO_EARLY');
    expect(early.heading).toBe(de.refusal.tooEarly!.title);
    expect(early.text).toContain(longDate(new Date(Date.now() + 18 * 86_400_000)));
    await action(page, 'start-over').click();
    expect(await attempt(page, tooLate!)).toBe('refusal');
    const late = await refusalShown(page);
    expect([late.code, late.heading]).toEqual(['TOO_LATE', de.refusal.tooLate!.title]);
    await page.context().close();
  });

  it('TOO_MANY_ATTEMPTS after repeated failed matches for one ID', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    const codes: string[] = [];
    for (let i = 0; i < 5 && !codes.includes('TOO_MANY_ATTEMPTS'); i++) {
      expect(await attempt(page, { ...people[2]!, familyName: `Falsch-${'x'.repeat(i + 1)}` })).toBe('refusal');
      codes.push((await refusalShown(page)).code ?? '');
      await action(page, 'start-over').click();
    }
    expect(codes).toContain('TOO_MANY_ATTEMPTS');
    expect(await attempt(page, people[2]!)).toBe('refusal'); // even the right data is refused now
    const blocked = await refusalShown(page);
    expect([blocked.code, blocked.heading]).toEqual(['TOO_MANY_ATTEMPTS', de.refusal.tooManyAttempts!.title]);
    await page.context().close();
  }, 150_000); // six walks through the flow; one took over a minute on a shared, loaded machine

  it('health office unavailable: own screen, and "try again" works once it is back', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    kiosk.kiosk.runtime.simulator!.setFaults({ mode: 'http500' });
    try {
      expect(await attempt(page, people[3]!)).toBe('refusal');
      const shown = await refusalShown(page);
      expect(shown.code).toMatch(/^SOURCE_/u);
      expect(shown.heading).toBe(de.refusal.serviceUnavailable!.title);
    } finally {
      kiosk.kiosk.runtime.simulator!.setFaults({ mode: 'none' });
    }
    await action(page, 'retry').click();
    await screen(page, 'result');
    await page.context().close();
  });

  it('a wrong check character is reported while typing, before any lookup', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    await action(page, 'start').click();
    const id = people[4]!.genesenenId.replaceAll('-', '');
    const wrong = id.slice(0, 11) + (id[11] === '0' ? '1' : '0');
    await tapId(page, wrong);
    const alert = page.locator('#id-status [role="alert"]');
    await expect(alert.innerText()).resolves.toBe(de.errors.ID_CHECK_CHARACTER);
    await action(page, 'next').click();
    await expect(page.locator('[data-screen="id"]').count()).resolves.toBe(1);
    await page.locator('[data-key="backspace"]').click();
    await tapId(page, id.slice(11));
    await waitForElement(page, '#id-status .kern-alert--success', 'the check mark of the corrected ID');
    await page.context().close();
  });
});

describe('printer problems and broken signing', { timeout: E2E_TEST_MS }, () => {
  it('a printer problem is a message on the result screen; the QR stays', async () => {
    const paperOut = await startFakePrinter('epson', 'paper-out');
    const online = await startFakePrinter('epson', 'online');
    const person = makePeople(1, 'Print')[0]!;
    const k = await startKioskServer({
      fixture: fixtureFor(new Date(), [person]),
      config: {
        printers: [
          { kind: 'escpos', name: 'Beleg', uri: paperOut.uri, timeoutMs: 3000 },
          { kind: 'escpos', name: 'Beleg 2', uri: online.uri, timeoutMs: 3000 },
        ],
      },
    });
    try {
      const page = await newKioskPage(browser, k.url);
      expect(await attempt(page, person)).toBe('result');
      await action(page, 'print-receipt').click();
      const problem = page.locator('.screen--result [role="alert"]');
      await waitForElement(page, '.screen--result [role="alert"]', 'the printer problem on the result screen');
      expect(await problem.innerText()).toContain(de.errors.PRINTER_PAPER_OUT);
      expect((await readQrFromScreen(page)).startsWith('HC1:')).toBe(true);
      await page.context().close();
    } finally {
      await k.close();
      await paperOut.close();
      await online.close();
    }
  });

  it('a broken signer: out of service on the welcome screen, no Start, never a half-made certificate', async () => {
    const person = makePeople(1, 'Signer')[0]!;
    // A real signer needs a real record source; the signer refuses before any lookup anyway.
    const records = await startRecordsService([]);
    const k = await startKioskServer({
      config: {
        recordSource: records.recordSource,
        signer: { kind: 'pem', keyPath: 'missing-key.pem', certPath: 'missing-dsc.pem' },
        clerk: { pinHash: DEMO_CLERK_PIN_HASH },
      },
    });
    try {
      const page = await newKioskPage(browser, k.url);
      // Known before anyone types: the welcome screen says so and offers no Start.
      await expect
        .poll(() => page.locator('[data-service-level]').getAttribute('data-service-level'), {
          timeout: 45_000,
          message: 'the welcome screen reporting the service level',
        })
        .toBe('out');
      await expect.poll(() => page.getByText(de.service.outTitle).count(), { timeout: 45_000 }).toBe(1);
      expect(await page.locator('[data-action="start"]').count()).toBe(0);
      // Through the API a request is still refused with the signer's code and nothing is issued.
      const refused = await k.kiosk.api.issue({ ...person, lang: 'de' });
      expect(refused.ok ? 'issued' : refused.error.code).toMatch(/^SIGNER_/u);
      await page.context().close();
    } finally {
      await k.close();
      await records.close();
    }
  });
});
