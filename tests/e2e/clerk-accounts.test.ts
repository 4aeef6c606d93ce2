// Clerk accounts (docs/configuration.md, "Clerk accounts"): two clerks on one kiosk, each signs in
// with their own id and PIN on the on-screen keys; the other's PIN does not work for them, and the
// audit log names each clerk's sign-in by clerk id.
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
import { action, screen, tapClerk } from './support/flow';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';

const PEPPER = 'e2e-pepper-kept-outside-the-data-dir';
const CLERKS = { mueller: '135791', yilmaz: '246802' } as const;
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
  kiosk = await startKioskServer({ config: { clerk: { accounts, pepperFile } } });
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
});
