// Build of the kiosk UI. root = renderer/, output = dist/renderer/, base './' so the same
// files load from the browser transport (http://127.0.0.1:<port>/) and from Electron's app://
// protocol. Everything (fonts included) is bundled: the kiosk has no network. No inline scripts
// or styles are emitted, so the strict CSP of server/web-server.ts and electron/ holds.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Fonts and images as files, never data: URLs inlined into CSS/JS.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
    // One bundle on purpose: all eight languages and the app are loaded once from local disk.
    chunkSizeWarningLimit: 1024,
  },
});
