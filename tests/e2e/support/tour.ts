// A walk through every screen of the kiosk in one language, calling `visit` on each so
// the accessibility suite can run axe, measure touch targets and take screenshots there:
// welcome, ID (empty, wrong check character), name (both letter pages), date of birth (and its
// error), summary, working, result (with a printer problem), the idle dialog, refusals
// (not found, already issued, too early, service unavailable), clerk PIN (and a wrong PIN),
// clerk status, reissue reason. Uses the real core; the page must have a fake clock.
import type { Page } from 'playwright-core';
import type { RunningKiosk } from './kiosk-server';
import {
  action,
  chooseLanguage,
  confirm,
  finish,
  type Person,
  screen,
  tapId,
  typePersonFromIdScreen,
  tapClerk,
} from './flow';
import { waitForElement } from './waits';

export type Visit = (name: string) => Promise<void>;

export interface TourPeople {
  /** Issued during the tour (then refused as ALREADY_ISSUED). */
  readonly issue: Person;
  readonly tooEarly: Person;
  /** A valid ID that has no record. */
  readonly unknownId: string;
}

export async function tourEveryScreen(
  page: Page,
  kiosk: RunningKiosk,
  lang: string,
  people: TourPeople,
  visit: Visit,
): Promise<void> {
  const simulator = kiosk.kiosk.runtime.simulator!;
  await chooseLanguage(page, lang);
  await visit('welcome');

  await action(page, 'start').click();
  await screen(page, 'id');
  await visit('id');
  const id = people.issue.genesenenId.replaceAll('-', '');
  await tapId(page, id.slice(0, 11) + (id[11] === '0' ? '1' : '0'));
  await waitForElement(page, '#id-status [role="alert"]', 'the wrong-check-character message');
  await visit('id-check-character');
  await page.locator('.kiosk-keyboard [data-key="clear"]').click();
  await tapId(page, id);
  await waitForElement(page, '#id-status .kern-alert--success', 'the check mark of a complete ID');
  await action(page, 'next').click();

  await screen(page, 'name');
  await visit('name');
  await page.locator('.kiosk-keyboard [data-key="page-more"]').click();
  await visit('name-more-letters');
  await page.locator('.kiosk-keyboard [data-key="page-basic"]').click();
  await page.locator('#family-name').fill(people.issue.familyName);
  await action(page, 'next').click();

  await screen(page, 'dob');
  await visit('dob');
  await page.locator('#dob-day').fill('31');
  await page.locator('#dob-month').fill('02');
  await page.locator('#dob-year').fill('1990');
  await action(page, 'next').click();
  await waitForElement(page, '#dob-status [role="alert"]', 'the invalid-date message');
  await visit('dob-invalid');
  const [year, month, day] = people.issue.dateOfBirth.split('-');
  await page.locator('#dob-day').fill(day ?? '');
  await page.locator('#dob-month').fill(month ?? '');
  await page.locator('#dob-year').fill(year ?? '');
  await action(page, 'next').click();

  await screen(page, 'summary');
  await visit('summary');
  simulator.setLatency(1500);
  await action(page, 'next').click();
  await screen(page, 'working');
  await visit('working');
  simulator.setLatency(0);
  await screen(page, 'result');
  await visit('result');
  await action(page, 'print-receipt').click();
  await waitForElement(page, '.screen--result [role="alert"]', 'the printer problem on the result screen');
  await visit('result-print-problem');

  await page.clock.fastForward((await resultIdleSeconds(kiosk)) * 1000 + 500);
  await waitForElement(page, 'dialog[open]', 'the idle warning');
  await visit('idle-warning');
  await action(page, 'idle-more').click();
  await finish(page);
  await screen(page, 'welcome');

  // Refusals: each needs a fresh run through the questions (wipe resets the language).
  const refusal = async (name: string, person: Person, before?: () => void) => {
    await chooseLanguage(page, lang);
    await action(page, 'start').click();
    await typePersonFromIdScreen(page, person);
    before?.();
    try {
      if ((await confirm(page)) !== 'refusal') throw new Error(`${name}: expected a refusal`);
    } finally {
      simulator.setFaults({ mode: 'none' });
    }
    await visit(name);
  };
  await refusal('refusal-not-found', { ...people.issue, genesenenId: people.unknownId });
  await action(page, 'start-over').click();
  await refusal('refusal-too-early', people.tooEarly);
  await action(page, 'start-over').click();
  await refusal('refusal-service-unavailable', people.tooEarly, () => simulator.setFaults({ mode: 'http500' }));
  await action(page, 'start-over').click();

  // Clerk mode, then ALREADY_ISSUED with the clerk's reissue button, and the reason screen.
  await chooseLanguage(page, lang);
  await page.keyboard.press('Control+Alt+KeyK');
  await screen(page, 'clerkPin');
  await visit('clerk-pin');
  await tapClerk(page, 'clerk', '999999');
  await action(page, 'next').click();
  await waitForElement(page, '#pin-status [role="alert"]', 'the wrong-PIN message');
  await visit('clerk-pin-wrong');
  for (const d of '246810') await page.locator(`.kiosk-keyboard [data-key="${d}"]`).click();
  await action(page, 'next').click();
  await waitForElement(page, '[data-testid="clerk-status"]', 'the clerk status');
  await visit('clerk-status');
  await action(page, 'clerk-walk-in').click();
  await screen(page, 'id');
  await page.keyboard.type(people.issue.genesenenId);
  await page.keyboard.press('Enter');
  await page.locator('#family-name').fill(people.issue.familyName);
  await action(page, 'next').click();
  await page.locator('#dob-day').fill(day ?? '');
  await page.locator('#dob-month').fill(month ?? '');
  await page.locator('#dob-year').fill(year ?? '');
  await action(page, 'next').click();
  if ((await confirm(page)) !== 'refusal') throw new Error('expected ALREADY_ISSUED');
  await visit('refusal-already-issued');
  await action(page, 'reissue').click();
  await screen(page, 'reason');
  await visit('clerk-reissue-reason');
  await action(page, 'clerk-bar-lock').click();
  await screen(page, 'welcome');
}

async function resultIdleSeconds(kiosk: RunningKiosk): Promise<number> {
  const info = await kiosk.kiosk.api.getInfo({});
  if (!info.ok) throw new Error('getInfo failed');
  return info.value.resultIdleTimeoutSeconds;
}
