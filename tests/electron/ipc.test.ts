// IPC between preload and main (docs/release.md; Electron security checklist items 17 and 20): the channel
// map, the preload's exposed names and the contract agree; every channel refuses a bad payload
// (INVALID_INPUT, validated by the same zod contract as HTTP) and a foreign sender
// (FORBIDDEN_SENDER) before anything reaches KioskApi.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import type { KioskApi } from '../../core/api/kiosk-api';
import { KIOSK_METHODS, kioskApiContract, type KioskMethod } from '../../core/api/kiosk-api-contract';
import { createLogger, memorySink, silentLogger } from '../../core/log/logger';
import { ok } from '../../core/result';
import { channelFor, methodForChannel } from '../../electron/ipc-channels';
import { isTrustedSender, originOf, registerKioskIpc } from '../../electron/main/ipc-handlers';
import { FakeFrame, FakeIpcMain, FakeWebContents, ipcEvent } from './fakes';

const KIOSK_CHANNELS = KIOSK_METHODS.map((m) => channelFor(m));

const bridge = vi.hoisted(() => ({ exposed: new Map<string, unknown>(), invoke: vi.fn() }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: { invoke: bridge.invoke },
}));

/** One valid input per method; typed so that a new method cannot be forgotten here. */
const VALID: Record<KioskMethod, unknown> = {
  getInfo: {},
  validateId: { genesenenId: '0123-4567-89AB' },
  issue: { genesenenId: '0123456789AB', familyName: 'Muster', dateOfBirth: '1980-01-01', lang: 'de' },
  print: { certificateId: 'c1', format: 'a4', lang: 'de' },
  endSession: {},
  sessionState: {},
  serviceState: {},
  clerkUnlock: { clerkId: 'clerk', pin: '246810' },
  clerkStatus: { token: 't' },
  clerkTouch: { token: 't' },
  clerkReissue: { genesenenId: 'X', familyName: 'M', dateOfBirth: '1980', lang: 'de', token: 't', reason: 'lost' },
  clerkLiftKioskLock: { token: 't' },
  clerkLock: { token: 't' },
};

function recordingApi() {
  const calls: [string, unknown][] = [];
  const api = Object.fromEntries(
    KIOSK_METHODS.map((m) => [m, async (input: unknown) => (calls.push([m, input]), ok({ method: m }))]),
  ) as unknown as KioskApi;
  return { api, calls };
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const contents = new FakeWebContents('app://kiosk/index.html');
  const { api, calls } = recordingApi();
  const unregister = registerKioskIpc(ipcMain, {
    api,
    logger: silentLogger,
    trustedOrigins: ['app://kiosk'],
    trustedContents: () => contents as never,
  });
  const call = (channel: string, event: unknown, input: unknown) => ipcMain.handlers.get(channel)!(event, input);
  return { ipcMain, contents, calls, call, unregister };
}

