// `npm run package:check` (docs/release.md): builds what a release ships — renderer, main and preload
// bundles — and packages it with electron-builder (`--dir`, Linux) against a stand-in Electron
// distribution (build/stand-in-electron.ts), because the real Electron binary cannot be downloaded
// here. Then it checks the result:
//   1. app.asar holds the built app and nothing else (build/package-contents.ts);
//   2. every module main.cjs requires at run time is shipped (or explicitly optional);
//   3. the fuses were flipped as configured (read back from the stand-in's fuse wire);
//   4. the afterPack ABI check judged the native module correctly. It runs in report mode here:
//      better-sqlite3 in node_modules is built for Node (ABI 115 on Node 20) and cannot be
//      rebuilt for Electron offline, so the check must report exactly that mismatch — which
//      proves it would stop a release build (where it runs in enforce mode after npmRebuild).
// Not covered here (needs the real binary, see docs/release.md): starting the packaged app,
// AppImage/deb/NSIS installers, code signing, asar integrity hashes embedded in the binary.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import asar from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { Arch, build as electronBuild, Platform } from 'electron-builder';
import { build as viteBuild, type Rolldown } from 'vite';
import { ABI_CHECK_MODE_ENV, ABI_REPORT_FILE, formatProblems, type AbiReport } from './after-pack';
import builderConfig, { EXECUTABLE_NAME, KIOSK_FUSES } from './electron-builder.config';
import { electronAbi } from './native-abi';
import { checkAsarEntries, checkExternals, checkPackagedManifest, type ContentProblem } from './package-contents';
import { expectedFuseWire, wireToString, writeStandInElectronDist } from './stand-in-electron';

const root = new URL('..', import.meta.url).pathname;
const outDir = join(root, 'release', 'package-check');
const OPTIONAL_EXTERNALS = { 'cbor-extract': 'cbor-x loads it in a try/catch and falls back to JavaScript' };

const problems: string[] = [];
const note = (ok: boolean, what: string, detail = '') => {
  console.log(`${ok ? '  ok  ' : ' FAIL '} ${what}${detail ? `\n${detail}` : ''}`);
  if (!ok) problems.push(what);
};
const describeProblems = (list: readonly ContentProblem[]) =>
  list.map((p) => `        ${p.entry}: ${p.reason}`).join('\n');

async function buildBundles(): Promise<string[]> {
  console.log('• building renderer, preload and main bundles');
  await viteBuild({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  await viteBuild({ configFile: join(root, 'electron/vite.preload.config.ts'), logLevel: 'warn' });
  const main = (await viteBuild({ configFile: join(root, 'electron/vite.main.config.ts'), logLevel: 'error' })) as
    Rolldown.RolldownOutput | Rolldown.RolldownOutput[];
  const outputs = Array.isArray(main) ? main : [main];
  return [...new Set(outputs.flatMap((o) => o.output.flatMap((c) => (c.type === 'chunk' ? c.imports : []))))];
}

async function packageApp(electronVersion: string): Promise<string> {
  console.log('• packaging with electron-builder --dir against a stand-in Electron');
  rmSync(outDir, { recursive: true, force: true });
  const electronDist = writeStandInElectronDist(join(outDir, 'stand-in-electron'), electronVersion);
  const previous = process.env[ABI_CHECK_MODE_ENV];
  process.env[ABI_CHECK_MODE_ENV] = 'report';
  try {
    await electronBuild({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      config: {
        ...builderConfig,
        electronDist,
        electronVersion,
        // Rebuilding for Electron needs its headers from the internet; the ABI check reports instead.
        npmRebuild: false,
        directories: { ...builderConfig.directories, output: join(outDir, 'out') },
      },
    });
  } finally {
    if (previous === undefined) delete process.env[ABI_CHECK_MODE_ENV];
    else process.env[ABI_CHECK_MODE_ENV] = previous;
  }
  return join(outDir, 'out');
}

async function main(): Promise<number> {
  const electronVersion = (
    JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
  ).version;
  const externals = await buildBundles();
  const out = await packageApp(electronVersion);
  const appDir = join(out, 'linux-unpacked');
  const archive = join(appDir, 'resources', 'app.asar');
  console.log(`• checking ${archive}`);

  const entries = asar.listPackage(archive, { isPack: false }).map((e) => e.split('\\').join('/'));
  const contentProblems = checkAsarEntries(entries);
  note(
    contentProblems.length === 0,
    `app.asar holds only the built app (${entries.length} entries)`,
    describeProblems(contentProblems),
  );

  const externalProblems = checkExternals(externals, entries, OPTIONAL_EXTERNALS);
  note(
    externalProblems.length === 0,
    `run-time requires of main.cjs are shipped: ${externals.filter((e) => !e.startsWith('node:')).join(', ')}`,
    describeProblems(externalProblems),
  );

  const manifest = JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')) as {
    main?: unknown;
    scripts?: unknown;
  };
  const manifestProblems = checkPackagedManifest(manifest);
  note(
    manifestProblems.length === 0,
    'packaged package.json: main = .vite/build/main.cjs, no scripts',
    describeProblems(manifestProblems),
  );

  const wire = wireToString(
    (await getCurrentFuseWire(join(appDir, EXECUTABLE_NAME))) as unknown as Record<string, unknown>,
  );
  const wanted = expectedFuseWire(KIOSK_FUSES);
  note(wire === wanted, `fuses flipped as configured (wire ${wire}, expected ${wanted})`);

  const report = JSON.parse(readFileSync(join(out, ABI_REPORT_FILE), 'utf8')) as AbiReport;
  const sqlite = report.modules.find((m) => m.path.endsWith('better_sqlite3.node'));
  note(
    report.modules.length === 1 && sqlite !== undefined,
    `exactly one native module unpacked: ${report.modules.map((m) => m.path).join(', ')}`,
  );
  note(
    report.expectedAbi === electronAbi(electronVersion, root),
    `Electron ${electronVersion} needs NODE_MODULE_VERSION ${report.expectedAbi}`,
  );
  if (sqlite) {
    const builtFor = sqlite.abi.kind === 'abi' ? sqlite.abi.abi : null;
    const shouldFail = builtFor !== report.expectedAbi;
    const judged = report.problems.some((p) => p.path === sqlite.path);
    note(
      judged === shouldFail,
      shouldFail
        ? `ABI check caught the mismatch: better_sqlite3.node is built for ${builtFor ?? sqlite.abi.kind} (Node ${process.version} has ${process.versions.modules}); a release build would stop here until it is rebuilt for Electron`
        : 'ABI check passed: better_sqlite3.node is already built for Electron',
      judged ? formatProblems(report.problems) : '',
    );
  }
  for (const leftover of [
    'node_modules/better-sqlite3/build/Release/test_extension.node',
    'node_modules/better-sqlite3/src',
  ]) {
    note(!existsSync(join(appDir, 'resources', 'app.asar.unpacked', leftover)), `not unpacked: ${leftover}`);
  }

  console.log(
    problems.length === 0
      ? `\npackage:check passed. Output: ${appDir}\nNot checked here (needs the real Electron binary): starting the app, installers, signing — see docs/release.md.`
      : `\npackage:check FAILED (${problems.length}): ${problems.join('; ')}`,
  );
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('package:check could not run:', e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
