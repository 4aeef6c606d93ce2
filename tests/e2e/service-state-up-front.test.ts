// Known outages are told before anyone types: the welcome screen names what is needed (the
// letter, a phone with one of the apps, or the printer when printing works) and shows a
// limited-service banner when no printer works and an out-of-service banner (without Start) when
// the health office cannot be reached — driven by core's serviceState, the same health probes
// as the clerk status, asked without a PIN and carrying no codes. A printer that is down is said
// again on the summary, before issuing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newKioskPage } from './support/browser';
import { action, enterPersonByTouch, screen } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import de from '../../renderer/i18n/de.json';

const people = makePeople(1, 'Dienst');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function withKiosk(config: Record<string, unknown>, body: (k: RunningKiosk) => Promise<void>) {
  const k = await startKioskServer({ fixture: fixtureFor(new Date(), people), config });
  try {
    await body(k);
  } finally {
    await k.close();
  }
}

describe('service state on the welcome screen', () => {
  it('all well, no printer: names the letter and a phone with the app; no banner; Start offered', async () => {
    await withKiosk({}, async (k) => {
      expect(await k.kiosk.api.serviceState({})).toEqual({ ok: true, value: { level: 'ok', printing: 'none' } });
      const page = await newKioskPage(browser, k.url);
      await page.locator('.welcome-service[data-service-level="ok"]').waitFor({ state: 'attached' });
      expect(await page.locator('[data-testid="need-phone"]').innerText()).toBe(de.welcome!.needPhone);
      expect(await page.locator('.welcome-service [role="alert"], .welcome-service [role="status"]').count()).toBe(0);
      expect(await action(page, 'start').isVisible()).toBe(true);
      await page.context().close();
    });
  });

  it('no printer reachable: limited service, the phone is the only way, said before Start', async () => {
    const printers = [{ kind: 'escpos', name: 'Beleg', uri: 'tcp://127.0.0.1:9', timeoutMs: 500 }];
    await withKiosk({ printers }, async (k) => {
      expect(await k.kiosk.api.serviceState({})).toEqual({
        ok: true,
        value: { level: 'limited', printing: 'unavailable' },
      });
      const page = await newKioskPage(browser, k.url);
      const banner = page.locator('.welcome-service[data-service-level="limited"] [role="status"]');
      await banner.waitFor();
      expect(await banner.innerText()).toContain(de.service!.limitedTitle);
      expect(await page.locator('[data-testid="need-phone"]').innerText()).toBe(de.welcome!.needPhone);
      expect(await action(page, 'start').isVisible()).toBe(true);
      // Said again on the summary, before the one-time certificate is issued.
      await enterPersonByTouch(page, people[0]!);
      await screen(page, 'summary');
      const notice = page.locator('[data-testid="summary-printer-down"] [role="status"]');
      await notice.waitFor();
      expect(await notice.innerText()).toContain(de.service!.limitedText);
      expect(await action(page, 'next').isVisible()).toBe(true);
      await page.context().close();
    });
  });

  it('health office down: out of service, no Start, told to ask staff; no internal code on screen', async () => {
    await withKiosk({}, async (k) => {
      k.kiosk.runtime.simulator!.setFaults({ mode: 'http500' });
      const state = await k.kiosk.api.serviceState({});
      expect(state).toEqual({ ok: true, value: { level: 'out', printing: 'none' } });
      expect(JSON.stringify(state)).not.toMatch(/SOURCE_|simulator/u);
      const page = await newKioskPage(browser, k.url);
      const banner = page.locator('.welcome-service[data-service-level="out"] [role="alert"]');
      await banner.waitFor();
      expect(await banner.innerText()).toContain(de.service!.outTitle);
      expect(await page.locator('[data-action="start"]').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toMatch(/SOURCE_/u);
      // Back up: the next refresh offers Start again (the welcome screen asks every 30 s).
      k.kiosk.runtime.simulator!.setFaults({ mode: 'none' });
      await page.reload();
      await action(page, 'start').waitFor();
      await page.context().close();
    });
  });
});
