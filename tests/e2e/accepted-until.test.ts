// With Germany's 90-day rule set active, the result screen in Chromium shows until when the
// certificate is accepted in Germany — fr + 90 days, computed from the rules — under "valid until"
// (fr + 180 days). docs/business-rules.md.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/issuance/validity-rules';
import { formatIsoDate } from '../../renderer/app/entry-format';
import { launchChromium, newKioskPage, PORTRAIT } from './support/browser';
import { confirm, enterPersonByTouch } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';

const [person] = makePeople(1, 'Neunzig');
const fixture = fixtureFor(new Date(), [person!]);
const fr = fixture.records[0]!.firstPositiveTest;
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({ fixture, config: { rules: { businessRules: 'builtin:de-recovery-2022' } } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('accepted until on the result screen', () => {
  it('shows fr + 90 days with the national rule, next to valid until fr + 180', async () => {
    const page = await newKioskPage(browser, kiosk.url, PORTRAIT);
    await enterPersonByTouch(page, person!);
    expect(await confirm(page)).toBe('result');
    const line = await page.locator('[data-testid="certificate-accepted-until"]').innerText();
    expect(line).toContain('In Deutschland anerkannt bis');
    expect(line).toContain(`${formatIsoDate(addDays(fr, 90), 'de-DE')} (nationale Regel)`);
    const validUntil = await page.locator('[data-testid="certificate-valid-until"]').innerText();
    expect(validUntil).toBe(formatIsoDate(addDays(fr, 180), 'de-DE'));
  });
});
