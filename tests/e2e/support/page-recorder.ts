// A flight recorder for one kiosk page in the browser suites: the API calls the renderer made
// (method, request, answer, timings), the browser console and page errors, every change of the
// visible screen (data-screen, seen by a MutationObserver in the page) and the steps the harness
// took. When a wait gives up, `describePage` says where the page stood, and `saveFailure` writes a
// screenshot and all of the above to tests/artifacts/ (gitignored), so a failure seen once under
// load can be diagnosed afterwards. Only fictitious test people pass through these pages.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page, Request } from 'playwright-core';

export interface ApiExchange {
  readonly method: string;
  readonly request: string;
  readonly sentAt: number;
  answeredAt?: number;
  status?: number;
  answer?: string;
  failure?: string;
}

export interface ScreenChange {
  readonly screen: string;
  readonly at: number;
}

export interface PageRecord {
  readonly api: ApiExchange[];
  readonly console: string[];
  readonly steps: { readonly step: string; readonly at: number }[];
  readonly screens: ScreenChange[];
}

const KEEP = 200;
const records = new WeakMap<Page, PageRecord>();
const keep = <T>(list: T[], item: T) => {
  list.push(item);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
};

/** In the page: reports every new data-screen value (init scripts are not subject to the page's CSP). */
const SCREEN_WATCH = `(() => {
  let last = null;
  const report = () => {
    const host = document.querySelector('[data-screen]');
    const name = host ? host.getAttribute('data-screen') : '(none)';
    if (name !== last) { last = name; window.__kioskScreenChanged?.(name); }
  };
  new MutationObserver(report).observe(document, { subtree: true, childList: true, attributes: true,
    attributeFilter: ['data-screen'] });
})();`;

/** Installs the recorder on a context before its page loads; returns the page's record. */
export async function recordContext(context: BrowserContext): Promise<(page: Page) => PageRecord> {
  const byPage = new WeakMap<Page, PageRecord>();
  const recordOf = (page: Page): PageRecord => {
    let record = byPage.get(page);
    if (!record) {
      record = { api: [], console: [], steps: [], screens: [] };
      byPage.set(page, record);
      records.set(page, record);
    }
    return record;
  };
  // Stamped with this process's clock: the page's may be Playwright's fake one.
  await context.exposeBinding('__kioskScreenChanged', ({ page }, screen: string) =>
    keep(recordOf(page).screens, { screen, at: Date.now() }),
  );
  await context.addInitScript(SCREEN_WATCH);
  context.on('page', (page) => attach(page, recordOf(page)));
  return recordOf;
}

function attach(page: Page, record: PageRecord): void {
  const pending = new Map<Request, ApiExchange>();
  const methodOf = (r: Request) => /\/api\/([A-Za-z]+)$/u.exec(new URL(r.url()).pathname)?.[1];
  page.on('console', (m) => keep(record.console, `${new Date().toISOString()} ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => keep(record.console, `${new Date().toISOString()} pageerror: ${e.message}`));
  page.on('request', (r) => {
    const method = methodOf(r);
    if (!method) return;
    const exchange: ApiExchange = { method, request: r.postData() ?? '', sentAt: Date.now() };
    pending.set(r, exchange);
    keep(record.api, exchange);
  });
  page.on('requestfinished', (r) => {
    const exchange = pending.get(r);
    if (!exchange) return;
    pending.delete(r);
    exchange.answeredAt = Date.now();
    void r
      .response()
      .then(async (res) => {
        exchange.status = res?.status();
        exchange.answer = (await res?.text())?.slice(0, 2000);
      })
      .catch((e: unknown) => {
        exchange.failure = `answer unreadable: ${String(e)}`;
      });
  });
  page.on('requestfailed', (r) => {
    const exchange = pending.get(r);
    if (!exchange) return;
    pending.delete(r);
    exchange.answeredAt = Date.now();
    exchange.failure = r.failure()?.errorText ?? 'failed';
  });
}

export function pageRecord(page: Page): PageRecord | undefined {
  return records.get(page);
}

/** Notes what the harness is about to do (shown in failure reports). */
export function noteStep(page: Page, step: string): void {
  const record = records.get(page);
  if (record) keep(record.steps, { step, at: Date.now() });
}

const clock = (at: number) => new Date(at).toISOString().slice(11, 23);
const short = (text: string | undefined, max = 300) =>
  text && text.length > max ? `${text.slice(0, max)}…` : (text ?? '');

const answerOf = (call: ApiExchange) =>
  call.answeredAt === undefined ? 'no answer yet' : (call.failure ?? `${call.status} ${short(call.answer)}`);

/** One line: the last screen, the last API call and its answer, the last step. */
export function describePage(page: Page): string {
  const record = records.get(page);
  if (!record) return 'no recorder on this page';
  const screen = record.screens.at(-1);
  const call = record.api.at(-1);
  const step = record.steps.at(-1);
  const answer = call ? `${call.method} at ${clock(call.sentAt)} → ${answerOf(call)}` : 'none';
  return [
    `last screen was ${screen ? `${screen.screen} (since ${clock(screen.at)})` : 'unknown'}`,
    `last API call ${answer}`,
    `last step ${step ? `"${step.step}" at ${clock(step.at)}` : 'none'}`,
  ].join('; ');
}

/** Screenshot, DOM, API calls, console, screens and steps of a failed page, into `dir`. */
export async function saveFailure(page: Page, dir: string, what: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const record = records.get(page);
  const lines = [what, '', describePage(page), ''];
  try {
    await page.screenshot({ path: path.join(dir, 'screenshot.png'), fullPage: true, timeout: 15_000 });
  } catch (e) {
    lines.push(`screenshot failed: ${String(e)}`);
  }
  try {
    writeFileSync(path.join(dir, 'dom.html'), await page.content());
  } catch (e) {
    lines.push(`DOM unreadable: ${String(e)}`);
  }
  if (record) {
    writeFileSync(path.join(dir, 'api.json'), JSON.stringify(record.api.slice(-30), null, 2));
    writeFileSync(path.join(dir, 'console.txt'), record.console.join('\n'));
    const timeline = [
      ...record.screens.map((s) => ({ at: s.at, line: `screen ${s.screen}` })),
      ...record.steps.map((s) => ({ at: s.at, line: `step   ${s.step}` })),
      ...record.api.map((c) => ({ at: c.sentAt, line: `api    ${c.method} ${short(c.request, 200)}` })),
      ...record.api.flatMap((c) =>
        c.answeredAt === undefined
          ? []
          : [{ at: c.answeredAt, line: `answer ${c.method} ${c.failure ?? `${c.status} ${short(c.answer, 200)}`}` }],
      ),
    ].sort((a, b) => a.at - b.at);
    writeFileSync(
      path.join(dir, 'timeline.txt'),
      timeline
        .slice(-150)
        .map((t) => `${clock(t.at)} ${t.line}`)
        .join('\n'),
    );
  }
  writeFileSync(path.join(dir, 'report.txt'), lines.join('\n'));
  return dir;
}
