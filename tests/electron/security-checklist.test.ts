// The Electron security checklist (https://www.electronjs.org/docs/latest/tutorial/security, all
// 20 items) plus the kiosk's own rules, asserted on the real objects the main process builds:
// startKioskMain (electron/main/main.ts) runs against a fake `electron` module, and each row
// inspects what it created — window options, handlers registered on the sessions (and invoked),
// the app:// protocol handler, the IPC handlers with forged senders, the fuse configuration.
import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KIOSK_METHODS } from '../../core/api/kiosk-api-contract';
import type { KioskApi } from '../../core/api/kiosk-api';
import { silentLogger } from '../../core/log/logger';
import { err, ok } from '../../core/result';
import { KIOSK_FUSES } from '../../build/electron-builder.config';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/app-protocol';
import { startKioskMain, type MainDeps } from '../../electron/main/main';
import { PRINT_PARTITION } from '../../electron/main/print-glue';
import { fakeElectron, fakeEvent, FakeFrame, FakeWebContents, ipcEvent, makeTempDir, removeTempDirs } from './fakes';

const exposed = vi.hoisted(() => new Map<string, unknown>());
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: { invoke: async () => ({ ok: true, value: null }) },
}));
vi.mock('../../core/api/create-kiosk-api', () => ({ createKiosk: async () => err('INTERNAL') }));

