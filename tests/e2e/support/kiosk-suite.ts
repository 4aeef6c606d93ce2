// One kiosk server and one Chromium for an e2e file: started before its tests, closed after.
// With `cleanSession`, each test starts from an ended session (one core serves all the tests).
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { launchChromium } from './browser';
import { startKioskServer, type KioskServerOptions, type RunningKiosk } from './kiosk-server';

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
  afterAll(async () => {
    await suite.browser?.close();
    await suite.kiosk?.close();
  });
  return suite;
}
