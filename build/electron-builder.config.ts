// Release packaging with electron-builder 26 (docs/release.md): Linux AppImage + deb,
// Windows NSIS. Ships only the built app — the main/preload bundles (.vite/build), the A4 fonts
// (.vite/fonts), the renderer (dist/renderer), package.json and the one native module — in an asar
// archive with integrity validation, with Electron's fuses set so the binary cannot be turned
// into a general-purpose Node.js runtime (Electron security checklist item 19). Native modules
// are rebuilt for Electron's ABI (npmRebuild), and build/after-pack.ts fails the build if any
// addon still has another ABI.
//
//   npx electron-builder --config build/electron-builder.config.ts --linux   (or --win)
import type { Configuration } from 'electron-builder';

type FuseOptionsV1 = NonNullable<Configuration['electronFuses']>;
import afterPack from './after-pack';

/** https://www.electronjs.org/docs/latest/tutorial/fuses */
export const KIOSK_FUSES = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
} as const satisfies FuseOptionsV1;

/** Runtime dependencies left outside the main bundle (electron/vite.shared.ts NATIVE_EXTERNALS). */
export const SHIPPED_NODE_MODULES = ['better-sqlite3', 'bindings', 'file-uri-to-path', 'pkcs11js'] as const;

export const EXECUTABLE_NAME = 'genesenen-kiosk';

const config: Configuration = {
  appId: 'de.oegd.genesenen-kiosk',
  productName: 'Genesenen-Kiosk',
  executableName: EXECUTABLE_NAME,
  copyright: 'EUPL-1.2',
  directories: { output: 'release', buildResources: 'build/resources' },
  files: [
    'package.json',
    '.vite/build/**',
    '.vite/fonts/**',
    'dist/renderer/**',
    '!**/*.map',
    '!node_modules/**',
    ...SHIPPED_NODE_MODULES.flatMap((m) => [
      `node_modules/${m}/package.json`,
      `node_modules/${m}/lib/**`,
      `node_modules/${m}/*.js`,
    ]),
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    'node_modules/pkcs11js/build/Release/pkcs11.node',
  ],
  asar: true,
  asarUnpack: ['**/*.node'],
  extraMetadata: { main: '.vite/build/main.cjs' },
  // Native modules are compiled for Electron's Node ABI, from source (no prebuilt binaries).
  npmRebuild: true,
  buildDependenciesFromSource: true,
  nodeGypRebuild: false,
  electronFuses: { ...KIOSK_FUSES },
  afterPack,
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Office',
    executableName: EXECUTABLE_NAME,
    synopsis: 'Kiosk für EU-Genesenenzertifikate',
  },
  deb: { depends: ['libnss3', 'libgbm1', 'libasound2', 'cups-client'] },
  win: { target: ['nsis'] },
  nsis: {
    oneClick: false,
    perMachine: true,
    allowToChangeInstallationDirectory: false,
    deleteAppDataOnUninstall: false,
  },
  publish: null,
};

export default config;