const repoRoot = join(__dirname, '..', '..');
let appPath: string;
beforeAll(() => {
  appPath = makeTempDir('kiosk-checklist-');
  mkdirSync(join(appPath, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appPath, 'dist', 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
});
afterAll(removeTempDirs);

const api = Object.fromEntries(KIOSK_METHODS.map((m) => [m, async () => ok(m)])) as unknown as KioskApi;

async function boot(over: Partial<MainDeps> = {}, isPackaged = true) {
  const fx = fakeElectron({ appPath, isPackaged });
  const running = await startKioskMain({
    electron: fx as unknown as MainDeps['electron'],
    createKiosk: async () => ok({ api, config: {}, close: async () => undefined }),
    proc: new EventEmitter() as unknown as NodeJS.Process,
    argv: ['genesenen-kiosk'],
    env: {},
    defaultDataDir: join(appPath, 'data'),
    exists: () => false,
    preloadPath: '/opt/kiosk/resources/app.asar/.vite/build/preload.cjs',
    logger: silentLogger,
    ...over,
  });
  const win = fx.windows[0]!;
  const prefs = win.options.webPreferences as Record<string, unknown>;
  const printSession = fx.partitions.get(PRINT_PARTITION)!;
  return { fx, running, win, prefs, contents: win.webContents, printSession };
}
type Booted = Awaited<ReturnType<typeof boot>>;

/** The code that runs in the shipped app (build configs excluded). */
const electronSources = () =>
  ['electron/main', 'electron/preload']
    .flatMap((dir) =>
      (readdirSync(join(repoRoot, dir)) as string[])
        .filter((f) => f.endsWith('.ts'))
        .map((f) => join(repoRoot, dir, f)),
    )
    .concat(join(repoRoot, 'electron/ipc-channels.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');

const CHECKLIST: [string, (b: Booted) => void | Promise<void>][] = [
  [
    '1 only load secure content: the page comes from app:// (standard, secure), never http(s)',
    ({ fx, win }) => {
      expect(win.webContents.loaded).toEqual(['app://kiosk/index.html']);
      expect(fx.protocol.privileged).toEqual([
        { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      ]);
      expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    },
  ],
  [
    '2 no Node.js integration (window, workers, subframes)',
    ({ prefs }) => {
      expect(prefs).toMatchObject({
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
      });
    },
  ],
  ['3 context isolation', ({ prefs }) => expect(prefs.contextIsolation).toBe(true)],
  ['4 process sandbox', ({ prefs }) => expect(prefs.sandbox).toBe(true)],
  [
    '5 permission requests denied in every session',
    ({ fx, printSession }) => {
      for (const s of [fx.session.defaultSession, printSession]) {
        const cb = vi.fn();
        s.permissionRequestHandler!({}, 'media', cb, {});
        expect(cb).toHaveBeenCalledWith(false);
        expect(s.permissionCheckHandler!({}, 'geolocation', 'app://kiosk', {})).toBe(false);
        expect(s.devicePermissionHandler!({ deviceType: 'hid' })).toBe(false);
      }
    },
  ],
  ['6 webSecurity stays on', ({ prefs }) => expect(prefs.webSecurity).toBe(true)],
  [
    '7 Content-Security-Policy on every app:// response',
    async ({ fx }) => {
      for (const url of ['app://kiosk/index.html', 'app://kiosk/missing.js', 'app://kiosk/..%2f..%2fetc%2fpasswd']) {
        const res: Response = await fx.protocol.handlers.get('app')!({ url, method: 'GET' });
        expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      }
    },
  ],
  ['8 allowRunningInsecureContent off', ({ prefs }) => expect(prefs.allowRunningInsecureContent).toBe(false)],
  ['9 experimental features off', ({ prefs }) => expect(prefs.experimentalFeatures).toBe(false)],
  ['10 no enableBlinkFeatures', ({ prefs }) => expect(prefs).not.toHaveProperty('enableBlinkFeatures')],
  [
    '11 no <webview> (so no allowpopups)',
    ({ prefs, contents }) => {
      expect(prefs.webviewTag).toBe(false);
      const ev = fakeEvent();
      contents.emit('will-attach-webview', ev, { allowpopups: true }, { src: 'https://evil.example' });
      expect(ev.defaultPrevented).toBe(true);
    },
  ],
  [
    '12 webview options verified: every attach is refused, on every webContents',
    ({ fx }) => {
      const other = new FakeWebContents();
      fx.app.emit('web-contents-created', fakeEvent(), other);
      const ev = fakeEvent();
      other.emit('will-attach-webview', ev, {}, { src: 'app://kiosk/' });
      expect(ev.defaultPrevented).toBe(true);
    },
  ],
  [
    '13 navigation limited to app://kiosk',
    ({ contents }) => {
      const away = fakeEvent({ url: 'https://evil.example/', isMainFrame: true });
      contents.emit('will-navigate', away);
      expect(away.defaultPrevented).toBe(true);
      const inside = fakeEvent({ url: 'app://kiosk/index.html', isMainFrame: true });
      contents.emit('will-navigate', inside);
      expect(inside.defaultPrevented).toBe(false);
    },
  ],
  [
    '14 new windows denied',
    ({ contents }) => {
      expect(contents.windowOpenHandler!({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
    },
  ],
  [
    '15 shell.openExternal is never used; the openExternal permission is denied',
    ({ fx }) => {
      expect(electronSources()).not.toMatch(/openExternal\(|\bshell\b.*from 'electron'/);
      const cb = vi.fn();
      fx.session.defaultSession.permissionRequestHandler!({}, 'openExternal', cb, { externalURL: 'smb://x' });
      expect(cb).toHaveBeenCalledWith(false);
    },
  ],
  [
    '16 current Electron: pinned exactly, the installed package is the pinned one',
    () => {
      const pin = (
        JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }
      ).devDependencies.electron!;
      const installed = (
        JSON.parse(readFileSync(join(repoRoot, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
      ).version;
      expect(pin).toMatch(/^\d+\.\d+\.\d+$/);
      expect(installed).toBe(pin);
      expect(Number(pin.split('.')[0])).toBeGreaterThanOrEqual(45);
    },
  ],
  [
    '17 the sender of every IPC message is validated',
    async ({ fx, contents }) => {
      const other = new FakeWebContents('app://kiosk/index.html');
      for (const channel of fx.ipcMain.handlers.keys()) {
        const handler = fx.ipcMain.handlers.get(channel)!;
        await expect(handler(ipcEvent(other), {})).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
        await expect(
          handler(ipcEvent(contents, new FakeFrame('app://kiosk/', contents.mainFrame)), {}),
        ).resolves.toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      }
      await expect(fx.ipcMain.handlers.get('kiosk:getInfo')!(ipcEvent(contents), {})).resolves.toEqual({
        ok: true,
        value: 'getInfo',
      });
    },
  ],
  [
    '18 no file:// — custom protocol only, and file:// loses its extra privileges (fuse)',
    () => {
      expect(electronSources()).not.toMatch(/loadFile\(|registerFileProtocol|pathToFileURL/);
      expect(KIOSK_FUSES.grantFileProtocolExtraPrivileges).toBe(false);
    },
  ],
  [
    '19 fuses: no run-as-node, no NODE_OPTIONS, no --inspect, app only from an integrity-checked asar',
    () => {
      expect(KIOSK_FUSES).toEqual({
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        loadBrowserProcessSpecificV8Snapshot: false,
        grantFileProtocolExtraPrivileges: false,
      });
    },
  ],
  [
    '20 no Electron API exposed to web content: the preload exposes window.kiosk functions only',
    async ({ prefs }) => {
      expect(prefs.preload).toMatch(/preload\.cjs$/);
      exposed.clear();
      vi.resetModules();
      await import('../../electron/preload/preload');
      expect([...exposed.keys()]).toEqual(['kiosk']);
      const kiosk = exposed.get('kiosk') as Record<string, unknown>;
      expect(Object.values(kiosk).every((v) => typeof v === 'function')).toBe(true);
      expect(Object.keys(kiosk)).not.toContain('ipcRenderer');
    },
  ],
];

describe('Electron security checklist, on the objects main.ts builds', () => {
  it('covers all 20 items', () =>
    expect(CHECKLIST.map(([t]) => Number(t.split(' ')[0]))).toEqual([...Array(20).keys()].map((i) => i + 1)));
  it.each(CHECKLIST)('%s', async (_title, check) => check(await boot()));
});

describe('kiosk rules, on the objects main.ts builds', () => {
  it('full-screen kiosk window, no menu, no DevTools, shown when ready', async () => {
    const { fx, win, prefs } = await boot();
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, show: false });
    expect(fx.Menu.applicationMenu).toBeNull();
    expect(prefs.devTools).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('one instance; Chromium’s profile inside the data directory', async () => {
    const { fx } = await boot();
    expect(fx.app.listenerCount('second-instance')).toBe(1);
    expect(fx.app.paths.userData).toBe(join(appPath, 'data', 'chromium-profile'));
  });

  it('a crashed renderer is wiped and reloaded; the window survives a close request', async () => {
    const { contents, win } = await boot();
    contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 });
    await vi.waitFor(() => expect(contents.reloads).toBe(1), { timeout: 30_000 });
    expect(contents.session.wiped).toEqual(['storage', 'cache']);
    const close = fakeEvent();
    win.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
  });

  it('a broken configuration still opens the window; every call answers the error', async () => {
    const { fx, contents, win } = await boot({ createKiosk: async () => err('CONFIG_INVALID') });
    expect(win.webContents.loaded).toEqual(['app://kiosk/index.html']);
    await expect(fx.ipcMain.handlers.get('kiosk:getInfo')!(ipcEvent(contents), {})).resolves.toEqual({
      ok: false,
      error: { code: 'CONFIG_INVALID' },
    });
  });

  it('a second instance quits without opening anything', async () => {
    const fx = fakeElectron({ appPath });
    fx.app.lockAvailable = false;
    const running = await startKioskMain({
      electron: fx as unknown as MainDeps['electron'],
      createKiosk: async () => ok({ api, config: {}, close: async () => undefined }),
      proc: new EventEmitter() as unknown as NodeJS.Process,
      argv: [],
      env: {},
      defaultDataDir: appPath,
      exists: () => false,
      preloadPath: '/p.cjs',
      logger: silentLogger,
    });
    expect(running).toBeNull();
    expect(fx.app.quits).toBe(1);
    expect(fx.windows).toEqual([]);
    expect(fx.ipcMain.handlers.size).toBe(0);
  });

  it('development: the Vite dev server is loaded and trusted, DevTools allowed; ignored when packaged', async () => {
    const dev = await boot({ devServerUrl: 'http://localhost:5173' }, false);
    expect(dev.win.webContents.loaded).toEqual(['http://localhost:5173']);
    expect(dev.running!.trustedOrigins).toEqual(['app://kiosk', 'http://localhost:5173']);
    expect(dev.prefs.devTools).toBe(true);
    const prod = await boot({ devServerUrl: 'http://localhost:5173' }, true);
    expect(prod.win.webContents.loaded).toEqual(['app://kiosk/index.html']);
    expect(prod.running!.trustedOrigins).toEqual(['app://kiosk']);
  });
});
