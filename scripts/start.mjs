#!/usr/bin/env node
// `npm start` (docs/release.md): the kiosk in Electron when the Electron binary is installed
// (`electron-forge start`, demo mode without a configuration), otherwise — as on machines where
// the binary cannot be downloaded — it says so and starts the browser transport instead
// (`npm run start:web`, which builds the renderer first if needed). Arguments after `--` go to
// whichever starts. `npm start -- --dry-run` only prints which one it would start.
//
// Plain JavaScript on purpose: it must run before anything is built. It never `require`s the
// electron package, whose index.js would try to download the binary.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronPkg = join(root, 'node_modules', 'electron');
const sqliteAddon = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** Path of the Electron executable if it is installed, else null (same lookup as electron/index.js). */
export function electronBinary(env = process.env) {
  const pathFile = join(electronPkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const exe = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
    return existsSync(exe) ? exe : null;
  }
  if (!relative) return null;
  const exe = join(electronPkg, 'dist', relative);
  return existsSync(exe) ? exe : null;
}

/** NODE_MODULE_VERSION better-sqlite3 is currently built for (read from the addon's symbols). */
function sqliteAbi() {
  if (!existsSync(sqliteAddon)) return null;
  const match = /node_register_module_v(\d+)/.exec(readFileSync(sqliteAddon).toString('latin1'));
  return match ? Number(match[1]) : null;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

function main(argv) {
  const dryRun = argv.includes('--dry-run');
  const args = argv.filter((a) => a !== '--dry-run');
  const exe = electronBinary();
  if (exe) {
    console.log(`start: Electron found (${exe}); running electron-forge start (demo mode unless configured).`);
    if (dryRun) return 0;
    // electron-forge start passes what follows its own `--` to the app (npm eats the first one).
    const status = run(npm, ['run', 'start:electron', ...(args.length ? ['--', '--', ...args] : [])]);
    // Forge rebuilt better-sqlite3 for Electron's ABI in place; give Node (tests, CLI, start:web) its build back.
    const abi = sqliteAbi();
    if (abi !== null && abi !== Number(process.versions.modules)) {
      console.log(
        `start: better-sqlite3 is built for ABI ${abi} (Electron); rebuilding it for Node ${process.version} …`,
      );
      run(npm, ['rebuild', 'better-sqlite3']);
    }
    return status;
  }
  console.log(
    [
      'start: the Electron binary is not installed here (node_modules/electron has no dist/).',
      '       To run the kiosk in Electron, on a machine with internet access:',
      '         node node_modules/electron/install.js      (downloads Electron into node_modules/electron/dist)',
      '         npm start',
      '       See docs/release.md. Starting the browser transport instead: npm run start:web',
    ].join('\n'),
  );
  if (dryRun) return 0;
  return run(npm, ['run', 'start:web', '--', ...args]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(main(process.argv.slice(2)));
}
