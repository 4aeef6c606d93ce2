// Accessibility and layout of every screen in every language (WCAG 2.1 AA / BITV 2.0):
// axe-core (wcag2a, wcag2aa, wcag21a, wcag21aa) finds no violation; every button and field is at
// least 44 × 44 px; one <h1> per screen; html lang/dir match the language; nothing overflows
// sideways. Arabic is right to left with the layout mirrored. Screenshots of every screen in
// German, English and Arabic, portrait 1080×1920 and landscape 1920×1080, go to
// tests/artifacts/screens/ for people to look at.
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGE_INFO, UI_LANGUAGES, type UiLanguage } from '../../renderer/i18n/languages';
import { startFakePrinter, type FakePrinter } from '../print/helpers/fake-printer';
import { launchChromium, LANDSCAPE, newKioskPage, PORTRAIT } from './support/browser';
import { action, chooseLanguage, screen } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import { tourEveryScreen } from './support/tour';
import { E2E_TEST_MS } from './support/waits';
import { screenPath } from './support/screens';

const SCREENSHOT_LANGUAGES: readonly UiLanguage[] = ['de', 'en', 'ar'];
const MIN_TARGET = 44;

const tours = [
  ...UI_LANGUAGES.map((lang) => ({ lang, viewport: PORTRAIT, orientation: 'portrait' })),
  ...SCREENSHOT_LANGUAGES.map((lang) => ({ lang, viewport: LANDSCAPE, orientation: 'landscape' })),
];
const people = makePeople(tours.length, 'Axe');
const [tooEarly] = makePeople(1, 'Early');
const [unknown] = makePeople(1, 'Nobody');

/**
 * Tours run in two lanes at once, each with its own kiosk and printer: a tour sets the kiosk's
 * simulator faults and latency and signs a clerk in, so two tours never share a kiosk, and the
 * second core (idle while one Chromium page runs axe) halves the file's time.
 */
const LANES = 2;
interface Lane {
  readonly kiosk: RunningKiosk;
  readonly printer: FakePrinter;
  /** The end of the lane's last tour: the next one starts after it. */
  free: Promise<void>;
}
const lanes: Lane[] = [];
let browser: Browser;

beforeAll(async () => {
  for (let i = 0; i < LANES; i++) {
    const printer = await startFakePrinter('epson', 'paper-out');
    const kiosk = await startKioskServer({
      fixture: fixtureFor(new Date(), people, { tooEarly: tooEarly! }),
      config: {
        printers: [{ kind: 'escpos', name: 'Beleg', uri: printer.uri, timeoutMs: 3000 }],
        attemptLimits: { perId: { max: 1000, windowSeconds: 3600 }, perKiosk: { max: 10000, windowSeconds: 3600 } },
      },
    });
    lanes.push({ kiosk, printer, free: Promise.resolve() });
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const lane of lanes) {
    await lane.kiosk.close();
    await lane.printer.close();
  }
});

/** Runs `body` on lane `i` once the lane's previous tour has ended. */
async function onLane(i: number, body: (kiosk: RunningKiosk) => Promise<void>): Promise<void> {
  const lane = lanes[i % LANES]!;
  const previous = lane.free;
  let release = () => undefined as void;
  lane.free = new Promise<void>((r) => (release = r));
  await previous;
  try {
    await body(lane.kiosk);
  } finally {
    release();
  }
}

interface Problem {
  screen: string;
  what: string;
}

/** Everything checked on one screen; problems are collected so one run reports them all. */
async function checkScreen(
  page: Page,
  lang: UiLanguage,
  name: string,
  viewport: { width: number },
  problems: Problem[],
) {
  const add = (what: string) => problems.push({ screen: name, what });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  for (const v of axe.violations) add(`axe ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

  const boxes = await page.locator('button:visible, input:visible, a[href]:visible').evaluateAll((els) =>
    els.map((el) => {
      const r = (
        el as unknown as { getBoundingClientRect(): { width: number; height: number } }
      ).getBoundingClientRect();
      return {
        label: (el as unknown as { outerHTML: string }).outerHTML.slice(0, 80),
        width: r.width,
        height: r.height,
      };
    }),
  );
  for (const b of boxes)
    if (b.width < MIN_TARGET || b.height < MIN_TARGET)
      add(`target ${Math.round(b.width)}×${Math.round(b.height)}: ${b.label}`);

  if ((await page.locator('h1').count()) !== 1) add('not exactly one h1');
  const info = LANGUAGE_INFO[lang];
  const html = page.locator('html');
  if ((await html.getAttribute('lang')) !== info.htmlLang) add(`html lang ${await html.getAttribute('lang')}`);
  if ((await html.getAttribute('dir')) !== info.dir) add(`html dir ${await html.getAttribute('dir')}`);
  const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
  if (Number(scrollWidth) > viewport.width) add(`horizontal overflow ${String(scrollWidth)}px`);
}

describe.concurrent('every screen, every language', () => {
  for (const [index, { lang, viewport, orientation }] of tours.entries()) {
    it(
      `${lang} ${orientation}: no axe violations, targets ≥ 44 px, lang/dir right, no overflow`,
      () =>
        onLane(index, async (kiosk) => {
          const page = await newKioskPage(browser, kiosk.url, viewport, { fakeClock: true });
          const problems: Problem[] = [];
          const visited: string[] = [];
          await tourEveryScreen(
            page,
            kiosk,
            lang,
            { issue: people[index]!, tooEarly: tooEarly!, unknownId: unknown!.genesenenId },
            async (name) => {
              visited.push(name);
              await page.evaluate('document.fonts.ready');
              await checkScreen(page, lang, name, viewport, problems);
              if (SCREENSHOT_LANGUAGES.includes(lang)) {
                await page.screenshot({ path: screenPath(`${lang}-${orientation}-${name}`) });
              }
            },
          );
          expect(visited.length).toBeGreaterThanOrEqual(20);
          expect(problems).toEqual([]);
          await page.context().close();
        }),
      // axe on ~21 screens: under load (2 cores, load 36) one tour took over 240 s; the time
      // counts from the start, so it includes waiting for the lane's earlier tours.
      8 * E2E_TEST_MS,
    );
  }
});

describe('right to left', { timeout: E2E_TEST_MS }, () => {
  it('Arabic mirrors the layout: Back on the right, Next on the left, text aligned right', async () => {
    const page = await newKioskPage(browser, lanes[0]!.kiosk.url, PORTRAIT);
    await chooseLanguage(page, 'ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await action(page, 'start').click();
    await screen(page, 'id');
    const back = (await action(page, 'cancel').boundingBox())!;
    const next = (await action(page, 'next').boundingBox())!;
    expect(back.x).toBeGreaterThan(next.x);
    // The heading's text (not its block box) sits at the right edge and ends well before the left.
    const text = await page.locator('h1').evaluate((el) => {
      const doc = (
        globalThis as unknown as {
          document: {
            createRange(): {
              selectNodeContents(n: unknown): void;
              getBoundingClientRect(): { left: number; right: number };
            };
          };
        }
      ).document;
      const range = doc.createRange();
      range.selectNodeContents(el);
      const r = range.getBoundingClientRect();
      return { left: r.left, right: r.right };
    });
    const main = (await page.locator('.kiosk-main').boundingBox())!;
    expect(main.x + main.width - text.right).toBeLessThan(80);
    expect(text.left - main.x).toBeGreaterThan(200);
    // The on-screen keyboard for Latin names keeps its left-to-right key order.
    expect(await page.locator('.kiosk-keyboard').getAttribute('dir')).toBe('ltr');
    await page.context().close();
  });
});
