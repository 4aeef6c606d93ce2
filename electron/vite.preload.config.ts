// Vite build of the kiosk window's preload: electron/preload/preload.ts → .vite/build/preload.cjs,
// one self-contained CommonJS file. A sandboxed preload can require only 'electron' (and a few
// built-ins), so nothing else may stay external; electron/ipc-channels.ts is inlined.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: PROJECT_ROOT,
  publicDir: false,
  build: {
    outDir: join(PROJECT_ROOT, '.vite/build'),
    emptyOutDir: false,
    target: 'chrome140',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: join(PROJECT_ROOT, 'electron/preload/preload.ts'),
      external: ['electron'],
      output: {
        format: 'cjs',
        entryFileNames: 'preload.cjs',
      },
    },
  },
});
