// Keeping the kiosk alive and forgetting the person when something breaks (docs/release.md: a crash
// must never leave a person's data on screen). One instance only; a crashed or hung renderer is
// replaced by a fresh page after the session (held certificates, storage, cache) is wiped; an
// exception in the main process relaunches the app, and the OS watchdog (systemd Restart=always,
// Windows Shell Launcher) restarts it if even that fails. Timers are injected so tests drive them.
import type { App, BrowserWindow, Session, WebContents } from 'electron';
import { errorName, type Logger } from '../../core/log/logger';

/** Second start → focus the running kiosk instead. Returns false when this instance must quit. */
export function acquireSingleInstance(
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  getWindow: () => BrowserWindow | null,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const win = getWindow();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}

/** Everything of the current person that lives in the renderer's session, and in core. */
export async function wipeSession(session: Session, endSession: () => Promise<unknown>, logger: Logger): Promise<void> {
  const steps: [string, () => Promise<unknown>][] = [
    ['end-session', endSession],
    ['clear-storage', () => session.clearStorageData()],
    ['clear-cache', () => session.clearCache()],
  ];
  for (const [state, step] of steps) {
    try {
      await step();
    } catch (e) {
      logger.error('renderer.wipe-failed', { state, errorName: errorName(e) });
    }
  }
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface RendererRecoveryDeps {
  readonly contents: WebContents;
  readonly endSession: () => Promise<unknown>;
  readonly logger: Logger;
  /** How long the page may hang before it is killed and replaced. */
  readonly unresponsiveMs?: number;
  readonly timers?: Timers;
  /** While the app quits, a renderer going away is expected: no wipe, no reload. */
  readonly isQuitting?: () => boolean;
}

/**
 * render-process-gone → wipe + reload. unresponsive for longer than `unresponsiveMs` → kill the
 * renderer, which emits render-process-gone and so takes the same path. Overlapping triggers
 * share one recovery.
 */
export function installRendererRecovery(deps: RendererRecoveryDeps): { recover(reason: string): Promise<void> } {
  const { contents, logger } = deps;
  const timers = deps.timers ?? realTimers;
  const unresponsiveMs = deps.unresponsiveMs ?? 15_000;
  let inFlight: Promise<void> | null = null;
  let hangTimer: unknown = null;

  const stopHangTimer = () => {
    if (hangTimer !== null) timers.clear(hangTimer);
    hangTimer = null;
  };

  const recover = (reason: string): Promise<void> => {
    stopHangTimer();
    if (deps.isQuitting?.()) return Promise.resolve();
    if (inFlight) return inFlight;
    logger.warn('renderer.recover', { state: reason });
    inFlight = (async () => {
      await wipeSession(contents.session, deps.endSession, logger);
      if (!contents.isDestroyed()) contents.reload();
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  contents.on('render-process-gone', (_event, details) => void recover(details.reason));
  contents.on('unresponsive', () => {
    if (hangTimer !== null) return;
    hangTimer = timers.set(() => {
      hangTimer = null;
      logger.warn('renderer.unresponsive', { durationMs: unresponsiveMs });
      if (contents.isDestroyed()) return;
      contents.forcefullyCrashRenderer();
    }, unresponsiveMs);
  });
  contents.on('responsive', stopHangTimer);
  return { recover };
}

type ProcessLike = Pick<NodeJS.Process, 'on'>;

/** An exception nobody caught in the main process: log its class (never its message), relaunch. */
export function installProcessFailureHandlers(
  proc: ProcessLike,
  app: Pick<App, 'relaunch' | 'exit'>,
  logger: Logger,
): void {
  let failing = false;
  const fail = (event: 'main.uncaught-exception' | 'main.unhandled-rejection') => (e: unknown) => {
    if (failing) return;
    failing = true;
    logger.error(event, { errorName: errorName(e) });
    app.relaunch();
    app.exit(1);
  };
  proc.on('uncaughtException', fail('main.uncaught-exception'));
  proc.on('unhandledRejection', fail('main.unhandled-rejection'));
}

/**
 * Quit only after core has closed (registry, audit log flushed). SIGTERM (systemd stop) and
 * SIGINT quit the same way. Returns `isQuitting` for the window's close guard.
 */
export function installQuitHandler(
  app: Pick<App, 'on' | 'quit'>,
  proc: ProcessLike,
  close: () => Promise<void>,
  logger: Logger,
): { isQuitting(): boolean } {
  let quitting = false;
  let closed = false;
  let closing: Promise<void> | null = null;
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed) return;
    event.preventDefault();
    closing ??= close()
      .catch((e: unknown) => logger.error('main.close-failed', { errorName: errorName(e) }))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });
  const quit = () => app.quit();
  proc.on('SIGTERM', quit);
  proc.on('SIGINT', quit);
  return { isQuitting: () => quitting };
}

/** In production the window cannot be closed (Alt+F4 through the window manager) unless quitting. */
export function guardWindowClose(
  win: Pick<BrowserWindow, 'on'>,
  isQuitting: () => boolean,
  isProduction: boolean,
): void {
  if (!isProduction) return;
  win.on('close', (event) => {
    if (!isQuitting()) event.preventDefault();
  });
}
