// Clerk accounts (docs/configuration.md, "Clerk accounts"): two clerks on one kiosk, each signs in
// with their own id and PIN on the on-screen keys; the other's PIN does not work for them, and the
// audit log names each clerk's sign-in by clerk id. With clerk.maxReissuesPerId 0 every reissue
// needs a second clerk, who confirms with their own id and PIN in a dialog.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../core/clerk/pin-hash';
import { dataPaths } from '../../core/paths';
import { readAuditLines } from '../../core/revocation/revocation-export';
import de from '../../renderer/i18n/de.json';
import { launchChromium, newKioskPage } from './support/browser';
import { action, confirm, finish, screen, tapClerk, tapDob, tapId, tapName } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';
import { fixtureFor, makePeople } from './support/people';

const PEPPER = 'e2e-pepper-kept-outside-the-data-dir';
const CLERKS = { mueller: '135791', yilmaz: '246802' } as const;
const [person] = makePeople(1, 'Zweit');
let secrets: string;
let kiosk: RunningKiosk;
let browser: Browser;

beforeAll(async () => {
  // The pepper lives outside the data directory, as the kiosk demands.
  secrets = mkdtempSync(path.join(tmpdir(), 'kiosk-e2e-secrets-'));
  const pepperFile = path.join(secrets, 'clerk-pepper');
  writeFileSync(pepperFile, PEPPER, { mode: 0o600 });
  const accounts = await Promise.all(
    Object.entries(CLERKS).map(async ([id, pin]) => ({
      id,
      pinHash: await hashPin(pin, undefined, Buffer.from(PEPPER)),
    })),
  );
  kiosk = await startKioskServer({
    config: { clerk: { accounts, pepperFile, maxReissuesPerId: 0 } },
    fixture: fixtureFor(new Date(), [person!]),
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
  if (secrets) rmSync(secrets, { recursive: true, force: true });
});

describe('clerk accounts', () => {
  it('each clerk unlocks with their own PIN, and the audit log names each', async () => {
    const page = await newKioskPage(browser, kiosk.url);
    await page.keyboard.press('Control+Alt+KeyK');
    await screen(page, 'clerkPin');
    // Müller's id with Yılmaz's PIN is a wrong PIN.
    await tapClerk(page, 'mueller', CLERKS.yilmaz);
    await action(page, 'next').click();
    await expect(page.locator('#pin-status [role="alert"]').innerText()).resolves.toBe(de.errors.CLERK_PIN_WRONG);
    expect(await page.locator('#clerk-id').inputValue()).toBe('mueller');
    expect(await page.locator('#clerk-pin').inputValue()).toBe('');

    for (const [id, pin] of Object.entries(CLERKS)) {
      await tapClerk(page, id, pin);
      await action(page, 'next').click();
      await screen(page, 'clerkStatus');
      await action(page, 'clerk-lock').click();
      await screen(page, 'welcome');
      await page.keyboard.press('Control+Alt+KeyK');
      await screen(page, 'clerkPin');
    }
    await page.context().close();

    const auditDir = dataPaths(kiosk.dataDir).auditDir;
    await expect
      .poll(
        () =>
          readAuditLines(auditDir)
            .filter((l) => l.event.startsWith('clerk.'))
            .map((l) => [l.event, l.clerkId]),
        { timeout: 10_000, message: 'the clerk lines in the audit log' },
      )
      .toEqual([
        ['clerk.pin-wrong', 'mueller'],
        ['clerk.unlocked', 'mueller'],
        ['clerk.locked', 'mueller'],
        ['clerk.unlocked', 'yilmaz'],
        ['clerk.locked', 'yilmaz'],
      ]);
  });

  it('past the reissue limit a second clerk confirms in a dialog; the audit line names both', async () => {
    const p = person!;
    expect((await kiosk.kiosk.api.issue({ ...p, lang: 'de' })).ok).toBe(true);
    const page = await newKioskPage(browser, kiosk.url);
    await page.keyboard.press('Control+Alt+KeyK');
    await screen(page, 'clerkPin');
    await tapClerk(page, 'mueller', CLERKS.mueller);
    await action(page, 'next').click();
    await screen(page, 'clerkStatus');
    await action(page, 'clerk-walk-in').click();
    await tapId(page, p.genesenenId);
    await action(page, 'next').click();
    await tapName(page, p.familyName);
    await action(page, 'next').click();
    await tapDob(page, p.dateOfBirth);
    await action(page, 'next').click();
    expect(await confirm(page)).toBe('refusal');
    await action(page, 'reissue').click();
    await screen(page, 'reason');
    await page.locator('#reissue-reason').click();
    await page.keyboard.type('Handy verloren');
    await action(page, 'next').click();
    await screen(page, 'summary');
    expect(await confirm(page)).toBe('refusal');
    expect(await page.locator('[data-error-code]').getAttribute('data-error-code')).toBe('REISSUE_NEEDS_SECOND_CLERK');
    await action(page, 'second-clerk').click();
    const dialog = page.locator('dialog[data-dialog="clerk-confirm"]');
    await dialog.waitFor();
    await tapClerk(dialog, 'yilmaz', CLERKS.yilmaz);
    await action(page, 'confirm-reissue').click();
    await screen(page, 'result');
    expect(await page.locator('h1').innerText()).toBe(de.result.titleReissue);
    await finish(page);
    await page.context().close();

    const auditDir = dataPaths(kiosk.dataDir).auditDir;
    await expect
      .poll(
        () =>
          readAuditLines(auditDir)
            .filter((l) => l.event === 'certificate.reissued')
            .map((l) => [l.clerkId, l.confirmedBy]),
        { timeout: 10_000, message: 'the reissue line in the audit log' },
      )
      .toEqual([['mueller', 'yilmaz']]);
  });
});
