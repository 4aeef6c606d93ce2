// One kiosk server and one Chromium for an e2e file: started before its tests, closed after.
// With `cleanSession`, each test starts from an ended session (one core serves all the tests).
// When a test fails, every page it left open is saved (screenshot, DOM, API calls, console, screens:
// page-recorder.ts) under tests/artifacts/failures/, so a failure seen once under load can be read.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from './browser';
import { startKioskServer, type KioskServerOptions, type RunningKiosk } from './kiosk-server';
import { saveFailure } from './page-recorder';

const FAILURES_DIR = path.resolve(__dirname, '../../artifacts/failures');
const slug = (text: string) => text.replace(/[^A-Za-z0-9]+/gu, '-').slice(0, 80);

export interface KioskSuite {
  readonly kiosk: RunningKiosk;
  readonly browser: Browser;
}

export function kioskSuite(opts: KioskServerOptions, { cleanSession = false } = {}): KioskSuite {
  const suite = {} as { kiosk: RunningKiosk; browser: Browser };
  beforeAll(async () => {
    suite.kiosk = await startKioskServer(opts);
    suite.browser = await launchChromium();
  });
  if (cleanSession) beforeEach(async () => void (await suite.kiosk.kiosk.api.endSession({})));
  beforeEach((ctx) => {
    ctx.onTestFailed(async () => {
      const pages = suite.browser?.contexts().flatMap((c) => c.pages()) ?? [];
      for (const [i, page] of pages.entries()) {
        const dir = path.join(FAILURES_DIR, `${slug(ctx.task.name)}-${Date.now()}-${i}`);
        console.error(`e2e failure artifacts: ${await saveFailure(page, dir, ctx.task.name)}`);
      }
    });
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.kiosk?.close();
  });
  return suite;
}
