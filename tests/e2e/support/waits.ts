// Waits for the browser suites that say what they waited for when they give up, and where the
// page stood then (last screen, last API answer, last harness step; see page-recorder.ts). The
// deadline is generous on purpose: on a loaded 2-core machine a screen change can take seconds,
// and a wait that gives up is a failure to diagnose, never a figure. Timing is measured by the
// bench (docs/performance.md), not here.
import type { Page } from 'playwright-core';
import { describePage } from './page-recorder';

/** Every wait in the browser suites; well above anything a loaded machine needs. */
export const WAIT_MS = 45_000;

/** A browser test of a few people: many waits, each of which reports on its own when stuck. */
export const E2E_TEST_MS = 240_000;

export class WaitGaveUp extends Error {
  override readonly name = 'WaitGaveUp';
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** Waits for a locator; on timeout throws "waited N s for <what>; last screen was …". */
export async function waitForElement(
  page: Page,
  selector: string,
  what: string,
  opts: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeoutMs?: number } = {},
): Promise<void> {
  const timeout = opts.timeoutMs ?? WAIT_MS;
  try {
    await page
      .locator(selector)
      .first()
      .waitFor({ state: opts.state ?? 'visible', timeout });
  } catch (e) {
    if (page.isClosed()) throw e;
    throw new WaitGaveUp(`waited ${seconds(timeout)} for ${what}; ${describePage(page)}`, { cause: e });
  }
}

/** Waits until one of the named screens shows; returns which one. */
export async function waitForScreen<S extends string>(
  page: Page,
  names: S | readonly S[],
  timeoutMs = WAIT_MS,
): Promise<S> {
  const list: readonly S[] = typeof names === 'string' ? [names] : names;
  // A screen that renders in steps (the result screen: QR first) carries data-pending until it is whole.
  const selector = list.map((n) => `[data-screen="${n}"]:not(:has([data-pending]))`).join(', ');
  await waitForElement(page, selector, `the ${list.join(' or ')} screen`, { timeoutMs });
  const shown = await page.locator(selector).first().getAttribute('data-screen');
  return shown as S;
}
