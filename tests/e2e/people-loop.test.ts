// Two dozen people in a row through one kiosk page, keyboard and touch in turn, so a QR that fails
// to appear now and then (a key lost at a screen change, a click lost in a transition, a late
// answer dropped) cannot come back unseen. Functional, not timed: every person must see the
// summary of what they entered, the result screen and a QR that verifies and carries them. Any
// failure leaves a screenshot, the API calls, the console and a timeline under
// tests/artifacts/people-loop/suite/. The long version (hundreds of people, under load) is
// tests/e2e/support/people-loop-cli.ts.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';
import { runPeopleLoop } from './support/people-loop';

const PEOPLE = 24;
const people = makePeople(PEOPLE, 'Loop');
const ARTIFACTS = path.resolve(__dirname, '../artifacts/people-loop/suite');
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  kiosk = await startKioskServer({ fixture: fixtureFor(new Date(), people) });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

describe('many people in a row', () => {
  it(
    `${PEOPLE} people, keyboard and touch in turn: each sees their QR, which verifies and carries them`,
    { timeout: 1_200_000 },
    async () => {
      const report = await runPeopleLoop({ browser, kiosk, people, artifactsDir: ARTIFACTS });
      expect(report.failures.map((f) => `#${f.index} ${f.mode}: ${f.error} (artifacts: ${f.artifacts})`)).toEqual([]);
      expect(report.byMode).toEqual({
        keyboard: { people: PEOPLE / 2, passed: PEOPLE / 2 },
        touch: { people: PEOPLE / 2, passed: PEOPLE / 2 },
      });
      // One certificate each in the registry, no more.
      expect(await kiosk.kiosk.runtime.registry.issuedCount()).toEqual({ ok: true, value: PEOPLE });
    },
  );
});
