// The main-process bundle that ships (.vite/build/main.cjs, built by electron/vite.main.config.ts)
// boots: it is loaded the way Electron loads it (CommonJS `require`, `electron` resolved to a fake),
// and its startKioskMain runs the real, bundled core in demo mode — a real SQLite registry in a
// temporary data directory, real signing — behind the real IPC handlers. This catches what only
// the bundle can break: ESM-only code in CommonJS, import.meta, missing externals, runtime files.
import { EventEmitter } from 'node:events';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SHIPPED_NODE_MODULES } from '../../build/electron-builder.config';
import { silentLogger } from '../../core/log/logger';
import type { MainDeps, RunningKiosk } from '../../electron/main/main';
import { fakeElectron, ipcEvent, makeTempDir, removeTempDirs } from './fakes';

const repoRoot = join(__dirname, '..', '..');
let work: string;
let bundle: string;

beforeAll(async () => {
  work = makeTempDir('kiosk-bundle-');
  const outDir = join(work, 'app', '.vite', 'build');
  await build({
    configFile: join(repoRoot, 'electron/vite.main.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  bundle = join(outDir, 'main.cjs');
  // Only the node_modules the release ships (build/electron-builder.config.ts), copied (not
  // linked: a link would let Node resolve their own dependencies from the repository).
  const skip = /[\\/](deps|src|obj|obj\.target|test_extension\.node)([\\/]|$)/;
  for (const m of SHIPPED_NODE_MODULES) {
    cpSync(join(repoRoot, 'node_modules', m), join(work, 'app', 'node_modules', m), {
      recursive: true,
      filter: (src) => !skip.test(src.slice(repoRoot.length)),
    });
  }
  mkdirSync(join(work, 'app', 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(work, 'app', 'dist', 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
}, 120_000);
afterAll(removeTempDirs);

/** `require(bundle)` with `electron` answered by a stub, as only Electron itself could. */
function loadBundle(): { startKioskMain(deps: MainDeps): Promise<RunningKiosk | null> } {
  const mod = Module as unknown as { _load(request: string, ...rest: unknown[]): unknown };
  const original = mod._load;
  mod._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? {} : original.call(this, request, ...rest);
  };
  try {
    return createRequire(bundle)(bundle) as ReturnType<typeof loadBundle>;
  } finally {
    mod._load = original;
  }
}

describe('main bundle', () => {
  it('is CommonJS with the fonts next to it, and loads without Electron running it', () => {
    expect(existsSync(join(work, 'app', '.vite', 'fonts', 'DejaVuSans.ttf'))).toBe(true);
    expect(typeof loadBundle().startKioskMain).toBe('function');
  });

  it('boots the real core in demo mode and issues a certificate over IPC', async () => {
    const { startKioskMain } = loadBundle();
    const fx = fakeElectron({ appPath: join(work, 'app') });
    const running = await startKioskMain({
      electron: fx as unknown as MainDeps['electron'],
      proc: new EventEmitter() as unknown as NodeJS.Process,
      argv: ['genesenen-kiosk'],
      env: {},
      defaultDataDir: join(work, 'data'),
      exists: existsSync,
      preloadPath: join(work, 'app', '.vite', 'build', 'preload.cjs'),
      logger: silentLogger,
    });
    expect(running).not.toBeNull();
    const contents = fx.windows[0]!.webContents;
    expect(contents.loaded).toEqual(['app://kiosk/index.html']);
    const call = (method: string, input: unknown) =>
      fx.ipcMain.handlers.get(`kiosk:${method}`)!(ipcEvent(contents), input);

    const info = await call('getInfo', {});
    expect(info).toMatchObject({ ok: true, value: { demoSigner: true, simulatedRecords: true } });
    await expect(call('validateId', { genesenenId: 'rzjq mtfb 84wv' })).resolves.toEqual({
      ok: true,
      value: { normalized: 'RZJQMTFB84WV', display: 'RZJQ-MTFB-84WV' },
    });
    const issued = (await call('issue', {
      genesenenId: 'RZJQ-MTFB-84WV',
      familyName: 'Mustermann',
      dateOfBirth: '1964-08-12',
      lang: 'de',
    })) as { ok: boolean; value: { hc1: string; demo: boolean } };
    expect(issued.ok).toBe(true);
    expect(issued.value.hc1).toMatch(/^HC1:/);
    expect(issued.value.demo).toBe(true);
    await expect(
      call('issue', { genesenenId: 'RZJQ-MTFB-84WV', familyName: 'Mustermann', dateOfBirth: '1964-08-12', lang: 'de' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'ALREADY_ISSUED' } });
    await expect(call('issue', { genesenenId: 'RZJQ-MTFB-84WV', extra: 1 })).resolves.toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });

    const page: Response = await fx.protocol.handlers.get('app')!({ url: 'app://kiosk/index.html', method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(fx.app.paths.userData).toBe(join(work, 'data', 'chromium-profile'));
    // Audio mode needs the OS voices (docs/speech-output.md).
    if (process.platform === 'linux') expect(fx.app.switches).toContain('enable-speech-dispatcher');

    // Quitting closes core (registry, audit log) before the app exits.
    fx.app.emit('before-quit', { preventDefault() {} });
    await vi.waitFor(() => expect(fx.app.quits).toBe(1), { timeout: 30_000 });
  }, 60_000);
});
