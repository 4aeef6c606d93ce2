// Drives the citizen flow the way a person does: taps on the on-screen keys, or a
// physical keyboard / hand scanner. Buttons are found by data-action / data-key so one helper
// works in every language; what the person reads is checked by the tests themselves.
import type { Locator, Page } from 'playwright-core';
import { describePage, noteStep } from './page-recorder';
import { waitForElement, waitForScreen } from './waits';

export interface Person {
  readonly genesenenId: string;
  readonly familyName: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  readonly dateOfBirth: string;
}

/** Waits for a screen; gives up with what it waited for and where the page stood (waits.ts). */
export const screen = async (page: Page, name: string): Promise<void> => void (await waitForScreen(page, name));
export const action = (page: Page, name: string) => page.locator(`[data-action="${name}"]`).first();

export async function chooseLanguage(page: Page, code: string): Promise<void> {
  await page.locator(`[data-lang="${code}"]`).click();
  await waitForElement(page, `html[data-ui-language="${code}"]`, `the page in language ${code}`, { state: 'attached' });
}

async function tapKey(page: Page, key: string): Promise<void> {
  await page.locator(`.kiosk-keyboard [data-key="${key}"]`).click();
}

export async function tapId(page: Page, id: string): Promise<void> {
  for (const ch of id.replace(/-/gu, '').toUpperCase()) await tapKey(page, ch);
}

/** Taps a name on the letter keyboard, switching to the page that has each letter. */
export async function tapName(page: Page, name: string): Promise<void> {
  for (const ch of name) {
    const key = ch === ' ' ? 'space' : ch === 'İ' ? 'İ' : ch.toLocaleLowerCase('de');
    const target = page.locator(`.kiosk-keyboard [data-key="${key}"]`);
    if ((await target.count()) === 0) {
      for (const p of ['basic', 'more', 'cyrillic']) {
        await tapKey(page, `page-${p}`);
        if ((await target.count()) > 0) break;
      }
    }
    await target.click();
  }
}

/** DOB on the numeric keypad: day, month, year; partial dates leave fields empty. */
export async function tapDob(page: Page, dob: string): Promise<void> {
  const [year, month, day] = dob.split('-');
  if (day) for (const d of day) await tapKey(page, d);
  else if (month) await page.locator('#dob-month').click();
  else await page.locator('#dob-year').click();
  if (month) for (const d of month) await tapKey(page, d);
  for (const d of year ?? '') await tapKey(page, d);
}

/** Welcome → ID → name → DOB → summary, all by touch. */
export async function enterPersonByTouch(page: Page, person: Person): Promise<void> {
  noteStep(page, 'touch: start');
  await action(page, 'start').click();
  await screen(page, 'id');
  noteStep(page, 'touch: tap the ID');
  await tapId(page, person.genesenenId);
  await waitForElement(page, '#id-status .kern-alert--success', 'the check mark of a complete ID');
  noteStep(page, 'touch: next after the ID');
  await action(page, 'next').click();
  await screen(page, 'name');
  noteStep(page, 'touch: tap the name');
  await tapName(page, person.familyName);
  noteStep(page, 'touch: next after the name');
  await action(page, 'next').click();
  await screen(page, 'dob');
  noteStep(page, 'touch: tap the date of birth');
  await tapDob(page, person.dateOfBirth);
  noteStep(page, 'touch: next after the date of birth');
  await action(page, 'next').click();
  await screen(page, 'summary');
}

/** Confirm on the summary; resolves when the result or a refusal is on screen. */
export async function confirm(page: Page): Promise<'result' | 'refusal'> {
  noteStep(page, 'confirm on the summary');
  await action(page, 'next').click();
  return waitForScreen(page, ['result', 'refusal'] as const);
}

/** Moves focus with Tab until the element with `data-action=name` has it, then presses Enter. */
export async function tabToAndPress(page: Page, name: string, maxTabs = 60): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    if (await page.locator(`[data-action="${name}"]:focus`).count()) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached [data-action="${name}"] in ${maxTabs} presses; ${describePage(page)}`);
}

/** A physical keyboard or hand scanner: text typed where focus is, Enter to go on. No mouse. */
export async function enterPersonByKeyboard(page: Page, person: Person): Promise<void> {
  noteStep(page, 'keyboard: Tab to start');
  await tabToAndPress(page, 'start');
  await typePersonFromIdScreen(page, person);
}

/** From the ID screen to the summary by typing (focus on the heading, as after each screen change). */
export async function typePersonFromIdScreen(page: Page, person: Person): Promise<void> {
  await screen(page, 'id');
  noteStep(page, 'keyboard: type the ID and Enter');
  await page.keyboard.type(person.genesenenId);
  await page.keyboard.press('Enter');
  await screen(page, 'name');
  noteStep(page, 'keyboard: type the name and Enter');
  await page.keyboard.type(person.familyName);
  await page.keyboard.press('Enter');
  await screen(page, 'dob');
  noteStep(page, 'keyboard: type the date of birth and Enter');
  const [year, month, day] = person.dateOfBirth.split('-');
  // Typed digits fill day, month, year in turn; a partial date tabs past the empty fields.
  if (!day) for (let i = 0; i < (month ? 2 : 3); i++) await page.keyboard.press('Tab');
  await page.keyboard.type(`${day ? day.padStart(2, '0') : ''}${month ? month.padStart(2, '0') : ''}${year ?? ''}`);
  await page.keyboard.press('Enter');
  await screen(page, 'summary');
}

/** Finish on the result screen: the kiosk asks "saved?" first; yes wipes. */
export async function finish(page: Page): Promise<void> {
  await action(page, 'finish').click();
  await action(page, 'finish-confirm').click();
  await screen(page, 'welcome');
}

/** The clerk sign-in (renderer/components/ClerkCredentials.tsx): the id on its on-screen keys, then
 *  the PIN on the keypad; the caller presses unlock. `scope` is the page or the re-sign-in dialog. */
export async function tapClerk(scope: Page | Locator, clerkId: string, pin: string): Promise<void> {
  const idField = scope.locator('input[type="text"][id$="-id"]');
  await idField.fill(''); // a wrong try keeps the id typed before
  await idField.click();
  for (const ch of clerkId) await scope.locator(`.kiosk-keyboard [data-key="${ch}"]`).click();
  await scope.locator('input[type="password"]').click();
  for (const d of pin) await scope.locator(`.kiosk-keyboard [data-key="${d}"]`).click();
}
