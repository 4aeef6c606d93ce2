// The welcome screen paints with fonts that are already loading when its text is laid out: every
// face it uses is preloaded from index.html (renderer/vite.config.ts, FIRST_SCREEN_FONTS). The faces
// are `font-display: block`, so a face found only while laying the screen out would keep its text
// (the bold header title, the demo banner) invisible until that file had arrived.
import { expect, it } from 'vitest';
import { newKioskPage } from './support/browser';
import { kioskSuite } from './support/kiosk-suite';
import { screen } from './support/flow';

const suite = kioskSuite({});

it('every font file the German welcome screen uses was preloaded, none found later by its style sheet', async () => {
  const page = await newKioskPage(suite.browser, suite.kiosk.url);
  await screen(page, 'welcome');
  await page.evaluate('document.fonts.ready');
  // A string, as the tests' TypeScript has no DOM types: the preload links and the font files fetched.
  const fonts = (await page.evaluate(`({
    preloaded: [...document.querySelectorAll('link[rel="preload"][as="font"]')].map((l) => l.href),
    fetched: performance.getEntriesByType('resource').map((e) => e.name).filter((u) => new URL(u).pathname.endsWith('.woff2')),
  })`)) as { preloaded: string[]; fetched: string[] };
  const file = (url: string) => new URL(url).pathname.split('/').pop();
  expect(fonts.fetched.length).toBeGreaterThan(0);
  expect(fonts.fetched.filter((url) => !fonts.preloaded.includes(url)).map(file)).toEqual([]);
  await page.context().close();
}, 120_000);