describe('channel map', () => {
  it('names exactly the contract methods, one channel each, kiosk:<method>', () => {
    expect(Object.keys(kioskApiContract).sort()).toEqual([...KIOSK_METHODS].sort());
    expect(KIOSK_CHANNELS).toEqual(KIOSK_METHODS.map((m) => `kiosk:${m}`));
    for (const m of KIOSK_METHODS) expect(methodForChannel(channelFor(m))).toBe(m);
    for (const bad of ['kiosk:', 'kiosk:constructor', 'kiosk:__proto__', 'getInfo', 'other:getInfo'])
      expect(methodForChannel(bad)).toBeNull();
  });

  it('registers one handler per channel and removes them all again', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...KIOSK_CHANNELS].sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('preload', () => {
  beforeEach(() => {
    bridge.exposed.clear();
    bridge.invoke.mockReset();
  });

  it('exposes window.kiosk with exactly one function per method and nothing else', async () => {
    vi.resetModules();
    await import('../../electron/preload/preload');
    expect([...bridge.exposed.keys()]).toEqual(['kiosk']);
    const kiosk = bridge.exposed.get('kiosk') as Record<string, unknown>;
    expect(Object.keys(kiosk).sort()).toEqual([...KIOSK_METHODS].sort());
    for (const m of KIOSK_METHODS) expect(typeof kiosk[m]).toBe('function');
    expect(Object.isFrozen(kiosk)).toBe(true);
  });

  it('forwards only the input object to the method’s own channel, and turns a failed invoke into a Result', async () => {
    vi.resetModules();
    await import('../../electron/preload/preload');
    const kiosk = bridge.exposed.get('kiosk') as Record<string, (...args: unknown[]) => Promise<unknown>>;
    bridge.invoke.mockResolvedValueOnce({ ok: true, value: 1 });
    await expect(kiosk.issue!(VALID.issue, 'smuggled', { channel: 'kiosk:clerkLock' })).resolves.toEqual({
      ok: true,
      value: 1,
    });
    expect(bridge.invoke).toHaveBeenCalledWith('kiosk:issue', VALID.issue);
    expect(bridge.invoke.mock.calls[0]).toHaveLength(2);
    bridge.invoke.mockRejectedValueOnce(new Error('No handler registered'));
    await expect(kiosk.getInfo!({})).resolves.toEqual({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('reaches KioskApi end to end through the main-process handlers', async () => {
    vi.resetModules();
    const { contents, calls, call } = setup();
    bridge.invoke.mockImplementation((channel: string, input: unknown) => call(channel, ipcEvent(contents), input));
    await import('../../electron/preload/preload');
    const kiosk = bridge.exposed.get('kiosk') as Record<string, (input: unknown) => Promise<unknown>>;
    await expect(kiosk.validateId!(VALID.validateId)).resolves.toEqual({ ok: true, value: { method: 'validateId' } });
    expect(calls).toEqual([['validateId', VALID.validateId]]);
  });
});

describe('every channel', () => {
  it.each(KIOSK_METHODS)('%s: a valid payload from the kiosk page reaches KioskApi', async (method) => {
    const { contents, calls, call } = setup();
    await expect(call(channelFor(method), ipcEvent(contents), VALID[method])).resolves.toEqual({
      ok: true,
      value: { method },
    });
    expect(calls).toEqual([[method, VALID[method]]]);
  });

  it.each(KIOSK_METHODS)('%s: a bad payload is INVALID_INPUT and never reaches KioskApi', async (method) => {
    const { contents, calls, call } = setup();
    const bad: unknown[] = [
      { ...(VALID[method] as object), extra: 1 },
      'text',
      42,
      [VALID[method]],
      { __proto__: null, toString: 1 },
    ];
    for (const input of bad) {
      await expect(call(channelFor(method), ipcEvent(contents), input)).resolves.toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(calls).toEqual([]);
  });

  it.each(KIOSK_METHODS)('%s: a foreign sender is FORBIDDEN_SENDER and never reaches KioskApi', async (method) => {
    const { contents, calls, call } = setup();
    const other = new FakeWebContents('app://kiosk/index.html');
    const forgedFrame = new FakeFrame('app://kiosk/index.html');
    const senders = [
      ipcEvent(other),
      ipcEvent(contents, new FakeFrame('app://kiosk/index.html', contents.mainFrame)),
      ipcEvent(contents, forgedFrame),
      ipcEvent(contents, null),
    ];
    for (const event of senders) {
      await expect(call(channelFor(method), event, VALID[method])).resolves.toEqual({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER' },
      });
    }
    expect(calls).toEqual([]);
  });
});

describe('logging', () => {
  it('a refused sender is logged with the method, never with the payload', async () => {
    const sink = memorySink();
    const ipcMain = new FakeIpcMain();
    registerKioskIpc(ipcMain, {
      api: recordingApi().api,
      logger: createLogger({ sink }),
      trustedOrigins: ['app://kiosk'],
      trustedContents: () => null,
    });
    await ipcMain.handlers.get('kiosk:clerkReissue')!(ipcEvent(new FakeWebContents()), VALID.clerkReissue);
    expect(sink.lines).toHaveLength(1);
    expect(JSON.parse(sink.lines[0]!)).toMatchObject({
      level: 'warn',
      event: 'ipc.forbidden-sender',
      method: 'clerkReissue',
    });
    expect(sink.lines[0]).not.toMatch(/lost|"M"/);
  });
});

describe('isTrustedSender', () => {
  const policyFor = (contents: FakeWebContents | null, origins = ['app://kiosk']) => ({
    trustedContents: () => contents as never,
    trustedOrigins: origins,
  });
  const check = (event: ReturnType<typeof ipcEvent>, policy: ReturnType<typeof policyFor>) =>
    isTrustedSender(event as unknown as IpcMainInvokeEvent, policy);

  it('accepts the main frame of the kiosk window on app://kiosk, whatever the path', () => {
    const contents = new FakeWebContents('app://kiosk/index.html#/result');
    expect(check(ipcEvent(contents), policyFor(contents))).toBe(true);
  });

  it.each([
    'file:///opt/kiosk/dist/renderer/index.html',
    'https://evil.example/',
    'http://localhost:5173/',
    'app://evil/index.html',
    'app://kiosk.evil/index.html',
    'app://user@kiosk/index.html',
    'app://kiosk:8080/index.html',
    'data:text/html,<script>1</script>',
    'about:blank',
    'chrome-error://chromewebdata/',
    'not a url',
  ])('refuses the kiosk window’s main frame showing %s', (url) => {
    const contents = new FakeWebContents(url);
    expect(check(ipcEvent(contents), policyFor(contents))).toBe(false);
  });

  it('accepts the dev server origin only when it is listed', () => {
    const contents = new FakeWebContents('http://localhost:5173/');
    expect(check(ipcEvent(contents), policyFor(contents))).toBe(false);
    expect(check(ipcEvent(contents), policyFor(contents, ['app://kiosk', 'http://localhost:5173']))).toBe(true);
  });

  it('refuses a frame that has a parent, even if it reports the main frame’s ids', () => {
    const contents = new FakeWebContents();
    const impostor = Object.assign(Object.create(FakeFrame.prototype), {
      ...contents.mainFrame,
      parent: contents.mainFrame,
    });
    expect(check(ipcEvent(contents, impostor), policyFor(contents))).toBe(false);
  });

  it('refuses a sender whose frame Electron has already disposed (the getter throws)', () => {
    const contents = new FakeWebContents();
    const event = Object.defineProperty({ sender: contents }, 'senderFrame', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    expect(isTrustedSender(event as unknown as IpcMainInvokeEvent, policyFor(contents))).toBe(false);
  });

  it('refuses a detached main frame, a destroyed window and the time before the window exists', () => {
    const contents = new FakeWebContents();
    contents.mainFrame.detached = true;
    expect(check(ipcEvent(contents), policyFor(contents))).toBe(false);
    const gone = new FakeWebContents();
    gone.destroyed = true;
    expect(check(ipcEvent(gone), policyFor(gone))).toBe(false);
    expect(check(ipcEvent(new FakeWebContents()), policyFor(null))).toBe(false);
  });

  it('originOf is scheme://host, and null for credentials or garbage', () => {
    expect(originOf('app://kiosk/a/b?c#d')).toBe('app://kiosk');
    expect(originOf('https://Example.org:443/x')).toBe('https://example.org');
    expect(originOf('app://u:p@kiosk/')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('::')).toBeNull();
  });
});
