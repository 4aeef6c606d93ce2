// Receipt printers on a local device path (/dev/usb/lp0, a serial port). Opened with
// O_NONBLOCK and written in a retry loop, so a stalled printer costs a timeout, never a libuv
// thread stuck in a blocking write. No status bytes are read here: usblp only answers in
// bidirectional mode and a pending read cannot be cancelled, so the status is "device present and
// writable" (README.md); network printers get the full DLE EOT / ASB status.
import { constants } from 'node:fs';
import { access, open, type FileHandle } from 'node:fs/promises';
import { err, ok } from '../../result';
import type { LinkResult } from './byte-link';
import type { StatusReading } from './escpos-status';

const RETRY_MS = 20;

function openError(e: NodeJS.ErrnoException): LinkResult<never> {
  if (e.code === 'ENOENT' || e.code === 'ENODEV' || e.code === 'ENXIO')
    return err('PRINTER_NOT_FOUND', { errno: e.code });
  return err('PRINTER_OFFLINE', { errno: e.code ?? 'unknown' });
}

export async function writeDevice(path: string, job: Uint8Array, deadline: number): Promise<LinkResult<void>> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_APPEND);
  } catch (e) {
    return openError(e as NodeJS.ErrnoException);
  }
  try {
    let offset = 0;
    while (offset < job.length) {
      if (Date.now() >= deadline) return err('PRINTER_TIMEOUT', { phase: 'job' });
      try {
        const { bytesWritten } = await handle.write(job, offset, job.length - offset);
        offset += bytesWritten;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK')
          return err('PRINT_FAILED', { phase: 'job', errno: code ?? 'unknown' });
        await new Promise((r) => setTimeout(r, RETRY_MS));
      }
    }
    return ok(undefined);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

export async function deviceStatus(path: string): Promise<LinkResult<StatusReading>> {
  try {
    await access(path, constants.W_OK);
    return ok({ condition: 'ok', paperLow: false });
  } catch (e) {
    return openError(e as NodeJS.ErrnoException);
  }
}
