// The flow fits every common kiosk screen without scrolling: at 1920×1080, 1080×1920, 1366×768
// and 1280×1024, with the demo banner and in clerk mode (and the short-time question before
// issuing, docs/business-rules.md), the page never scrolls and every button,
// field and the QR code lie inside the viewport. On portrait the field, keyboard and navigation
// sit in the lower two thirds (reachable standing, near the hands). All of this holds with larger
// text ("A+") on too. Screenshots of every screen at each size go to
// tests/artifacts/screens/fit-<size>[-aplus]-<screen>.png to be looked at.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { launchChromium, newKioskPage } from './support/browser';
import { action, confirm, screen, typePersonFromIdScreen, tapClerk } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import { screenPath } from './support/screens';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
  { width: 1366, height: 768 },
  { width: 1280, height: 1024 },
] as const;
const RUNS = [false, true].flatMap((largeText) => SIZES.map((size) => ({ size, largeText })));
const people = makePeople(RUNS.length * 2, 'Fit');
const [nobody] = makePeople(1, 'Nobody');
// Asked "issue anyway?" in every run and never issued (Cancel): one person serves them all.
const [shortTime] = makePeople(1, 'Knapp');
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({
    fixture: fixtureFor(new Date(), people, { shortAcceptance: [shortTime!] }),
    config: {
      printers: [{ kind: 'escpos', name: 'Beleg', uri: 'tcp://127.0.0.1:9', timeoutMs: 500 }],
      attemptLimits: { perId: { max: 1000, windowSeconds: 3600 }, perKiosk: { max: 10000, windowSeconds: 3600 } },
    },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

interface Box {
  readonly what: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Everything a person needs for the flow: buttons, fields, keys, the QR. */
async function neededBoxes(page: Page): Promise<Box[]> {
  return page
    .locator('.kiosk button:visible, .kiosk input:visible, [data-testid="certificate-qr"]:visible, dialog[open] button')
    .evaluateAll((els) =>
      els.map((el) => {
        const e = el as unknown as { getBoundingClientRect(): Box; outerHTML: string };
        const r = e.getBoundingClientRect();
        return { what: e.outerHTML.slice(0, 70), x: r.x, y: r.y, width: r.width, height: r.height };
      }),
    );
}

async function checkFits(
  page: Page,
  size: { width: number; height: number },
  largeText: boolean,
  name: string,
  problems: string[],
) {
  await page.evaluate('document.fonts.ready');
  const tag = `${size.width}x${size.height}${largeText ? '-aplus' : ''}`;
  await page.screenshot({ path: screenPath(`fit-${tag}-${name}`) });
  const scroll = (await page.evaluate(
    '({ h: document.scrollingElement.scrollHeight, w: document.scrollingElement.scrollWidth })',
  )) as { h: number; w: number };
  if (scroll.h > size.height) problems.push(`${tag} ${name}: page scrolls (${scroll.h}px high)`);
  if (scroll.w > size.width) problems.push(`${tag} ${name}: page scrolls sideways (${scroll.w}px)`);
  for (const b of await neededBoxes(page)) {
    const inside = b.x >= 0 && b.y >= 0 && b.x + b.width <= size.width + 0.5 && b.y + b.height <= size.height + 0.5;
    if (!inside)
      problems.push(`${tag} ${name}: outside the screen at ${Math.round(b.y)}+${Math.round(b.height)}: ${b.what}`);
  }
  if (size.height > size.width && ['id', 'name', 'dob', 'walk-in-id'].includes(name)) {
    for (const sel of ['.kiosk-main input', '.kiosk-keyboard', '.nav-bar']) {
      const box = await page.locator(sel).first().boundingBox();
      if (!box || box.y < size.height / 3)
        problems.push(`${tag} ${name}: ${sel} above the lower two thirds (${box?.y})`);
    }
  }
}

describe('fits every screen', () => {
  RUNS.forEach(({ size, largeText }, i) => {
    it(`${size.width}×${size.height}${largeText ? ' with larger text' : ''}: no scrolling, everything needed inside the screen, clerk mode and demo banner included`, async () => {
      const problems: string[] = [];
      const page = await newKioskPage(browser, kiosk.url, size);
      // The wipe turns larger text off: it is chosen again on each arrival at the welcome screen.
      const chooseText = async () => {
        if (largeText && (await action(page, 'text-size').getAttribute('aria-pressed')) !== 'true')
          await action(page, 'text-size').click();
      };
      const check = (name: string) => checkFits(page, size, largeText, name, problems);
      await chooseText();
      await check('welcome');
      await action(page, 'start').click();
      await screen(page, 'id');
      await check('id');
      const person = people[i * 2]!;
      await page.keyboard.type(person.genesenenId);
      await page.keyboard.press('Enter');
      await screen(page, 'name');
      await check('name');
      await page.locator('.kiosk-keyboard [data-key="page-more"]').click();
      await check('name-more');
      await page.locator('#family-name').fill(person.familyName);
      await action(page, 'next').click();
      await screen(page, 'dob');
      await check('dob');
      const [y, m, d] = person.dateOfBirth.split('-');
      await page.keyboard.type(`${d}${m}${y}`);
      await action(page, 'next').click();
      await screen(page, 'summary');
      await check('summary');
      expect(await confirm(page)).toBe('result');
      await check('result');
      await action(page, 'finish').click();
      await check('result-finish-dialog');
      await action(page, 'finish-confirm').click();
      await screen(page, 'welcome');
      expect(await action(page, 'text-size').getAttribute('aria-pressed')).toBe('false');

      await chooseText();
      await action(page, 'start').click();
      await typePersonFromIdScreen(page, { ...person, genesenenId: nobody!.genesenenId });
      expect(await confirm(page)).toBe('refusal');
      await check('refusal');
      await action(page, 'start-over').click();
      await screen(page, 'welcome');
      await chooseText();

      await action(page, 'start').click();
      await typePersonFromIdScreen(page, shortTime!);
      await action(page, 'next').click();
      await screen(page, 'shortAcceptance');
      await check('short-acceptance');
      await action(page, 'short-acceptance-cancel').click();
      await screen(page, 'welcome');
      await chooseText();

      await page.keyboard.press('Control+Alt+KeyK');
      await screen(page, 'clerkPin');
      await check('clerk-pin');
      await tapClerk(page, 'clerk', DEMO_CLERK_PIN);
      await action(page, 'next').click();
      await page.locator('[data-testid="clerk-status"]').waitFor();
      await check('clerk-status');
      await action(page, 'clerk-walk-in').click();
      await screen(page, 'id');
      await check('walk-in-id');
      await page.keyboard.type(people[i * 2 + 1]!.genesenenId);
      await page.keyboard.press('Enter');
      await screen(page, 'name');
      await check('walk-in-name');
      await action(page, 'clerk-menu').click();
      await action(page, 'clerk-reissue').click();
      await screen(page, 'id');
      await page.keyboard.type(person.genesenenId);
      await page.keyboard.press('Enter');
      await page.locator('#family-name').fill(person.familyName);
      await action(page, 'next').click();
      await page.keyboard.type(`${d}${m}${y}`);
      await action(page, 'next').click();
      await screen(page, 'reason');
      await check('clerk-reason');
      await page.context().close();
      expect(problems).toEqual([]);
    }, 180_000);
  });
});
