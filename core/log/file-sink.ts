// File sink for the privacy-safe logger (core/log/logger.ts): JSON lines in `<dataDir>/logs/`,
// rotated by size (default 5 files × 1 MB) so a kiosk that runs for years never fills its disk.
// Appends are synchronous: a line is on disk before the next step runs, which is what you want
// when reading the log after a crash; the volume is a few lines per citizen.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogSink } from './logger';

export interface FileSinkOptions {
  readonly dir: string;
  /** Base name; rotated files are `<base>.1.log` … `<base>.<maxFiles-1>.log`. */
  readonly baseName?: string;
  readonly maxBytes?: number;
  readonly maxFiles?: number;
}

export function createFileSink(opts: FileSinkOptions): LogSink {
  const base = opts.baseName ?? 'kiosk';
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  const maxFiles = Math.max(1, opts.maxFiles ?? 5);
  const current = join(opts.dir, `${base}.log`);
  const rotated = (n: number) => join(opts.dir, `${base}.${n}.log`);
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  let size = fileSize(current);

  const rotate = (): void => {
    rmSync(rotated(maxFiles - 1), { force: true });
    for (let n = maxFiles - 2; n >= 1; n--) renameIfExists(rotated(n), rotated(n + 1));
    if (maxFiles > 1) renameIfExists(current, rotated(1));
    else rmSync(current, { force: true });
    size = 0;
  };

  return (line: string) => {
    const bytes = Buffer.byteLength(line) + 1;
    // Another process sharing the directory may have rotated meanwhile; re-read the size then.
    if (size + bytes > maxBytes) size = fileSize(current);
    if (size > 0 && size + bytes > maxBytes) rotate();
    appendFileSync(current, `${line}\n`, { mode: 0o600 });
    size += bytes;
  };
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameIfExists(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
