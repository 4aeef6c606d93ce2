// Makes sure dist/renderer exists before the browser transport serves it: builds it
// with the project's Vite config when missing — or, for tests run straight from a working tree,
// when a renderer source is newer than the build. Several test processes may ask at once, so the
// build runs under a lock directory and the others wait for it.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RENDERER_DIR = path.join(repoRoot, 'dist', 'renderer');
const LOCK_DIR = path.join(repoRoot, 'dist', '.renderer-build.lock');
const STALE_LOCK_MS = 180_000;

/** Newest modification time of any file under renderer/ (sources, translations, styles). */
function newestRendererSource(dir = path.join(repoRoot, 'renderer')): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestRendererSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function isBuilt(whenStale: boolean): boolean {
  const index = path.join(RENDERER_DIR, 'index.html');
  return existsSync(index) && !(whenStale && newestRendererSource() > statSync(index).mtimeMs);
}

async function acquireLock(): Promise<void> {
  mkdirSync(path.dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    try {
      if (Date.now() - statSync(LOCK_DIR).mtimeMs > STALE_LOCK_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
    } catch {
      // the other builder just finished
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function ensureRendererBuilt(
  log: (line: string) => void,
  opts: { whenStale?: boolean } = {},
): Promise<void> {
  const whenStale = opts.whenStale ?? false;
  if (isBuilt(whenStale)) return;
  await acquireLock();
  try {
    if (isBuilt(whenStale)) return; // built by whoever held the lock
    log('start:web: building the renderer into dist/renderer (npm run build:renderer) …');
    const { build } = await import('vite');
    await build({ configFile: path.join(repoRoot, 'renderer', 'vite.config.ts'), logLevel: 'warn' });
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}
