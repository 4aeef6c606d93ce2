// Hardening of every webContents and session the app creates (Electron security checklist items
// 5, 11–14, 20, plus the kiosk rule that a citizen cannot leave the app). Applied from
// `app.on('web-contents-created')`, so it also covers windows we did not create ourselves.
// Keyboard escapes: `isBlockedShortcut` is a pure table; OS-level shortcuts (Alt+Tab,
// Ctrl+Alt+Del, the Windows key, Ctrl+Alt+F<n> VT switches) never reach the app — they are the
// job of the OS kiosk setup (build/systemd/…, build/windows/shell-launcher.md).
import type { App, Input, Session, WebContents } from 'electron';
import type { Logger } from '../../core/log/logger';
import { originOf } from './ipc-handlers';

type KeyInput = Pick<Input, 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

// Keys blocked whatever the modifiers: reload, DevTools, full-screen toggle, caret browsing.
const BLOCKED_PLAIN = new Set(['F5', 'F7', 'F11', 'F12']);
// Ctrl (Cmd on macOS) + key: reload, close, quit, print dialog, new window/tab, address bar,
// open/save page, view source, zoom, find, history, downloads, bookmarks.
const BLOCKED_WITH_PRIMARY = new Set([
  'r',
  'w',
  'q',
  'p',
  'n',
  't',
  'l',
  'o',
  's',
  'u',
  'h',
  'j',
  'd',
  'f',
  'g',
  'e',
  'k',
  '+',
  '=',
  '-',
  '_',
  '0',
  'f4',
  'tab',
]);
// Ctrl/Cmd + Shift + key: DevTools (I, J, C), reopen tab, hard reload.
const BLOCKED_WITH_PRIMARY_SHIFT = new Set(['i', 'j', 'c', 't', 'r', 'delete']);

/** True for a keyboard combination that could reload, close, inspect or leave the kiosk page. */
export function isBlockedShortcut(input: KeyInput): boolean {
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (BLOCKED_PLAIN.has(input.key)) return true;
  const primary = input.control || input.meta;
  if (input.alt && (key === 'F4' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return true;
  if (input.meta && input.alt && key === 'i') return true; // macOS DevTools
  if (!primary)
    return key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserRefresh' || key === 'BrowserHome';
  if (input.shift && BLOCKED_WITH_PRIMARY_SHIFT.has(key.toLowerCase())) return true;
  return BLOCKED_WITH_PRIMARY.has(key.toLowerCase());
}

export interface NavigationPolicy {
  /** Origins a top-level page may navigate to (exact `scheme://host`). */
  readonly allowedOrigins: readonly string[];
  /** Additional origins a subframe may navigate to (the PDF viewer inside the print window). */
  readonly allowedSubframeOrigins?: readonly string[];
}

/**
 * Chromium's built-in PDF viewer extension. It only ever runs inside the hidden print window
 * (electron/main/print-glue.ts); the kiosk page itself cannot embed a PDF (CSP `default-src 'none'`).
 */
export const PDF_VIEWER_ORIGIN = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai';

export const isAllowedNavigation = (url: string, policy: NavigationPolicy, isMainFrame = true): boolean => {
  const origin = originOf(url);
  if (origin === null) return false;
  return (
    policy.allowedOrigins.includes(origin) || (!isMainFrame && (policy.allowedSubframeOrigins ?? []).includes(origin))
  );
};

export interface WebContentsHardeningOptions extends NavigationPolicy {
  readonly isProduction: boolean;
  readonly logger: Logger;
}

/**
 * Navigation, new windows, <webview>, keyboard escapes, DevTools. (Certificate errors, client
 * certificates and HTTP auth are refused app-wide in `hardenApp`, which sees every webContents.)
 */
export function hardenWebContents(contents: WebContents, opts: WebContentsHardeningOptions): void {
  const guard = (kind: string) => (event: { url: string; isMainFrame: boolean; preventDefault(): void }) => {
    if (isAllowedNavigation(event.url, opts, event.isMainFrame)) return;
    event.preventDefault();
    opts.logger.warn('hardening.navigation-blocked', { kind });
  };
  contents.on('will-navigate', guard('navigate'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-frame-navigate', guard('frame-navigate'));
  contents.setWindowOpenHandler(() => {
    opts.logger.warn('hardening.window-open-blocked');
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // A page's beforeunload handler must not be able to stop a reload or the recovery after a crash.
  contents.on('will-prevent-unload', (event) => event.preventDefault());
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  if (opts.isProduction) {
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

const hardenedSessions = new WeakSet<Session>();

/** Permissions, device access and downloads: all denied. Idempotent per session. */
export function hardenSession(session: Session): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.on('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
  });
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

/** App-wide: every webContents (and its session) is hardened the moment it exists. */
export function hardenApp(app: App, opts: WebContentsHardeningOptions): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, opts);
    hardenSession(contents.session);
  });
  app.on('certificate-error', (event, _contents, _url, _error, _cert, callback) => {
    event.preventDefault();
    callback(false);
  });
  app.on('select-client-certificate', (event, _contents, _url, _list, callback) => {
    event.preventDefault();
    callback();
  });
  app.on('login', (event, _contents, _details, _authInfo, callback) => {
    event.preventDefault();
    callback();
  });
}
