// CLI commands of the certificate engine, run as a user runs them (`tsx core/cli/main.ts …`):
// keys demo → encode → verify (exit codes) → qr, plus usage errors (exit 2).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { buildRecoveryPayload } from '../../core/dcc/payload';
import { kidOf } from '../../core/dcc/x509';
import { repoRoot } from './helpers/vectors';
import { sampleInput } from './helpers/fixtures';

const tsx = join(repoRoot, 'node_modules/.bin/tsx');

function cli(args: readonly string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(tsx, ['core/cli/main.ts', ...args], { cwd: repoRoot }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

const dir = mkdtempSync(join(tmpdir(), 'dcc-cli-'));
const keys = join(dir, 'keys');
const payloadFile = join(dir, 'payload.json');
let hc1 = '';

beforeAll(async () => {
  const p = buildRecoveryPayload(sampleInput);
  if (!p.ok) throw new Error('fixture');
  writeFileSync(payloadFile, JSON.stringify(p.value));
  const r = await cli(['keys', 'demo', '--dir', keys]);
  expect(r.code).toBe(0);
});

describe('cli', () => {
  it('keys demo prints the base64 kid of the DSC it wrote', async () => {
    const out = join(dir, 'keys2');
    const r = await cli(['keys', 'demo', '--dir', out]);
    expect(r.code).toBe(0);
    const dsc = readFileSync(join(out, 'dsc.pem'), 'utf8');
    const der = new Uint8Array(Buffer.from(dsc.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    expect(r.stdout.trim()).toBe(Buffer.from(kidOf(der)).toString('base64'));
    expect(readFileSync(join(out, 'dsc-key.pem'), 'utf8')).toContain('BEGIN PRIVATE KEY');
  });

  it('encode prints an HC1; --json adds kid and base64 DSC', async () => {
    const plain = await cli([
      'encode',
      '--payload',
      payloadFile,
      '--key',
      join(keys, 'dsc-key.pem'),
      '--cert',
      join(keys, 'dsc.pem'),
    ]);
    expect(plain.code).toBe(0);
    hc1 = plain.stdout.replace(/\n$/, '');
    expect(hc1).toMatch(/^HC1:[0-9A-Z $%*+\-./:]+$/);
    const json = await cli([
      'encode',
      '--json',
      '--payload',
      payloadFile,
      '--key',
      join(keys, 'dsc-key.pem'),
      '--cert',
      join(keys, 'dsc.pem'),
    ]);
    const out = JSON.parse(json.stdout) as { hc1: string; kid: string; dsc: string };
    expect(Buffer.from(kidOf(new Uint8Array(Buffer.from(out.dsc, 'base64')))).toString('base64')).toBe(out.kid);
    expect(out.hc1.startsWith('HC1:')).toBe(true);
  });

  it('verify exits 0 for a valid certificate and prints every check', async () => {
    const r = await cli(['verify', '--cert', join(keys, 'dsc.pem'), hc1]);
    expect(r.code).toBe(0);
    for (const check of [
      'prefix',
      'base45',
      'compression',
      'cbor',
      'signature',
      'expiration',
      'dscValidity',
      'keyUsage',
      'schema',
    ]) {
      expect(r.stdout).toMatch(new RegExp(`ok +${check}`));
    }
    expect(r.stdout).toContain('MUELLER<LUEDENSCHEIDT');
  });

  it('verify --json, reading the HC1 from stdin with "-"', async () => {
    const r = await cli(['verify', '--json', '--cert', join(keys, 'dsc.pem'), '-'], `${hc1}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: true, payload: { ver: '1.3.0' } });
  });

  it('verify exits 1 when expired at --now, for another DSC, and for garbage', async () => {
    const late = await cli(['verify', '--json', '--now', '2099-01-01T00:00:00Z', '--cert', join(keys, 'dsc.pem'), hc1]);
    expect(late.code).toBe(1);
    expect(JSON.parse(late.stdout)).toMatchObject({ valid: false, error: 'EXPIRED' });
    const other = await cli(['verify', '--cert', join(dir, 'keys2', 'dsc.pem'), hc1]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('KID_UNKNOWN');
    expect((await cli(['verify', '--cert', join(keys, 'dsc.pem'), 'HC1:garbage'])).code).toBe(1);
  });

  it('qr writes a PNG that reads back to the HC1, and an SVG', async () => {
    const png = join(dir, 'qr.png');
    expect((await cli(['qr', '--out', png, hc1])).code).toBe(0);
    const img = PNG.sync.read(readFileSync(png));
    expect(jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data).toBe(hc1);
    const svg = join(dir, 'qr.svg');
    expect((await cli(['qr', '--out', svg, hc1])).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/^<svg /);
  });

  it('encode refuses a schema-invalid payload (exit 1, typed code, nothing personal)', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(payloadFile, 'utf8')), dob: '1964-13-45' }));
    const r = await cli([
      'encode',
      '--payload',
      bad,
      '--key',
      join(keys, 'dsc-key.pem'),
      '--cert',
      join(keys, 'dsc.pem'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('SCHEMA_INVALID');
    expect(r.stderr).not.toContain('1964');
    expect(r.stdout).toBe('');
  });

  it('usage errors exit 2', async () => {
    expect((await cli(['keys'])).code).toBe(2);
    expect((await cli(['encode', '--payload', payloadFile])).code).toBe(2);
    expect((await cli(['verify', '--cert', join(keys, 'dsc.pem')])).code).toBe(2);
    expect((await cli(['qr', '--out', join(dir, 'x.gif'), hc1])).code).toBe(2);
    expect((await cli(['verify', '--bogus'])).code).toBe(2);
  });
});
