// The alert rules and the Grafana dashboard in docs/monitoring/ (docs/monitoring.md): Prometheus's
// own checker accepts the rules, the rules' unit tests pass (paper out for 2 min fires, a 1-min
// blip does not, …), the dashboard is valid JSON with a one-row-per-kiosk table, and every series
// the rules and the dashboard query is one the kiosk actually exports — a renamed metric breaks
// this test instead of silently emptying a panel. Needs Debian's `prometheus` (promtool; .ci/run).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { makeDirs } from '../issuance/kiosk-helpers';

const ROOT = join(__dirname, '../..');
const ALERTS = join(ROOT, 'docs/monitoring/alerts.yml');
const ALERT_TESTS = join(ROOT, 'docs/monitoring/alerts.test.yml');
const DASHBOARD = join(ROOT, 'docs/monitoring/dashboard.json');

const dirs = makeDirs();
let kiosk: Kiosk;
const exported = new Set<string>();

beforeAll(async () => {
  const k = await createKiosk({ dataDir: dirs.dataDir, logSink: () => undefined });
  if (!k.ok) throw new Error(k.error.code);
  kiosk = k.value;
  const text = await kiosk.runtime.metrics.scrape();
  for (const m of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    const [, name, type] = m;
    exported.add(name!);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) exported.add(`${name}${s}`);
  }
}, 30_000);
afterAll(async () => {
  await kiosk?.close();
  dirs.cleanup();
});

/** kiosk_* series names in a PromQL expression (label values are quoted and cannot match). */
const seriesIn = (expr: string): string[] =>
  [...expr.replace(/"[^"]*"/g, '').matchAll(/\bkiosk_[a-z_]+\b/g)].map((m) => m[0]);

function promtool(args: string[]): { status: number | null; output: string } {
  const r = spawnSync('promtool', args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`promtool not runnable (install Debian's prometheus package): ${r.error.message}`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string; instant?: boolean; format?: string }[];
  transformations?: { id: string }[];
}

describe('docs/monitoring/alerts.yml', () => {
  it('passes promtool check rules', () => {
    const r = promtool(['check', 'rules', ALERTS]);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('passes its promtool unit tests (alerts.test.yml)', () => {
    const r = promtool(['test', 'rules', ALERT_TESTS]);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });

  it('has the alerts operators asked for, each on series the kiosk exports', () => {
    const doc = parseYaml(readFileSync(ALERTS, 'utf8')) as {
      groups: { rules: { alert: string; expr: string; for?: string }[] }[];
    };
    const rules = doc.groups.flatMap((g) => g.rules);
    const byName = new Map(rules.map((r) => [r.alert, r]));
    expect(byName.get('KioskPrinterPaperOut')).toMatchObject({ for: '2m' });
    expect(byName.get('KioskRecordSourceFailing')).toMatchObject({ for: '5m' });
    expect(byName.get('KioskDscEndsSoon')?.expr).toContain('< 30');
    expect(byName.get('KioskDiskLow')?.expr).toContain('< 0.10');
    expect(byName.has('KioskRegistryUnreachable')).toBe(true);
    const unknown = rules.flatMap((r) => seriesIn(r.expr)).filter((s) => !exported.has(s));
    expect(unknown).toEqual([]);
  });

  it('a rule on a series the kiosk does not export would be caught (the check can fail)', () => {
    expect(seriesIn('kiosk_printer_paper_out == 1').filter((s) => !exported.has(s))).toEqual([
      'kiosk_printer_paper_out',
    ]);
  });
});

describe('docs/monitoring/dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { title: string; panels: Panel[] };

  it('has a fleet table: instant queries merged into one row per kiosk', () => {
    const table = dashboard.panels.find((p) => p.type === 'table');
    expect(table?.title).toMatch(/one row per kiosk/i);
    expect(table!.targets!.every((t) => t.instant === true && t.format === 'table')).toBe(true);
    expect(table!.transformations!.map((t) => t.id)).toContain('merge');
    // Every per-kiosk query aggregates by instance (one value per kiosk), or is the info series itself.
    for (const t of table!.targets!)
      expect(t.expr === 'kiosk_build_info' || t.expr.includes('by (instance)')).toBe(true);
  });

  it('queries only series the kiosk exports', () => {
    const exprs = dashboard.panels.flatMap((p) => p.targets ?? []).map((t) => t.expr);
    expect(exprs.length).toBeGreaterThan(10);
    const unknown = exprs.flatMap(seriesIn).filter((s) => !exported.has(s));
    expect(unknown).toEqual([]);
  });

  it('every query is valid PromQL (promtool)', () => {
    // promtool parses PromQL in rule files; the dashboard's $__range becomes a fixed range here.
    const rules = dashboard.panels
      .flatMap((p) => p.targets ?? [])
      .map(
        (t, i) =>
          `      - record: dashboard:query_${i}\n        expr: ${JSON.stringify(t.expr.replaceAll('$__range', '1d'))}`,
      );
    const file = join(dirs.configDir, 'dashboard-queries.yml');
    writeFileSync(file, `groups:\n  - name: dashboard\n    rules:\n${rules.join('\n')}\n`);
    const r = promtool(['check', 'rules', file]);
    expect(r.output).toContain('SUCCESS');
    expect(r.status).toBe(0);
  });
});
