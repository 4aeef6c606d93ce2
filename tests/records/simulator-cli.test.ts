// `npm run sim`: starts on 127.0.0.1, prints its URL, serves the demo people or a fixture file,
// and refuses bad options or fixtures with an exit code instead of starting.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(__dirname, '../..');
const tsx = join(repoRoot, 'node_modules/.bin/tsx');
const cli = join(repoRoot, 'core/records/simulator-cli.ts');

function startCli(args: string[]) {
  const child = spawn(tsx, [cli, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const firstLine = new Promise<string>((res, rej) => {
    child.stdout.on('data', () => stdout.includes('\n') && res(stdout.split('\n')[0]!));
    child.on('exit', () => rej(new Error(`exited: ${stderr}`)));
  });
  firstLine.catch(() => {}); // awaited only by the tests that expect a running simulator
  return { child, firstLine, exited, stderr: () => stderr };
}

const lookup = (url: string, body: object) =>
  fetch(`${url}/v1/recovery-lookups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json());

describe('simulator CLI', () => {
  it('serves the demo people on 127.0.0.1 by default', { timeout: 30_000 }, async () => {
    const run = startCli(['--port', '0']);
    try {
      const url = await run.firstLine;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(
        await lookup(url, { genesenenId: 'RZJQMTFB84WV', familyName: 'Mustermann', dateOfBirth: '1964-08-12' }),
      ).toMatchObject({
        result: 'match',
      });
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
  });

  it('serves a fixture file and injects a fault', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-sim-cli-'));
    const path = join(dir, 'records.json');
    const rec = {
      genesenenId: '0123-4567-89AB',
      familyName: 'Beispiel',
      givenName: 'Bea',
      dateOfBirth: '1990',
      firstPositiveTest: '2021-03-01',
    };
    writeFileSync(path, JSON.stringify({ records: [rec] }));
    const run = startCli(['--records', path, '--port', '0']);
    try {
      const url = await run.firstLine;
      expect(
        await lookup(url, { genesenenId: '0123456789AB', familyName: 'beispiel', dateOfBirth: '1990' }),
      ).toMatchObject({
        result: 'match',
        firstPositivePcrDate: '2021-03-01',
      });
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
    }
    const faulty = startCli(['--port', '0', '--fault', 'http500']);
    try {
      const url = await faulty.firstLine;
      expect((await fetch(`${url}/v1/health`)).status).toBe(500);
    } finally {
      faulty.child.kill('SIGTERM');
      await faulty.exited;
    }
  });

  it.each([
    [['--fault', 'explode'], 2],
    [['--port', 'abc'], 2],
    [['--records', '/nonexistent/records.json'], 1],
  ])('%j exits with %i without listening', { timeout: 30_000 }, async (args, code) => {
    const run = startCli(args);
    expect(await run.exited).toBe(code);
  });
});
