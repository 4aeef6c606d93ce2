// Hardening of webContents, sessions and the app (Electron security checklist items 5, 11–14,
// and the kiosk rule that a citizen cannot leave the page): handlers are registered on fakes and
// then invoked the way Electron would invoke them.
import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { memorySink, createLogger, silentLogger } from '../../core/log/logger';
import {
  hardenApp,
  hardenSession,
  hardenWebContents,
  isBlockedShortcut,
  PDF_VIEWER_ORIGIN,
} from '../../electron/main/hardening';
import { FakeApp, fakeEvent, FakeSession, FakeWebContents } from './fakes';

const key = (k: string, mods: Partial<Record<'control' | 'meta' | 'alt' | 'shift', boolean>> = {}) => ({
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('isBlockedShortcut', () => {
  it.each([
    ['F5', key('F5')],
    ['Ctrl+R', key('r', { control: true })],
    ['Cmd+R', key('r', { meta: true })],
    ['Ctrl+Shift+R', key('R', { control: true, shift: true })],
    ['F12', key('F12')],
    ['Ctrl+Shift+I', key('I', { control: true, shift: true })],
    ['Ctrl+Shift+J', key('J', { control: true, shift: true })],
    ['Ctrl+Shift+C', key('C', { control: true, shift: true })],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true })],
    ['Alt+F4', key('F4', { alt: true })],
    ['Ctrl+F4', key('F4', { control: true })],
    ['Ctrl+W', key('w', { control: true })],
    ['Ctrl+Q', key('q', { control: true })],
    ['F11', key('F11')],
    ['Ctrl+P', key('p', { control: true })],
    ['Ctrl+N', key('n', { control: true })],
    ['Ctrl+T', key('t', { control: true })],
    ['Ctrl+Shift+T', key('T', { control: true, shift: true })],
    ['Ctrl+L', key('l', { control: true })],
    ['Ctrl+O', key('o', { control: true })],
    ['Ctrl+S', key('s', { control: true })],
    ['Ctrl+U', key('u', { control: true })],
    ['Ctrl++', key('+', { control: true, shift: true })],
    ['Ctrl+-', key('-', { control: true })],
    ['Ctrl+0', key('0', { control: true })],
    ['Ctrl+Tab', key('Tab', { control: true })],
    ['Alt+Left', key('ArrowLeft', { alt: true })],
    ['Alt+Right', key('ArrowRight', { alt: true })],
    ['Alt+Home', key('Home', { alt: true })],
    ['BrowserBack', key('BrowserBack')],
    ['BrowserRefresh', key('BrowserRefresh')],
    ['F7 caret browsing', key('F7')],
  ])('blocks %s', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(true);
  });

  it.each([
    ['letters', key('a')],
    ['capital letters', key('A', { shift: true })],
    ['digits', key('7')],
    ['umlauts', key('ö')],
    ['Backspace', key('Backspace')],
    ['Enter', key('Enter')],
    ['Tab', key('Tab')],
    ['Shift+Tab', key('Tab', { shift: true })],
    ['Escape', key('Escape')],
    ['arrows', key('ArrowLeft')],
    ['Ctrl+A', key('a', { control: true })],
    ['Ctrl+C', key('c', { control: true })],
    ['Ctrl+V', key('v', { control: true })],
    ['Ctrl+X', key('x', { control: true })],
    ['Ctrl+Z', key('z', { control: true })],
    ['Ctrl+Backspace', key('Backspace', { control: true })],
    ['AltGr+Q (@ on German keyboards)', key('@', { control: true, alt: true })],
    ['Space', key(' ')],
  ])('lets %s through (typing in the form must keep working)', (_name, input) => {
    expect(isBlockedShortcut(input)).toBe(false);
  });
});

const opts = {
  allowedOrigins: ['app://kiosk'],
  allowedSubframeOrigins: [PDF_VIEWER_ORIGIN],
  isProduction: true,
  logger: silentLogger,
};

