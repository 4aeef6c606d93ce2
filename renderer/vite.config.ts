// Build of the kiosk UI. root = renderer/, output = dist/renderer/, base './' so the same
// files load from the browser transport (http://127.0.0.1:<port>/) and from Electron's app://
// protocol. Everything (fonts included) is bundled: the kiosk has no network. No inline scripts
// or styles are emitted, so the strict CSP of server/web-server.ts and electron/ holds.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { unusedCssPlugin } from '../build/unused-css';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The font files the welcome screen paints with (body 400, headings and buttons 600, the Arabic
 * language button 600). Preloaded from index.html so they load alongside the bundle instead of
 * after the CSS has been applied to the first screen; every other face loads when first used
 * (docs/performance.md, "First screen").
 */
const FIRST_SCREEN_FONTS = [/^FiraSans-Regular-/u, /^FiraSans-SemiBold-/u, /^noto-sans-arabic-arabic-600-/u];

function preloadFirstScreenFonts(): Plugin {
  return {
    name: 'kiosk-preload-first-screen-fonts',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.keys(ctx.bundle ?? {}).filter((f) =>
          FIRST_SCREEN_FONTS.some((re) => re.test(f.split('/').pop() ?? '')),
        );
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'font', type: 'font/woff2', href: `./${file}`, crossorigin: '' },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), preloadFirstScreenFonts()],
  css: {
    // KERN UX's rules for classes the UI never names are dropped at build time (build/unused-css.ts;
    // docs/performance.md, "First screen"): Chromium parses every rule before the first frame.
    postcss: { plugins: [unusedCssPlugin({ sourcesDir: here, only: /\/@kern-ux\/native\// })] },
  },
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
