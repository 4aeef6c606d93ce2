import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, PORTRAIT } from '../tests/e2e/support/browser';
import { action, enterPersonByTouch } from '../tests/e2e/support/flow';
import { benchTempDir, writeKioskConfig, writePeopleFixture } from './fixtures';
import { WEB_MARKS_SCRIPT } from './web-marks';
async function main() {
  const n = 10;
  const people = writePeopleFixture('web', n, 'Muster');
  const dataDir = join(benchTempDir(), 'web-data'); mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/s15/prof', '--cpu-prof-interval', '100', '--import', 'tsx', 'server/start-web.ts', '--port', '0', '--data-dir', dataDir, '--config', writeKioskConfig('web', people)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url: string = await new Promise((r) => { let o = ''; child.stdout!.on('data', (c) => { o += c; const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(o); if (m) r(m[1] + '/'); }); });
  const browser = await launchChromium();
  for (const id of people.ids) {
    const ctx = await browser.newContext({ viewport: PORTRAIT, deviceScaleFactor: 1, locale: 'de-DE' });
    await ctx.addInitScript({ content: WEB_MARKS_SCRIPT });
    const page = await ctx.newPage();
    await page.goto(url);
    await page.waitForFunction(() => (globalThis as any).__benchMarks.welcome !== null);
    await enterPersonByTouch(page, { genesenenId: id, familyName: people.familyName, dateOfBirth: people.dateOfBirth });
    await action(page, 'next').click();
    await page.waitForFunction(() => (globalThis as any).__benchMarks.qr !== null);
    const m = await page.evaluate(() => (globalThis as any).__benchMarks);
    console.log('confirm→qr', (m.qr - m.confirm).toFixed(1), 'server', m.issue?.server);
    await ctx.close();
  }
  await browser.close();
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
}
void main();