function hardened(production = true) {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as WebContents, { ...opts, isProduction: production });
  return contents;
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-redirect', 'will-frame-navigate'])('%s: only the app origin', (name) => {
    const contents = hardened();
    const go = (url: string, isMainFrame = true) => {
      const ev = fakeEvent({ url, isMainFrame });
      contents.emit(name, ev);
      return ev.defaultPrevented;
    };
    expect(go('app://kiosk/index.html#/done')).toBe(false);
    for (const url of [
      'https://example.org/',
      'http://kiosk/',
      'file:///etc/passwd',
      'app://evil/',
      'javascript:alert(1)',
      'data:text/html,x',
      'about:blank',
    ])
      expect(go(url)).toBe(true);
    expect(go(`${PDF_VIEWER_ORIGIN}/index.html`, true)).toBe(true);
  });

  it('lets a subframe load the PDF viewer (print window only), nothing else', () => {
    const contents = hardened();
    const ev = fakeEvent({ url: `${PDF_VIEWER_ORIGIN}/index.html`, isMainFrame: false });
    contents.emit('will-frame-navigate', ev);
    expect(ev.defaultPrevented).toBe(false);
    const evil = fakeEvent({ url: 'https://evil.example/', isMainFrame: false });
    contents.emit('will-frame-navigate', evil);
    expect(evil.defaultPrevented).toBe(true);
  });

  it('denies every new window', () => {
    const contents = hardened();
    for (const url of ['app://kiosk/index.html', 'https://example.org/', 'about:blank'])
      expect(contents.windowOpenHandler!({ url, frameName: '', features: '', disposition: 'new-window' })).toEqual({
        action: 'deny',
      });
  });

  it('prevents <webview> attachment and beforeunload traps', () => {
    const contents = hardened();
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, { nodeIntegration: true }, { src: 'https://evil.example' });
    expect(webview.defaultPrevented).toBe(true);
    const unload = fakeEvent();
    contents.emit('will-prevent-unload', unload);
    expect(unload.defaultPrevented).toBe(true);
  });

  it('swallows blocked shortcuts before the page sees them, passes typing through', () => {
    const contents = hardened();
    const reload = fakeEvent();
    contents.emit('before-input-event', reload, { type: 'keyDown', ...key('r', { control: true }) });
    expect(reload.defaultPrevented).toBe(true);
    const typing = fakeEvent();
    contents.emit('before-input-event', typing, { type: 'keyDown', ...key('m') });
    expect(typing.defaultPrevented).toBe(false);
  });

  it('closes DevTools in production, leaves them in development', () => {
    const prod = hardened(true);
    prod.emit('devtools-opened');
    expect(prod.devToolsClosed).toBe(1);
    const dev = hardened(false);
    dev.emit('devtools-opened');
    expect(dev.devToolsClosed).toBe(0);
  });

  it('refuses bluetooth device selection', () => {
    const contents = hardened();
    const cb = vi.fn();
    const ev = fakeEvent();
    contents.emit('select-bluetooth-device', ev, [{ deviceId: 'x', deviceName: 'y' }], cb);
    expect(ev.defaultPrevented).toBe(true);
    expect(cb).toHaveBeenCalledWith('');
  });

  it('logs blocked navigation without the URL (it could carry typed data in a query)', () => {
    const sink = memorySink();
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, { ...opts, logger: createLogger({ sink }) });
    contents.emit('will-navigate', fakeEvent({ url: 'https://evil.example/?name=Mustermann', isMainFrame: true }));
    expect(sink.lines.join('\n')).toContain('hardening.navigation-blocked');
    expect(sink.lines.join('\n')).not.toMatch(/evil|Mustermann/);
  });
});

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'midiSysex',
  'pointerLock',
  'fullscreen',
  'openExternal',
  'clipboard-read',
  'clipboard-sanitized-write',
  'hid',
  'serial',
  'usb',
  'display-capture',
  'idle-detection',
  'window-management',
  'unknown',
];

describe('hardenSession', () => {
  it('denies every permission request and check, every device, screen capture', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    for (const permission of PERMISSIONS) {
      const cb = vi.fn();
      session.permissionRequestHandler!({}, permission, cb, { requestingUrl: 'app://kiosk/' });
      expect(cb).toHaveBeenCalledWith(false);
      expect(session.permissionCheckHandler!({}, permission, 'app://kiosk', {})).toBe(false);
    }
    expect(session.devicePermissionHandler!({ deviceType: 'usb', origin: 'app://kiosk', device: {} })).toBe(false);
    const media = vi.fn();
    session.displayMediaRequestHandler!({}, media);
    expect(media).toHaveBeenCalledWith(null);
  });

  it('cancels downloads and device pickers', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    const item = { cancel: vi.fn() };
    const dl = fakeEvent();
    session.emit('will-download', dl, item, {});
    expect(dl.defaultPrevented).toBe(true);
    expect(item.cancel).toHaveBeenCalled();
    for (const [name, args] of [
      ['select-hid-device', [{ deviceList: [] }]],
      ['select-serial-port', [[], {}]],
      ['select-usb-device', [{ deviceList: [] }]],
    ] as const) {
      const cb = vi.fn();
      const ev = fakeEvent();
      session.emit(name, ev, ...args, cb);
      expect(ev.defaultPrevented).toBe(true);
      expect(cb).toHaveBeenCalledTimes(1);
      expect(cb.mock.calls[0]!.filter((a: unknown) => a !== null && a !== '' && a !== undefined)).toEqual([]);
    }
  });

  it('is applied once per session', () => {
    const session = new FakeSession();
    hardenSession(session as unknown as Session);
    hardenSession(session as unknown as Session);
    expect(session.listenerCount('will-download')).toBe(1);
  });
});

describe('hardenApp', () => {
  it('hardens every webContents the moment it is created, and its session', () => {
    const app = new FakeApp();
    hardenApp(app as unknown as App, opts);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler).not.toBeNull();
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.session.permissionRequestHandler).not.toBeNull();
  });

  it('refuses certificate errors, client certificates and HTTP auth prompts', () => {
    const app = new FakeApp();
    hardenApp(app as unknown as App, opts);
    const cert = vi.fn();
    const certEv = fakeEvent();
    app.emit('certificate-error', certEv, {}, 'https://x/', 'net::ERR_CERT_AUTHORITY_INVALID', {}, cert, true);
    expect(certEv.defaultPrevented).toBe(true);
    expect(cert).toHaveBeenCalledWith(false);
    const client = vi.fn();
    const clientEv = fakeEvent();
    app.emit('select-client-certificate', clientEv, {}, 'https://x/', [{ subjectName: 'a' }], client);
    expect(clientEv.defaultPrevented).toBe(true);
    expect(client).toHaveBeenCalledWith();
    const login = vi.fn();
    const loginEv = fakeEvent();
    app.emit('login', loginEv, {}, {}, {}, login);
    expect(loginEv.defaultPrevented).toBe(true);
    expect(login).toHaveBeenCalledWith();
  });
});
