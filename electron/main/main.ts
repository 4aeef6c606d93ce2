// Electron main process: wires the shell together (docs/release.md). Every decision lives in a small
// module next to this one — window options, app:// protocol, hardening, IPC with sender checks,
// lifecycle and recovery, configuration loading, print glue — so that tests can run each against
// a fake `electron`; this file only composes them, in the order Electron requires: scheme
// privileges and the profile path before 'ready', everything else after.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as electron from 'electron';
import type { BrowserWindow as BrowserWindowType } from 'electron';
import packageJson from '../../package.json';
import { createKiosk } from '../../core/api/create-kiosk-api';
import { createFileSink } from '../../core/log/file-sink';
import { createLogger, errorName, type Logger } from '../../core/log/logger';
import { dataPaths, defaultDataDir } from '../../core/paths';
import { limitCoreDumps } from '../../core/process/core-dumps';
import { APP_ENTRY_URL, APP_ORIGIN, privilegedSchemes, registerAppProtocol } from './app-protocol';
import { chromiumProfileDir, loadKiosk, resolveKioskPaths, type CreateKiosk } from './config-loading';
import { hardenApp, hardenSession, PDF_VIEWER_ORIGIN } from './hardening';
import { originOf, registerKioskIpc } from './ipc-handlers';
import {
  acquireSingleInstance,
  guardWindowClose,
  installProcessFailureHandlers,
  installQuitHandler,
  installRendererRecovery,
} from './lifecycle';
import { createElectronPdfPrint, createPdfJobServer, PRINT_PARTITION, printWindowOptions } from './print-glue';
import { createKioskWindowOptions } from './window';

type ElectronMain = Pick<typeof electron, 'app' | 'BrowserWindow' | 'ipcMain' | 'Menu' | 'protocol' | 'session'>;

export interface MainDeps {
  readonly electron: ElectronMain;
  /** Default: core's createKiosk (core/api/create-kiosk-api.ts). */
  readonly createKiosk?: CreateKiosk;
  readonly proc: Pick<NodeJS.Process, 'on'>;
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly defaultDataDir: string;
  readonly exists: (path: string) => boolean;
  readonly preloadPath: string;
  /** The renderer's Vite dev server (electron-forge start); honoured only when not packaged. */
  readonly devServerUrl?: string;
  readonly logger?: Logger;
}

export interface RunningKiosk {
  readonly window: BrowserWindowType;
  /** Origins whose main frame may call window.kiosk. */
  readonly trustedOrigins: readonly string[];
}

/** Returns null when another instance already runs (this one then quits). */
export async function startKioskMain(deps: MainDeps): Promise<RunningKiosk | null> {
  const { app, BrowserWindow, ipcMain, Menu, protocol, session } = deps.electron;
  const isProduction = app.isPackaged;
  // First, so that every Chromium child process inherits it (core/process/core-dumps.ts).
  const coreDumps = limitCoreDumps();
  const paths = resolveKioskPaths(deps);

  // Before 'ready': Chromium's profile goes inside the data directory; app:// becomes a real origin.
  app.setPath('userData', chromiumProfileDir(paths.dataDir));
  // Audio mode speaks through the Web Speech API; on Linux Chromium reaches the OS voices
  // (speech-dispatcher with espeak-ng) only with this switch (docs/speech-output.md).
  if (process.platform === 'linux') app.commandLine.appendSwitch('enable-speech-dispatcher');
  protocol.registerSchemesAsPrivileged(privilegedSchemes());

  let win: BrowserWindowType | null = null;
  if (!acquireSingleInstance(app, () => win)) return null;

  // The shell logs before the configuration is read: its lines carry the version; core's carry kioskId and office too.
  const logger =
    deps.logger ??
    createLogger({
      sink: createFileSink({ dir: dataPaths(paths.dataDir).logDir, baseName: 'shell' }),
      context: { version: packageJson.version },
    });
  installProcessFailureHandlers(deps.proc, app, logger);
  logger.info('shell.core-dumps', { state: coreDumps });

  const devOrigin = !isProduction && deps.devServerUrl ? originOf(deps.devServerUrl) : null;
  const trustedOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN];
  hardenApp(app, { allowedOrigins: trustedOrigins, allowedSubframeOrigins: [PDF_VIEWER_ORIGIN], isProduction, logger });
  Menu.setApplicationMenu(null);

  await app.whenReady();
  hardenSession(session.defaultSession);
  registerAppProtocol(protocol, join(app.getAppPath(), 'dist', 'renderer'));

  const printSession = session.fromPartition(PRINT_PARTITION);
  hardenSession(printSession);
  const electronPrint = createElectronPdfPrint({
    createWindow: () => new BrowserWindow(printWindowOptions(printSession)),
    jobs: createPdfJobServer(printSession.protocol),
    logger,
  });

  const kiosk = await loadKiosk({ createKiosk: deps.createKiosk ?? createKiosk, paths, electronPrint, logger });
  registerKioskIpc(ipcMain, {
    api: kiosk.api,
    logger,
    trustedOrigins,
    trustedContents: () => win?.webContents ?? null,
  });
  const quit = installQuitHandler(app, deps.proc, () => kiosk.close(), logger);

  const windowed = deps.env.KIOSK_WINDOWED === '1';
  win = new BrowserWindow(createKioskWindowOptions({ preloadPath: deps.preloadPath, isProduction, windowed }));
  const shown = win;
  guardWindowClose(shown, quit.isQuitting, isProduction);
  installRendererRecovery({
    contents: shown.webContents,
    endSession: () => kiosk.api.endSession({}),
    logger,
    isQuitting: quit.isQuitting,
  });
  shown.once('ready-to-show', () => shown.show());
  app.on('window-all-closed', () => app.quit());

  logger.info('main.window-loading', { kind: devOrigin ? 'dev-server' : 'app-protocol' });
  try {
    await shown.loadURL(devOrigin && deps.devServerUrl ? deps.devServerUrl : APP_ENTRY_URL);
  } catch (e) {
    // A missing or broken renderer build: relaunching would only loop, so log and keep the window.
    logger.error('main.load-failed', { errorName: errorName(e) });
  }
  return { window: shown, trustedOrigins };
}

/** The real process: only when running inside Electron (tests import this module with a fake). */
if (process.versions.electron) {
  void startKioskMain({
    electron,
    proc: process,
    argv: process.argv,
    env: process.env,
    defaultDataDir: defaultDataDir(),
    exists: existsSync,
    preloadPath: join(__dirname, 'preload.cjs'),
    devServerUrl: typeof MAIN_WINDOW_VITE_DEV_SERVER_URL !== 'undefined' ? MAIN_WINDOW_VITE_DEV_SERVER_URL : undefined,
  }).catch(() => electron.app.exit(1));
}
