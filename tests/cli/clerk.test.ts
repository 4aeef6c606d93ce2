// `cli clerk add|remove|list` (docs/configuration.md, "Clerk accounts"): the PIN comes from stdin
// twice, is stored only as a peppered scrypt hash, and no output shows a PIN, hash or pepper.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { run } from '../../core/cli/commands/clerk';
import { verifyPin } from '../../core/clerk/pin-hash';
import { parseConfigObject } from '../../core/config/load-config';

const PEPPER = 'cli-test-pepper-0123456789abcdef';
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

async function cli(argv: string[], stdin = '') {
  const out: string[] = [];
  const errs: string[] = [];
  const code = await run(argv, {
    input: Readable.from([stdin]),
    out: (t) => out.push(t),
    errOut: (t) => errs.push(t),
  });
  return { code, out: out.join(''), err: errs.join('') };
}

function setup() {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-clerk-cli-'));
  writeFileSync(join(dir, 'pepper'), PEPPER, { mode: 0o600 });
  const config = join(dir, 'kiosk.yaml');
  writeFileSync(config, '# the office kiosk\nkioskId: kiosk-a\nclerk:\n  pepperFile: pepper\n');
  return config;
}

describe('cli clerk', () => {
  it('add writes a peppered hash that verifies the PIN; list shows ids only; remove drops one', async () => {
    const config = setup();
    expect(await cli(['add', '--id', 'mueller', '--config', config], '135791\n135791\n')).toMatchObject({ code: 0 });
    const added = await cli(['add', '--id', 'yilmaz', '--config', config], '246802\n246802\n');
    expect(added.code).toBe(0);
    expect(`${added.out}${added.err}`).not.toMatch(/246802|scrypt|cli-test-pepper/);
    const text = readFileSync(config, 'utf8');
    expect(text).toContain('# the office kiosk'); // comments survive
    const file = parseYaml(text) as { clerk: { accounts: { id: string; pinHash: string }[] } };
    const [m, y] = file.clerk.accounts;
    expect(await verifyPin('135791', m!.pinHash, Buffer.from(PEPPER))).toBe(true);
    expect(await verifyPin('246802', y!.pinHash, Buffer.from(PEPPER))).toBe(true);
    expect(await verifyPin('246802', y!.pinHash)).toBe(false); // useless without the pepper
    expect(parseConfigObject(file).ok).toBe(true);

    const listed = await cli(['list', '--config', config]);
    expect(listed).toEqual({ code: 0, out: 'mueller\nyilmaz\n', err: '' });
    expect((await cli(['remove', '--id', 'mueller', '--config', config])).code).toBe(0);
    expect((await cli(['list', '--config', config])).out).toBe('yilmaz\n');
    expect((await cli(['remove', '--id', 'yilmaz', '--config', config])).code).toBe(1); // the last one stays
  });

  it('refuses two different PINs, a short PIN and an existing id, and says so without the PIN', async () => {
    const config = setup();
    const differ = await cli(['add', '--id', 'mueller', '--config', config], '135791\n135792\n');
    expect(differ.code).toBe(2);
    expect(differ.err).toContain('differ');
    expect(differ.err).not.toMatch(/13579/);
    expect((await cli(['add', '--id', 'mueller', '--config', config], '1357\n1357\n')).code).toBe(2);
    expect((await cli(['add', '--id', 'mueller', '--config', config], '135791\n135791\n')).code).toBe(0);
    expect((await cli(['add', '--id', 'mueller', '--config', config], '135791\n135791\n')).code).toBe(1);
  });

  it('without --config prints the entry, unpeppered only with a warning (demo)', async () => {
    const printed = await cli(['add', '--id', 'demo-clerk'], '111222\n111222\n');
    expect(printed.code).toBe(0);
    expect(printed.err).toContain('demo only');
    const entry = JSON.parse(printed.out) as { id: string; pinHash: string };
    expect(entry.id).toBe('demo-clerk');
    expect(await verifyPin('111222', entry.pinHash)).toBe(true);
  });
});
