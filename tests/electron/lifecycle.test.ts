// Lifecycle (docs/release.md): one instance; a crashed or hung renderer is replaced by a fresh page only
// after the person's session is wiped; a main-process failure relaunches; quitting waits for core
// to close. Timers are fakes fired by the test — nothing here depends on real time.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { App, BrowserWindow, WebContents } from 'electron';
import { createLogger, memorySink, silentLogger } from '../../core/log/logger';
import {
  acquireSingleInstance,
  guardWindowClose,
  installProcessFailureHandlers,
  installQuitHandler,
  installRendererRecovery,
} from '../../electron/main/lifecycle';
import { FakeApp, fakeEvent, FakeTimers, FakeWebContents } from './fakes';

class FakeWindow extends EventEmitter {
  minimized = true;
  destroyed = false;
  readonly calls: string[] = [];
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  restore = () => this.calls.push('restore');
  show = () => this.calls.push('show');
  focus = () => this.calls.push('focus');
}

describe('single instance', () => {
  it('a second start focuses the running kiosk window', () => {
    const app = new FakeApp();
    const win = new FakeWindow();
    expect(acquireSingleInstance(app as unknown as App, () => win as unknown as BrowserWindow)).toBe(true);
    app.emit('second-instance', fakeEvent(), ['kiosk'], '/');
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    expect(app.quits).toBe(0);
  });

  it('without the lock, this instance quits and touches nothing', () => {
    const app = new FakeApp();
    app.lockAvailable = false;
    expect(acquireSingleInstance(app as unknown as App, () => null)).toBe(false);
    expect(app.quits).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });
});

function recovering() {
  const contents = new FakeWebContents();
  const timers = new FakeTimers();
  const order: string[] = [];
  const endSession = vi.fn(async () => void order.push('endSession'));
  const origReload = contents.reload.bind(contents);
  contents.reload = () => {
    order.push(`reload after ${contents.session.wiped.join('+')}`);
    origReload();
  };
  const recovery = installRendererRecovery({
    contents: contents as unknown as WebContents,
    endSession,
    logger: silentLogger,
    timers,
    unresponsiveMs: 10_000,
  });
  return { contents, timers, endSession, order, recovery };
}

describe('renderer recovery', () => {
  it.each(['crashed', 'killed', 'oom', 'abnormal-exit', 'launch-failed'])(
    'render-process-gone (%s) → endSession, clear storage and cache, then reload',
    async (reason) => {
      const { contents, order, recovery } = recovering();
      contents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 1 });
      await recovery.recover('settle');
      expect(order).toEqual(['endSession', 'reload after storage+cache']);
      expect(contents.reloads).toBe(1);
    },
  );

  it('unresponsive past the limit → renderer killed (its gone event then recovers)', async () => {
    const { contents, timers, order, recovery } = recovering();
    contents.emit('unresponsive');
    contents.emit('unresponsive');
    expect(timers.pending.size).toBe(1);
    expect([...timers.pending.values()][0]!.ms).toBe(10_000);
    timers.fireAll();
    expect(contents.crashes).toBe(1);
    contents.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 0 });
    await recovery.recover('settle');
    expect(order).toEqual(['endSession', 'reload after storage+cache']);
  });

  it('while the app quits, a renderer going away is not recovered', async () => {
    const contents = new FakeWebContents();
    const endSession = vi.fn(async () => undefined);
    const recovery = installRendererRecovery({
      contents: contents as unknown as WebContents,
      endSession,
      logger: silentLogger,
      timers: new FakeTimers(),
      isQuitting: () => true,
    });
    contents.emit('render-process-gone', fakeEvent(), { reason: 'clean-exit', exitCode: 0 });
    await recovery.recover('settle');
    expect(endSession).not.toHaveBeenCalled();
    expect(contents.reloads).toBe(0);
  });

  it('responsive again before the limit → nothing happens', () => {
    const { contents, timers } = recovering();
    contents.emit('unresponsive');
    contents.emit('responsive');
    expect(timers.pending.size).toBe(0);
    timers.fireAll();
    expect(contents.crashes).toBe(0);
    expect(contents.reloads).toBe(0);
  });

  it('overlapping triggers share one wipe and one reload', async () => {
    const { contents, endSession, recovery } = recovering();
    contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 });
    contents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 1 });
    await recovery.recover('again');
    expect(endSession).toHaveBeenCalledTimes(1);
    expect(contents.reloads).toBe(1);
  });

  it('still clears storage and reloads when core’s endSession fails, and logs only the error class', async () => {
    const sink = memorySink();
    const contents = new FakeWebContents();
    const recovery = installRendererRecovery({
      contents: contents as unknown as WebContents,
      endSession: async () => {
        throw new TypeError('Erika Mustermann 1964-08-12');
      },
      logger: createLogger({ sink }),
      timers: new FakeTimers(),
    });
    await recovery.recover('crashed');
    expect(contents.session.wiped).toEqual(['storage', 'cache']);
    expect(contents.reloads).toBe(1);
    expect(sink.lines.join('\n')).toContain('"errorName":"TypeError"');
    expect(sink.lines.join('\n')).not.toMatch(/Mustermann|1964/);
  });
});

describe('main-process failure', () => {
  it.each(['uncaughtException', 'unhandledRejection'])(
    '%s → logged without its message, relaunch, exit(1) — once',
    (name) => {
      const proc = new EventEmitter();
      const app = new FakeApp();
      const sink = memorySink();
      installProcessFailureHandlers(proc as unknown as NodeJS.Process, app as unknown as App, createLogger({ sink }));
      proc.emit(name, new RangeError('name=Mustermann'));
      proc.emit(name, new RangeError('again'));
      expect(app.relaunches).toBe(1);
      expect(app.exitCodes).toEqual([1]);
      expect(sink.lines).toHaveLength(1);
      expect(sink.lines[0]).toContain('RangeError');
      expect(sink.lines[0]).not.toContain('Mustermann');
    },
  );
});

describe('quitting', () => {
  it('waits for core to close before the app really quits; SIGTERM quits the same way', async () => {
    const app = new FakeApp();
    const proc = new EventEmitter();
    let release!: () => void;
    const close = vi.fn(() => new Promise<void>((r) => (release = r)));
    const quit = installQuitHandler(app as unknown as App, proc as unknown as NodeJS.Process, close, silentLogger);
    proc.emit('SIGTERM');
    expect(app.quits).toBe(1);
    const first = fakeEvent();
    app.emit('before-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(quit.isQuitting()).toBe(true);
    app.emit('before-quit', fakeEvent());
    expect(close).toHaveBeenCalledTimes(1);
    release();
    await vi.waitFor(() => expect(app.quits).toBe(2), { timeout: 30_000 });
    const last = fakeEvent();
    app.emit('before-quit', last);
    expect(last.defaultPrevented).toBe(false);
  });

  it('in production the window cannot be closed (Alt+F4 via the window manager) unless quitting', () => {
    const win = new FakeWindow();
    let quitting = false;
    guardWindowClose(win as unknown as BrowserWindow, () => quitting, true);
    const closing = fakeEvent();
    win.emit('close', closing);
    expect(closing.defaultPrevented).toBe(true);
    quitting = true;
    const onQuit = fakeEvent();
    win.emit('close', onQuit);
    expect(onQuit.defaultPrevented).toBe(false);
    const dev = new FakeWindow();
    guardWindowClose(dev as unknown as BrowserWindow, () => false, false);
    expect(dev.listenerCount('close')).toBe(0);
  });
});
