// `npm start` (scripts/start.mjs): Electron when its binary is installed, else a clear message and
// the browser transport. Run with --dry-run so the test starts nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs } from './fakes';

const script = join(__dirname, '..', '..', 'scripts', 'start.mjs');
const dryRun = (env: Record<string, string>) =>
  spawnSync(process.execPath, [script, '--dry-run'], { env: { ...process.env, ...env }, encoding: 'utf8' });

afterAll(removeTempDirs);

describe('npm start', () => {
  it('without the Electron binary: says so, says how to install it, falls back to start:web', () => {
    const empty = makeTempDir('kiosk-no-electron-');
    const r = dryRun({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('the Electron binary is not installed here');
    expect(r.stdout).toContain('node node_modules/electron/install.js');
    expect(r.stdout).toContain('npm run start:web');
  });

  it('with the Electron binary: electron-forge start', () => {
    const dist = makeTempDir('kiosk-electron-');
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\n');
    chmodSync(join(dist, 'electron'), 0o755);
    const r = dryRun({ ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Electron found (${join(dist, 'electron')})`);
    expect(r.stdout).toContain('electron-forge start');
  });
});
