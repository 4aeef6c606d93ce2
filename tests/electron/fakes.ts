// Small fakes at the Electron boundary for the shell's tests (docs/release.md: the Electron binary is not
// available here, so the shell's own functions run against these). Each fake records what the
// code under test did to it, and lets the test fire the events Electron would fire.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CustomScheme } from 'electron';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export const fakeEvent = <T extends object>(extra?: T): FakeEvent & T => {
  const ev = {
    defaultPrevented: false,
    preventDefault() {
      ev.defaultPrevented = true;
    },
    ...(extra ?? {}),
  } as FakeEvent & T;
  return ev;
};

let nextFrameId = 100;

export class FakeFrame {
  readonly frameTreeNodeId = nextFrameId++;
  readonly processId = 7;
  readonly routingId = nextFrameId++;
  detached = false;
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

// The fakes take whatever handler the code under test registers, as Electron does; callers
// in the tests know the real signature. Typed `any` on purpose, here only.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Handler = (...args: any[]) => any;

export class FakeProtocol {
  readonly handlers = new Map<string, Handler>();
  readonly privileged: CustomScheme[] = [];
  handle(scheme: string, handler: Handler): void {
    this.handlers.set(scheme, handler);
  }
  registerSchemesAsPrivileged(schemes: CustomScheme[]): void {
    this.privileged.push(...schemes);
  }
}

export class FakeSession extends EventEmitter {
  permissionRequestHandler: Handler | null = null;
  permissionCheckHandler: Handler | null = null;
  devicePermissionHandler: Handler | null = null;
  displayMediaRequestHandler: Handler | null = null;
  readonly wiped: string[] = [];
  readonly protocol = new FakeProtocol();
  setPermissionRequestHandler(h: Handler) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: Handler) {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: Handler) {
    this.devicePermissionHandler = h;
  }
  setDisplayMediaRequestHandler(h: Handler) {
    this.displayMediaRequestHandler = h;
  }
  async clearStorageData() {
    this.wiped.push('storage');
  }
  async clearCache() {
    this.wiped.push('cache');
  }
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame;
  windowOpenHandler: Handler | null = null;
  destroyed = false;
  reloads = 0;
  devToolsClosed = 0;
  crashes = 0;
  readonly loaded: string[] = [];
  constructor(
    url = 'app://kiosk/index.html',
    public session: FakeSession = new FakeSession(),
  ) {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(h: Handler) {
    this.windowOpenHandler = h;
  }
  isDestroyed() {
    return this.destroyed;
  }
  reload() {
    this.reloads++;
  }
  closeDevTools() {
    this.devToolsClosed++;
  }
  forcefullyCrashRenderer() {
    this.crashes++;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
}

/** An IPC invoke event as Electron builds it for a message from `frame` inside `sender`. */
export const ipcEvent = (sender: FakeWebContents, frame: FakeFrame | null = sender.mainFrame) =>
  ({ sender, senderFrame: frame, frameId: frame?.routingId ?? 0, processId: 7, type: 'frame' }) as const;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
}

export class FakeApp extends EventEmitter {
  isPackaged = true;
  lockAvailable = true;
  readonly paths: Record<string, string> = {};
  relaunches = 0;
  exitCodes: number[] = [];
  /** Chromium switches appended before 'ready'. */
  readonly switches: string[] = [];
  readonly commandLine = { appendSwitch: (name: string) => void this.switches.push(name) };
  quits = 0;
  constructor(private readonly appPath = '/opt/kiosk/resources/app.asar') {
    super();
  }
  requestSingleInstanceLock() {
    return this.lockAvailable;
  }
  quit() {
    this.quits++;
  }
  relaunch() {
    this.relaunches++;
  }
  exit(code: number) {
    this.exitCodes.push(code);
  }
  setPath(name: string, value: string) {
    this.paths[name] = value;
  }
  getAppPath() {
    return this.appPath;
  }
  whenReady() {
    return Promise.resolve();
  }
}

export class FakeTimers {
  private next = 1;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  set = (fn: () => void, ms: number): unknown => {
    const id = this.next++;
    this.pending.set(id, { fn, ms });
    return id;
  };
  clear = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };
  /** Fires every pending timer (as if its time had come). */
  fireAll(): void {
    const due = [...this.pending.entries()];
    this.pending.clear();
    for (const [, t] of due) t.fn();
  }
}

export class FakeMenu {
  applicationMenu: unknown = 'default menu';
  setApplicationMenu(menu: unknown) {
    this.applicationMenu = menu;
  }
}

/**
 * The parts of the `electron` module main.ts uses. Creating a BrowserWindow emits the app's
 * 'web-contents-created', as Electron does; `session.fromPartition` returns one session per name.
 */
export function fakeElectron(opts: { appPath: string; isPackaged?: boolean }) {
  const app = new FakeApp(opts.appPath);
  app.isPackaged = opts.isPackaged ?? true;
  const defaultSession = new FakeSession();
  const partitions = new Map<string, FakeSession>();
  const windows: FakeBrowserWindowBase[] = [];
  class BrowserWindow extends FakeBrowserWindowBase {
    constructor(options: Record<string, unknown> & { webPreferences?: { session?: unknown } }) {
      super(options, (options.webPreferences?.session as FakeSession | undefined) ?? defaultSession);
      windows.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
  }
  return {
    app,
    BrowserWindow,
    ipcMain: new FakeIpcMain(),
    Menu: new FakeMenu(),
    protocol: defaultSession.protocol,
    session: {
      defaultSession,
      fromPartition(name: string) {
        if (!partitions.has(name)) partitions.set(name, new FakeSession());
        return partitions.get(name)!;
      },
    },
    windows,
    partitions,
  };
}

export class FakeBrowserWindowBase extends EventEmitter {
  readonly webContents: FakeWebContents;
  destroyed = false;
  shown = false;
  constructor(
    readonly options: Record<string, unknown> & { webPreferences?: { session?: unknown } },
    session: FakeSession,
  ) {
    super();
    this.webContents = new FakeWebContents('about:blank', session);
  }
  async loadURL(url: string) {
    this.webContents.mainFrame.url = url;
    this.webContents.loaded.push(url);
  }
  show() {
    this.shown = true;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

const tempDirs: string[] = [];

/** A fresh temporary directory, removed by `removeTempDirs` (call it in afterAll). */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
