// The long run of people-loop.ts, for hunting failures that show once in hundreds of people:
//   npx tsx tests/e2e/support/people-loop-cli.ts [--people 300] [--burn 1] [--no-verify] [--label NAME]
//     [--mode mixed|keyboard|touch] [--renderer DIR]   (DIR: another renderer build, to compare)
//     [--minutes M]   (start no new person after M minutes)
//     [--throttle N]   (Chromium runs the page's main thread N times slower, as on a busy machine)
// Needs `npm run build:renderer` first. Starts its own kiosk (demo core, a fixture of exactly
// these people, so nobody is refused for being unknown or already issued) and browser; --burn N
// keeps N CPU-bound worker threads busy meanwhile to load the machine. Failures are saved under
// tests/artifacts/people-loop/<label>/; the summary is printed as JSON and written there too.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { launchChromium } from './browser';
import { startKioskServer } from './kiosk-server';
import { runPeopleLoop, type EntryMode } from './people-loop';
import { fixtureFor, makePeople } from './people';

const BURNER = 'let x = 0; for (;;) x = (x + Math.sqrt(x + 1)) % 1e9;';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

async function main(): Promise<number> {
  const count = Number(flag('people', '300'));
  const burn = Number(flag('burn', '0'));
  const label = flag('label', new Date().toISOString().replace(/[:.]/gu, '-'));
  const dir = path.resolve(import.meta.dirname, '../../artifacts/people-loop', label);
  mkdirSync(dir, { recursive: true });
  const burners = Array.from({ length: burn }, () => new Worker(BURNER, { eval: true }));
  const mode = flag('mode', 'mixed');
  if (!['mixed', 'keyboard', 'touch'].includes(mode)) throw new Error('--mode must be mixed, keyboard or touch');
  const renderer = flag('renderer', '');
  const throttle = Number(flag('throttle', '1'));
  const people = makePeople(count, 'Loop');
  const kiosk = await startKioskServer({
    fixture: fixtureFor(new Date(), people),
    ...(renderer ? { staticDir: path.resolve(renderer) } : {}),
  });
  const browser = await launchChromium();
  const started = Date.now();
  let slowest = { method: '', ms: 0 };
  try {
    const report = await runPeopleLoop({
      browser,
      kiosk,
      people,
      artifactsDir: dir,
      ...(mode === 'mixed' ? {} : { modeOf: () => mode as EntryMode }),
      verifyQr: !process.argv.includes('--no-verify'),
      ...(flag('minutes', '') ? { budgetMs: Number(flag('minutes', '0')) * 60_000 } : {}),
      preparePage: async (page) => {
        if (throttle <= 1) return;
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
      },
      onPerson: (o) => {
        if (o.error)
          console.log(`#${o.index} ${o.mode} FAILED after ${Math.round(o.ms)} ms: ${o.error}\n  → ${o.artifacts}`);
        else if (o.index % 25 === 0 || (o.slowestCall?.ms ?? 0) > 5000)
          console.log(
            `#${o.index} ${o.mode} ok (${Math.round(o.ms)} ms; slowest call ${JSON.stringify(o.slowestCall)})`,
          );
        if (o.slowestCall && o.slowestCall.ms > slowest.ms) slowest = o.slowestCall;
      },
    });
    const summary = {
      label,
      burners: burn,
      throttle,
      mode,
      renderer: renderer || 'dist/renderer',
      slowestCall: slowest,
      seconds: Math.round((Date.now() - started) / 1000),
      ...report,
    };
    writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(summary, null, 2));
    console.log(
      JSON.stringify(
        { ...summary, failures: report.failures.map((f) => `#${f.index} ${f.mode}: ${f.error}`) },
        null,
        2,
      ),
    );
    return report.failures.length === 0 ? 0 : 1;
  } finally {
    await Promise.all(burners.map((w) => w.terminate()));
    await browser.close();
    await kiosk.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
