// A small tmpfs for real "disk full" and "read-only file system" tests (docs/reliability.md). Needs root with
// CAP_SYS_ADMIN (`mount`); where that is missing (an unprivileged CI container), `mountTmpfs`
// says why and the tests that need it are skipped with that reason, while the portable variants
// (SQLite max_page_count / query_only on the kiosk's own connection) still run.
import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, fstatSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Tmpfs {
  readonly dir: string;
  /** Fills the file system, then frees `pages` 4 KB pages again (0: completely full). */
  fill(pages: number): void;
  unfill(): void;
  remount(mode: 'ro' | 'rw'): void;
  unmount(): void;
}

const PAGE = 4096;

export function mountTmpfs(sizeKb: number): Tmpfs | { readonly unavailable: string } {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return {
      unavailable: `cannot mount a tmpfs here (${
        String((e as { stderr?: Buffer }).stderr ?? e)
          .trim()
          .split('\n')[0]
      })`,
    };
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    fill(pages) {
      const fd = openSync(filler, 'w');
      try {
        const chunk = Buffer.alloc(64 * 1024, 0x55);
        for (;;) {
          try {
            if (writeSync(fd, chunk) < chunk.length) break;
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
            throw e;
          }
        }
        for (;;) {
          try {
            writeSync(fd, Buffer.alloc(1));
          } catch {
            break;
          }
        }
        const size = fstatSync(fd).size;
        ftruncateSync(fd, Math.max(0, Math.floor(size / PAGE) * PAGE - pages * PAGE));
      } finally {
        closeSync(fd);
      }
    },
    unfill: () => rmSync(filler, { force: true }),
    remount: (mode) => void execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'pipe' }),
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
