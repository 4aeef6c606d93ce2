// The browser transport's start script serves the metrics endpoint when configured
// (docs/monitoring.md): on its own address, apart from the citizen page, which does not serve it.
// Runs `npm run start:web` as a real child process (the renderer build must exist: npm test
// builds it first) and stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirs } from '../issuance/kiosk-helpers';
import { sampleValue } from './scrape-parse';

const ROOT = join(__dirname, '../..');
const dirs = makeDirs();
let child: ChildProcess | undefined;

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  dirs.cleanup();
});

describe('npm run start:web with metrics configured', () => {
  it('prints the metrics URL; the scrape answers there and not on the citizen page', { timeout: 120_000 }, async () => {
    const configPath = join(dirs.configDir, 'kiosk.json');
    writeFileSync(
      configPath,
      JSON.stringify({ kioskId: 'kiosk-web', office: 'buergeramt-web', metrics: { listen: '127.0.0.1:0' } }),
    );
    // node itself (tsx as a loader), so SIGTERM reaches the kiosk process and not a wrapper.
    const args = [
      '--import',
      'tsx',
      'server/start-web.ts',
      '--port',
      '0',
      '--data-dir',
      dirs.dataDir,
      '--config',
      configPath,
    ];
    child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const urls = await new Promise<{ web: string; metrics: string }>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const web = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
        const metrics = /Metrics at (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(out)?.[1];
        if (web && metrics) resolve({ web, metrics });
      });
      child!.once('exit', (code) => reject(new Error(`start:web exited ${code}: ${out}`)));
    });
    const scrape = await (await fetch(urls.metrics)).text();
    expect(sampleValue(scrape, 'kiosk_build_info', { kiosk_id: 'kiosk-web', office: 'buergeramt-web' })).toBe(1);
    expect(sampleValue(scrape, 'kiosk_process_starts_total')).toBe(1);
    expect(new URL(urls.web).port).not.toBe(new URL(urls.metrics).port);
    const viaCitizen = await fetch(new URL('/metrics', urls.web));
    expect([404, 405]).toContain(viaCitizen.status);
    expect(await viaCitizen.text()).not.toContain('kiosk_build_info');
  });
});
