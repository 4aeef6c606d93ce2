// `npm run cli -- issue`: the whole use case from the command line, JSON output that a script
// can check (the HC1 verifies with the DSC printed next to it), exit code 0 only when issued.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../core/cli/commands/issue';
import { verifyHc1 } from '../../core/dcc/verify';
import { makeDirs, person } from './kiosk-helpers';

const p = person(new Date(), 'Kommandozeile', 'Klara', '1977-07-07', 33);
let dirs: ReturnType<typeof makeDirs>;
let records: string;

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await run(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
const base = () => [
  '--genesenen-id',
  p.genesenenId,
  '--name',
  p.familyName,
  '--dob',
  p.dateOfBirth,
  '--records',
  records,
  '--data-dir',
  dirs.dataDir,
];

beforeAll(() => {
  dirs = makeDirs();
  records = join(dirs.configDir, 'records.json');
  writeFileSync(records, JSON.stringify({ records: [p] }));
});
afterAll(() => dirs.cleanup());

describe('issue CLI', () => {
  it('--json prints ok, hc1, uvci, kid, dsc and payload; the HC1 verifies with that DSC', async () => {
    const { code, out } = await cli([...base(), '--json']);
    expect(code).toBe(0);
    const res = JSON.parse(out);
    expect(res).toMatchObject({
      ok: true,
      uvci: expect.stringMatching(/^URN:UVCI:01:DE:DEMO\//),
      kid: expect.any(String),
      dsc: expect.any(String),
    });
    expect(res.payload.nam).toEqual({ fn: 'Kommandozeile', fnt: 'KOMMANDOZEILE', gn: 'Klara', gnt: 'KLARA' });
    const report = await verifyHc1(
      res.hc1,
      { dscs: [new Uint8Array(Buffer.from(res.dsc, 'base64'))] },
      { now: new Date() },
    );
    expect(report).toMatchObject({ ok: true, value: { kid: res.kid } });
  });

  it('a second run is refused with exit code 1 and the issue date', async () => {
    const { code, out } = await cli([...base(), '--json']);
    expect(code).toBe(1);
    const res = JSON.parse(out);
    expect(res).toMatchObject({ ok: false, error: { code: 'ALREADY_ISSUED' } });
    // The first run was moments ago: today, or yesterday if midnight passed in between.
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect([today, yesterday]).toContain(res.error.details.issuedOn);
  });

  it('without --json: a refusal goes to stderr with its code', async () => {
    const { code, out, err } = await cli([...base().map((a) => (a === p.familyName ? 'Anders' : a))]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe('not issued: NOT_FOUND\n');
  });

  it('an invalid config file is CONFIG_INVALID with the field', async () => {
    const cfg = join(dirs.configDir, 'bad.json');
    writeFileSync(cfg, JSON.stringify({ rules: { dfOffsetDays: 'soon' } }));
    const { code, out } = await cli([...base(), '--config', cfg, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', details: { 'rules.dfOffsetDays': expect.any(String) } },
    });
  });

  it('writes only inside the data directory', () => {
    expect(readdirSync(dirs.configDir).sort()).toEqual(['bad.json', 'records.json']);
    const allowed = [
      'audit',
      'demo-keys',
      'logs',
      'registry.secret',
      'registry.sqlite',
      'registry.sqlite-shm',
      'registry.sqlite-wal',
    ];
    const written = readdirSync(dirs.dataDir);
    expect(written.filter((f) => !allowed.includes(f))).toEqual([]);
    expect(written).toEqual(expect.arrayContaining(['audit', 'registry.sqlite', 'registry.secret']));
  });
});

describe('issue CLI with a real signer', () => {
  it('refuses --records (invented people) when the configuration signs with a real key, and issues nothing', async () => {
    const { writeDsc } = await import('../support/dsc');
    const { hashPin } = await import('../../core/clerk/pin-hash');
    const key = await writeDsc(dirs.configDir, 'real', { validFromDays: -1, validToDays: 300 });
    const config = join(dirs.configDir, 'real.json');
    writeFileSync(
      config,
      JSON.stringify({
        recordSource: { kind: 'dikoma', baseUrl: 'https://dikoma.example.de' },
        signer: { kind: 'pem', keyPath: key.keyPath, certPath: key.certPath },
        clerk: { pinHash: await hashPin('4711') },
      }),
    );
    const dataDir = join(dirs.configDir, 'real-data');
    const { code, out, err } = await cli([...base().slice(0, -2), '--data-dir', dataDir, '--config', config, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', details: { records: expect.stringContaining('demo signer') } },
    });
    expect(err).toBe('');
    expect(() => readdirSync(dataDir)).toThrow();
  });
});
