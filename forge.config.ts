// Electron Forge: the development loop only (`npm run start:electron` = `electron-forge start`).
// It bundles main and preload with the same Vite configs that release builds use
// (electron/vite.main.config.ts, electron/vite.preload.config.ts), serves the renderer from its
// Vite dev server (renderer/vite.config.ts, hot reload) and starts Electron. No makers on purpose:
// release packages come from electron-builder (build/electron-builder.config.ts, docs/release.md).
//
// Note: `electron-forge start` rebuilds better-sqlite3 for Electron's ABI inside node_modules.
// scripts/start.mjs rebuilds it for Node again afterwards, so `npm test` keeps working.
import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';

const config: ForgeConfig = {
  packagerConfig: { asar: true },
  rebuildConfig: { onlyModules: ['better-sqlite3'] },
  makers: [],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main/main.ts', config: 'electron/vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload/preload.ts', config: 'electron/vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'renderer/vite.config.ts' }],
    }),
  ],
};

export default config;
