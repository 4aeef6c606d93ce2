// Many people, one after another, through one kiosk page: each enters the letter's data by
// keyboard (Tab, typing, Enter — no mouse) or by touch (on-screen keys), confirms, gets the QR,
// and finishes. A person counts only when the summary shows what they entered, the result screen
// appears, and (when asked) the QR read from the screen verifies and carries their name and date
// of birth. Any failure is saved by page-recorder.ts (screenshot, DOM, API calls, console,
// timeline) under `artifactsDir`, and the loop goes on with a fresh page. Functional, not timed:
// the durations are reported only to show where the time went.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { newKioskPage, PORTRAIT } from './browser';
import { action, confirm, enterPersonByKeyboard, enterPersonByTouch, screen, tabToAndPress } from './flow';
import type { RunningKiosk } from './kiosk-server';
import { describePage, noteStep, pageRecord, saveFailure } from './page-recorder';
import type { TestPerson } from './people';
import { readQrFromScreen, verifyWithDemoTrust } from './qr';
import { waitForElement, waitForScreen } from './waits';

export type EntryMode = 'keyboard' | 'touch';

export interface PersonOutcome {
  readonly index: number;
  readonly mode: EntryMode;
  readonly ms: number;
  /** The slowest API call of this person (method and milliseconds from request to answer). */
  readonly slowestCall?: { readonly method: string; readonly ms: number };
  readonly error?: string;
  readonly artifacts?: string;
}

export interface LoopReport {
  readonly people: number;
  readonly passed: number;
  readonly failures: readonly PersonOutcome[];
  readonly byMode: Readonly<Record<EntryMode, { people: number; passed: number }>>;
}

export interface LoopOptions {
  readonly browser: Browser;
  readonly kiosk: RunningKiosk;
  readonly people: readonly TestPerson[];
  /** Failure artifacts go to <artifactsDir>/<index>-<mode>/. */
  readonly artifactsDir: string;
  /** Default: keyboard and touch in turn. */
  readonly modeOf?: (index: number) => EntryMode;
  /** Read the QR from the screen and verify it (default true). */
  readonly verifyQr?: boolean;
  readonly onPerson?: (outcome: PersonOutcome) => void;
  /** Start no new person after this many milliseconds (the report counts those who ran). */
  readonly budgetMs?: number;
  /** Called on every new page before its first person (e.g. to throttle its CPU). */
  readonly preparePage?: (page: Page) => Promise<void>;
}

class WrongOutcome extends Error {
  override readonly name = 'WrongOutcome';
}

/** One person from the welcome screen back to the welcome screen; throws on anything unexpected. */
export async function runPerson(page: Page, kiosk: RunningKiosk, person: TestPerson, mode: EntryMode, verifyQr = true) {
  if (mode === 'keyboard') await enterPersonByKeyboard(page, person);
  else await enterPersonByTouch(page, person);
  const summary = await page.locator('.summary-list').innerText();
  for (const expected of [person.genesenenId, person.familyName]) {
    if (!summary.includes(expected))
      throw new WrongOutcome(`the summary lacks "${expected}": ${JSON.stringify(summary)}; ${describePage(page)}`);
  }
  let shown: 'result' | 'refusal';
  if (mode === 'keyboard') {
    noteStep(page, 'keyboard: Tab to confirm');
    await tabToAndPress(page, 'next');
    shown = await waitForScreen(page, ['result', 'refusal'] as const);
  } else {
    shown = await confirm(page);
  }
  if (shown !== 'result') {
    const code = await page
      .locator('[data-screen="refusal"] [data-error-code]')
      .first()
      .getAttribute('data-error-code');
    throw new WrongOutcome(`expected the result screen, got a refusal (${code}); ${describePage(page)}`);
  }
  await waitForElement(page, '[data-testid="certificate-qr"]', 'the QR');
  if (verifyQr) {
    noteStep(page, 'read and verify the QR');
    const report = await verifyWithDemoTrust(await readQrFromScreen(page), kiosk.dataDir);
    if (!report.ok) throw new WrongOutcome(`the QR does not verify: ${report.error.code}`);
    const payload = report.value.payload as { nam?: { fn?: string }; dob?: string } | undefined;
    if (payload?.nam?.fn !== person.familyName || payload.dob !== person.dateOfBirth)
      throw new WrongOutcome(`the QR is not for this person: ${JSON.stringify(payload)}`);
  }
  noteStep(page, `${mode}: finish`);
  // Finish asks "saved the certificate?" before it wipes (docs: the one-time certificate is easy to lose).
  if (mode === 'keyboard') {
    await tabToAndPress(page, 'finish');
    await tabToAndPress(page, 'finish-confirm');
  } else {
    await action(page, 'finish').click();
    await action(page, 'finish-confirm').click();
  }
  await screen(page, 'welcome');
}

function slowestCallSince(page: Page, since: number): { slowestCall?: { method: string; ms: number } } {
  let slowest: { method: string; ms: number } | undefined;
  for (const call of pageRecord(page)?.api ?? []) {
    if (call.sentAt < since || call.answeredAt === undefined) continue;
    const ms = call.answeredAt - call.sentAt;
    if (!slowest || ms > slowest.ms) slowest = { method: call.method, ms };
  }
  return slowest ? { slowestCall: slowest } : {};
}

export async function runPeopleLoop(opts: LoopOptions): Promise<LoopReport> {
  const modeOf = opts.modeOf ?? ((i: number) => (i % 2 === 0 ? 'keyboard' : 'touch'));
  const failures: PersonOutcome[] = [];
  const byMode = { keyboard: { people: 0, passed: 0 }, touch: { people: 0, passed: 0 } };
  const openPage = async () => {
    const page = await newKioskPage(opts.browser, opts.kiosk.url, PORTRAIT);
    await opts.preparePage?.(page);
    return page;
  };
  let page = await openPage();
  try {
    const loopStart = performance.now();
    for (const [index, person] of opts.people.entries()) {
      if (opts.budgetMs !== undefined && performance.now() - loopStart > opts.budgetMs) break;
      const mode = modeOf(index);
      const started = performance.now();
      const since = Date.now();
      byMode[mode].people++;
      try {
        await runPerson(page, opts.kiosk, person, mode, opts.verifyQr ?? true);
        byMode[mode].passed++;
        opts.onPerson?.({ index, mode, ms: performance.now() - started, ...slowestCallSince(page, since) });
      } catch (e) {
        const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        const dir = path.join(opts.artifactsDir, `${String(index).padStart(4, '0')}-${mode}`);
        const artifacts = await saveFailure(page, dir, error);
        const outcome = { index, mode, ms: performance.now() - started, error, artifacts };
        failures.push(outcome);
        opts.onPerson?.(outcome);
        // The next person starts on a fresh page with a clean core session.
        await page.context().close();
        await opts.kiosk.kiosk.api.endSession({});
        page = await openPage();
      }
    }
  } finally {
    await page.context().close();
  }
  const people = byMode.keyboard.people + byMode.touch.people;
  return { people, passed: people - failures.length, failures, byMode };
}
