// The kiosk as a citizen meets it (docs/performance.md), in Debian's Chromium against `start:web` spawned as
// its own process (server/start-web.ts: createKiosk + startWebServer, as in production where the
// core runs outside the renderer), with a simulator fixture of fresh people at zero latency:
//   web_first_screen   navigation start → welcome screen painted, in a fresh browser context
//                      (empty HTTP cache: the kiosk starting up), renderer boot and getInfo included;
//   web_confirm_to_qr  the click on "confirm" on the summary screen → the QR painted (HTTP round
//                      trip, the whole issuance, React render, style, layout and paint).
// Timestamps are taken in the page (web-marks.ts). The flow is driven by the e2e suite's helpers
// (tests/e2e/support), so the benchmark follows the UI as the tests do.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { ensureRendererBuilt } from '../server/start-web';
import { CHROMIUM_PATH, launchChromium, PORTRAIT } from '../tests/e2e/support/browser';
import { action, enterPersonByTouch } from '../tests/e2e/support/flow';
import {
  benchTempDir,
  onBenchExit,
  WEB_FAMILY_NAME,
  writeKioskConfig,
  writePeopleFixture,
  type PeopleFixture,
} from './fixtures';
import { latencyResult, type BenchContext, type BenchGroup, type GroupOutput } from './harness';
import { bundleSizes } from './web-bundle';
import { WEB_MARKS_SCRIPT, type WebMarks } from './web-marks';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const START_TIMEOUT_MS = 120_000;

interface SpawnedKiosk {
  readonly url: string;
  stop(): Promise<void>;
}

/** `node --import tsx server/start-web.ts --port 0 …`; resolves with the URL it prints. */
function spawnWebKiosk(configPath: string, dataDir: string): Promise<SpawnedKiosk> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/start-web.ts', '--port', '0', '--data-dir', dataDir, '--config', configPath],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const forget = onBenchExit(() => child.kill('SIGKILL'));
  const stop = () =>
    new Promise<void>((done) => {
      forget();
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return new Promise((resolveUrl, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error('bench: start:web did not print its URL in time'));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /(http:\/\/(?:127\.0\.0\.1|localhost):\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        resolveUrl({ url: `${m[1]}/`, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.resume();
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench: start:web exited early (code ${code})`));
    });
  });
}

/** What the page functions below see (the bench's tsconfig has no DOM types). Page-side only. */
interface PageGlobals {
  readonly __benchMarks: WebMarks;
  readonly document: { querySelector(selector: string): unknown };
}

interface CitizenTimes {
  readonly firstScreen: number;
  readonly confirmToQr: number;
  /** Part of confirmToQr until the result screen is in the DOM (the rest: decoding the QR image). */
  readonly confirmToResult: number;
  /** The path split up (web-marks.ts): click → fetch start, the back end's time, the rest of the HTTP exchange, React commit. */
  readonly path: {
    readonly toFetch: number;
    readonly server: number;
    readonly http: number;
    readonly commit: number;
  } | null;
}

/** One citizen in a fresh context. */
async function oneCitizen(
  browser: Browser,
  url: string,
  people: PeopleFixture,
  genesenenId: string,
): Promise<CitizenTimes> {
  const context = await browser.newContext({
    viewport: PORTRAIT,
    deviceScaleFactor: 1,
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
  });
  try {
    await context.addInitScript({ content: WEB_MARKS_SCRIPT });
    const page = await context.newPage();
    const marks = () => page.evaluate(() => (globalThis as unknown as PageGlobals).__benchMarks);
    await page.goto(url);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__benchMarks.welcome !== null);
    const firstScreen = (await marks()).welcome!;
    await enterPersonByTouch(page, { genesenenId, familyName: people.familyName, dateOfBirth: people.dateOfBirth });
    await action(page, 'next').click();
    await page.waitForFunction(() => {
      const g = globalThis as unknown as PageGlobals;
      return g.__benchMarks.qr !== null || g.document.querySelector('[data-screen="refusal"]') !== null;
    });
    const m = await marks();
    if (m.qr === null || m.confirm === null || m.result === null)
      throw new Error('bench: the kiosk refused a fixture person');
    const path =
      m.issue && m.issue.server !== null
        ? {
            toFetch: m.issue.start - m.confirm,
            server: m.issue.server,
            http: m.issue.responseEnd - m.issue.start - m.issue.server,
            commit: m.result - m.issue.responseEnd,
          }
        : null;
    return { firstScreen, confirmToQr: m.qr - m.confirm, confirmToResult: m.result - m.confirm, path };
  } finally {
    await context.close();
  }
}

export const webGroup: BenchGroup = {
  names: ['web_first_screen', 'web_confirm_to_qr'],
  async run(ctx: BenchContext): Promise<GroupOutput> {
    if (!existsSync(CHROMIUM_PATH)) {
      const why = `no Chromium at ${CHROMIUM_PATH}`;
      return { results: {}, skipped: { web_first_screen: why, web_confirm_to_qr: why } };
    }
    const n = ctx.quick ? 2 : 20;
    const warmup = 1;
    await ensureRendererBuilt((line) => ctx.progress(line), { whenStale: true });
    const people = writePeopleFixture('web', n + warmup, WEB_FAMILY_NAME);
    const dataDir = join(benchTempDir(), 'web-data');
    mkdirSync(dataDir, { recursive: true });
    ctx.progress('web: starting start:web and Chromium');
    const kiosk = await spawnWebKiosk(writeKioskConfig('web', people), dataDir);
    let browser: Browser | undefined;
    try {
      browser = await launchChromium();
      const first: number[] = [];
      const confirm: number[] = [];
      const toResult: number[] = [];
      const parts: Record<'toFetch' | 'server' | 'http' | 'commit', number[]> = {
        toFetch: [],
        server: [],
        http: [],
        commit: [],
      };
      for (const [i, id] of people.ids.entries()) {
        ctx.progress(`web: citizen ${i + 1}/${people.ids.length}${i < warmup ? ' (warm-up)' : ''}`);
        const t = await oneCitizen(browser, kiosk.url, people, id);
        if (i < warmup) continue;
        first.push(t.firstScreen);
        confirm.push(t.confirmToQr);
        toResult.push(t.confirmToResult);
        if (t.path) for (const k of Object.keys(parts) as (keyof typeof parts)[]) parts[k].push(t.path[k]);
      }
      const resultMedian = latencyResult(toResult).median;
      const med = (xs: number[]) => (xs.length > 0 ? latencyResult(xs).median : Number.NaN);
      const profile = {
        clickToFetchMedian: med(parts.toFetch),
        serverMedian: med(parts.server),
        httpMedian: med(parts.http),
        reactCommitMedian: med(parts.commit),
        paintMedian: med(confirm.map((c, i) => c - toResult[i]!)),
      };
      return {
        results: {
          web_first_screen: latencyResult(first, { ...bundleSizes() }),
          web_confirm_to_qr: latencyResult(confirm, { toResultScreenMedian: resultMedian, ...profile }),
        },
      };
    } finally {
      await browser?.close();
      await kiosk.stop();
    }
  },
};
