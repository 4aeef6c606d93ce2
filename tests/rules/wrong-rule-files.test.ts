// A deliberately wrong rule file — not JSON, an unknown operator, a malformed operation, a rule
// whose logic fails an official test case, a duplicate, an impossible validity — is refused by
// `cli rules check` (exit code 1, the reason named) and at start-up (CONFIG_INVALID naming
// rules.businessRules), so the kiosk never runs on rules nobody can vouch for.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createKiosk } from '../../core/api/create-kiosk-api';
import { main } from '../../core/cli/main';
import { memorySink } from '../../core/log/logger';
import { loadRuleSet } from '../../core/rules/rule-set';

const dir = mkdtempSync(join(tmpdir(), 'rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const shipped = (): Record<string, unknown>[] =>
  JSON.parse(readFileSync('core/rules/data/de-recovery-2021.json', 'utf8'));
const withRule = (id: string, change: (r: Record<string, unknown>) => Record<string, unknown>) =>
  shipped().map((r) => (r.Identifier === id ? change(r) : r));

const WRONG: Record<string, { text: string; reason: RegExp }> = {
  'not JSON': { text: '[{"Identifier": "RR-EU-0001",', reason: /not valid JSON/ },
  'not a list': { text: JSON.stringify({ rules: shipped() }), reason: /JSON list of rule objects/ },
  'unknown operator': {
    text: JSON.stringify(
      withRule('RR-EU-0001', (r) => ({ ...r, Logic: { 'clock-is-fine': [{ var: 'payload.r.0.du' }] } })),
    ),
    reason: /unrecognised operator/,
  },
  'malformed if': {
    text: JSON.stringify(withRule('RR-DE-0001', (r) => ({ ...r, Logic: { if: [{ var: 'payload.r.0' }, true] } }))),
    reason: /"if"-operation must have exactly 3/,
  },
  // df ≤ clock < du instead of ≤ du: valid CertLogic, but the official case "nearly too late - on
  // the second" expects the first instant of du to be accepted.
  'an official test case fails': {
    text: JSON.stringify(
      withRule('RR-EU-0001', (r) => ({
        ...r,
        Logic: JSON.parse(JSON.stringify(r.Logic).replace('"not-after"', '"before"')),
      })),
    ),
    reason: /RR-EU-0001 1\.0\.0: official case RR-EU-0001\/test\d+\.json .* expects (true|false), got (true|false)/,
  },
  'a rule twice': { text: JSON.stringify([...shipped(), shipped()[0]]), reason: /GR-EU-0000 1\.0\.0 appears twice/ },
  'ValidTo before ValidFrom': {
    text: JSON.stringify(withRule('RR-DE-0002', (r) => ({ ...r, ValidTo: '2020-01-01T00:00:00Z' }))),
    reason: /must be after ValidFrom/,
  },
};
const files = Object.fromEntries(
  Object.entries(WRONG).map(([name, { text }], i) => {
    const path = join(dir, `wrong-${i}.json`);
    writeFileSync(path, text);
    return [name, path];
  }),
);

async function check(file: string): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  try {
    return { code: await main(['rules', 'check', file]), out };
  } finally {
    spy.mockRestore();
  }
}

describe('cli rules check', () => {
  it.each(Object.keys(WRONG))('refuses a file with %s, naming the reason', async (name) => {
    const { code, out } = await check(files[name]!);
    expect(code).toBe(1);
    expect(out).toMatch(/^REFUSED /);
    expect(out).toMatch(WRONG[name]!.reason);
  });

  it('accepts both shipped sets and an unmodified copy on disk', async () => {
    const copy = join(dir, 'copy.json');
    writeFileSync(copy, JSON.stringify(shipped()));
    for (const f of ['builtin:de-recovery-2021', 'builtin:de-recovery-2022', copy]) {
      const { code, out } = await check(f);
      expect(code, out).toBe(0);
      expect(out).toContain('official test cases passed: 52');
    }
  });

  it('exits 1 as a process too (what an operator script sees)', async () => {
    const tsx = join(process.cwd(), 'node_modules/.bin/tsx');
    const result = await new Promise<{ code: number; stdout: string }>((done) =>
      execFile(tsx, ['core/cli/main.ts', 'rules', 'check', files['unknown operator']!], (error, stdout) =>
        done({ code: error ? Number(error.code) : 0, stdout }),
      ),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/unrecognised operator/);
  });
});

describe('start-up', () => {
  it.each(['unknown operator', 'an official test case fails', 'not JSON'])(
    'refuses a rule file with %s (CONFIG_INVALID)',
    async (name) => {
      expect(loadRuleSet(files[name]!).ok).toBe(false);
      const configPath = join(dir, `kiosk-${name.replace(/\W+/g, '-')}.json`);
      writeFileSync(configPath, JSON.stringify({ kioskId: 'kiosk-rules', rules: { businessRules: files[name] } }));
      const dataDir = mkdtempSync(join(dir, 'data-'));
      const kiosk = await createKiosk({ dataDir, configPath, logSink: memorySink() });
      if (kiosk.ok) await kiosk.value.close();
      expect(kiosk.ok).toBe(false);
      if (kiosk.ok) return;
      expect(kiosk.error.code).toBe('CONFIG_INVALID');
      expect(kiosk.error.details?.['rules.businessRules']).toBe(`${files[name]} was refused`);
      expect(Object.values(kiosk.error.details ?? {}).join('\n')).toMatch(WRONG[name]!.reason);
    },
  );

  it('refuses an unknown shipped set name and a missing file', async () => {
    expect(loadRuleSet('builtin:de-recovery-1999')).toMatchObject({
      ok: false,
      error: { file: expect.stringMatching(/unknown shipped rule set/) },
    });
    expect(loadRuleSet(join(dir, 'missing.json'))).toMatchObject({
      ok: false,
      error: { file: 'cannot be read (ENOENT)' },
    });
  });
});
