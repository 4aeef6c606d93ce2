// Vite build of the Electron main process: electron/main/main.ts → .vite/build/main.cjs
// (package.json "main"). CommonJS with a .cjs name because package.json says "type": "module".
// Everything but Node built-ins, Electron and native modules is bundled in, so the packaged app
// needs no node_modules except better-sqlite3. Used by forge.config.ts and build/package-check.ts.
import { cpSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Left to `require` at run time. `better-sqlite3` and `pkcs11js` are native (their .node files are rebuilt for
 * Electron's ABI and unpacked from the asar); `cbor-extract` is cbor-x's optional native
 * accelerator, deliberately not shipped — cbor-x falls back to its JavaScript decoder.
 */
export const NATIVE_EXTERNALS = ['better-sqlite3', 'cbor-extract', 'pkcs11js'] as const;
const NODE_EXTERNALS: (string | RegExp)[] = [
  'electron',
  /^electron\//,
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
];

/**
 * core/print/a4/pdf-fonts.ts reads its fonts at run time from `new URL('../fonts/',
 * import.meta.url)`. In the CommonJS bundle `import.meta.url` becomes the bundle's own URL
 * (<outDir>/main.cjs), so the fonts are copied to <outDir>/../fonts — the same relative place
 * (.vite/fonts for the default outDir).
 */
const RUNTIME_DIRS: readonly { from: string; to: string }[] = [{ from: 'core/print/fonts', to: '../fonts' }];

const copyRuntimeFiles = (): Plugin => ({
  name: 'kiosk:copy-runtime-files',
  writeBundle(options) {
    const outDir = options.dir ?? join(PROJECT_ROOT, '.vite/build');
    for (const { from, to } of RUNTIME_DIRS) cpSync(join(PROJECT_ROOT, from), join(outDir, to), { recursive: true });
  },
});

export default defineConfig({
  root: PROJECT_ROOT,
  publicDir: false,
  plugins: [copyRuntimeFiles()],
  define: {
    'import.meta.url': 'require("node:url").pathToFileURL(__filename).href',
  },
  resolve: {
    // Node's entry points, never a package's browser build.
    conditions: ['node'],
    mainFields: ['module', 'jsnext:main', 'jsnext'],
  },
  build: {
    outDir: join(PROJECT_ROOT, '.vite/build'),
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    lib: {
      entry: join(PROJECT_ROOT, 'electron/main/main.ts'),
      formats: ['cjs'],
      fileName: () => 'main.cjs',
    },
    rollupOptions: {
      external: [...NODE_EXTERNALS, ...NATIVE_EXTERNALS],
    },
  },
});
