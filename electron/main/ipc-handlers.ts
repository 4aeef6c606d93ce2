// Main-process end of the IPC channels (Electron security checklist item 17: validate the sender
// of every IPC message). One `ipcMain.handle` per channel of electron/ipc-channels.ts; every
// handler first asks `isTrustedSender` — the ONE place that decides who may call — and only then
// hands the payload to `dispatchKioskCall`, which validates it against the same zod contract the
// HTTP transport uses. Answers are Result values; a handler never throws back into the renderer.
import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import type { KioskApi } from '../../core/api/kiosk-api';
import { dispatchKioskCall } from '../../core/api/dispatch';
import type { Logger } from '../../core/log/logger';
import { err, type Result } from '../../core/result';
import { KIOSK_METHODS } from '../../core/api/kiosk-methods';
import { channelFor } from '../ipc-channels';

/**
 * `scheme://host` of a URL, or null when it carries credentials or cannot be parsed. Built from
 * protocol and host because WHATWG `URL.origin` is the opaque "null" for non-special schemes such
 * as `app:` — comparing `.origin` would either reject everything or, worse, accept any "null".
 */
export function originOf(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.username !== '' || u.password !== '' || u.host === '') return null;
  return `${u.protocol}//${u.host}`;
}

export interface TrustPolicy {
  /** The kiosk window's webContents, or null while there is none. */
  readonly trustedContents: () => WebContents | null;
  /** Exact origins allowed to call (`app://kiosk`; in development also the Vite dev server). */
  readonly trustedOrigins: readonly string[];
}

const sameFrame = (a: WebFrameMain, b: WebFrameMain): boolean =>
  a === b || (a.frameTreeNodeId === b.frameTreeNodeId && a.processId === b.processId && a.routingId === b.routingId);

/**
 * True only for a message from the main frame of our own window showing our own origin. Rejects
 * other windows or webContents, subframes (an injected iframe), detached or missing frames, and
 * any other origin (file://, https://evil, data:, a navigated-away page). Electron throws when a
 * disposed frame is accessed; that, too, is a refusal.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  policy: TrustPolicy,
): boolean {
  try {
    return checkSender(event, policy);
  } catch {
    return false;
  }
}

function checkSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, policy: TrustPolicy): boolean {
  const contents = policy.trustedContents();
  if (!contents || contents.isDestroyed()) return false;
  if (event.sender !== contents || event.sender.id !== contents.id) return false;
  const frame = event.senderFrame;
  const main = contents.mainFrame;
  if (!frame || !main || frame.detached || frame.parent !== null) return false;
  if (!sameFrame(frame, main)) return false;
  const origin = originOf(frame.url);
  return origin !== null && policy.trustedOrigins.includes(origin);
}

export interface KioskIpcDeps extends TrustPolicy {
  readonly api: KioskApi;
  readonly logger: Logger;
}

/** Registers every channel; returns a function that removes them again (tests, shutdown). */
export function registerKioskIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, deps: KioskIpcDeps): () => void {
  const channels: string[] = [];
  for (const method of KIOSK_METHODS) {
    const channel = channelFor(method);
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, deps)) {
        deps.logger.warn('ipc.forbidden-sender', { method });
        return err('FORBIDDEN_SENDER');
      }
      const result = await dispatchKioskCall(deps.api, method, input);
      if (!result.ok) deps.logger.debug('ipc.call-failed', { method, code: result.error.code });
      return result;
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
