// Debian's Chromium driven by playwright-core (never a downloaded browser; see the brief).
import { chromium, type Browser, type Page } from 'playwright-core';
import { recordContext } from './page-recorder';
import { WAIT_MS, waitForScreen } from './waits';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--font-render-hinting=none',
    ],
  });
}

export const PORTRAIT = { width: 1080, height: 1920 } as const;
export const LANDSCAPE = { width: 1920, height: 1080 } as const;

export async function newKioskPage(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = PORTRAIT,
  opts: { fakeClock?: boolean; initScript?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  // Playwright's clock lets the idle tests jump over the timeout instead of waiting for it.
  if (opts.fakeClock) await context.clock.install({ time: new Date() });
  // Runs in the page before the kiosk's own code (e.g. listening at a platform API's boundary).
  if (opts.initScript) await context.addInitScript(opts.initScript);
  // API calls, console and screen changes, for the failure reports of waits.ts.
  await recordContext(context);
  context.setDefaultTimeout(WAIT_MS);
  const page = await context.newPage();
  await page.goto(url);
  await waitForScreen(page, 'welcome');
  return page;
}

/** Minimal view of the browser globals used inside evaluate() (the test tsconfig has no DOM lib). */
interface InPage {
  getComputedStyle(el: unknown): Record<string, string>;
}

/** A computed CSS property of the first element the locator finds. */
export function computedStyle(locator: import('playwright-core').Locator, property: string): Promise<string> {
  return locator
    .first()
    .evaluate((el, prop) => (globalThis as unknown as InPage).getComputedStyle(el)[prop] ?? '', property);
}
