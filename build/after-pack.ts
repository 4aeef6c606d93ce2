// electron-builder afterPack hook (docs/release.md): every native addon in the packaged app must match
// the packaged Electron's ABI, or the build fails — a mismatch would otherwise surface only on the
// kiosk, as a crash at the first registry access. Also fails when a .node file sits inside
// app.asar instead of app.asar.unpacked (Electron cannot dlopen from an archive).
//
// Mode (env KIOSK_ABI_CHECK): `enforce` (default, release builds) throws on any problem;
// `report` (npm run package:check, which cannot rebuild for Electron offline) writes the findings
// to <outDir>/native-abi-report.json and lets the check script assert on them.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import asar from '@electron/asar';
import type { AfterPackContext } from 'electron-builder';
import { checkNativeAbis, electronAbi, readNativeAbi, type AbiProblem, type NativeModuleFinding } from './native-abi';

export const ABI_CHECK_MODE_ENV = 'KIOSK_ABI_CHECK';
export const ABI_REPORT_FILE = 'native-abi-report.json';

export interface AbiReport {
  readonly electronVersion: string;
  readonly expectedAbi: number;
  readonly modules: readonly NativeModuleFinding[];
  readonly problems: readonly AbiProblem[];
}

function nodeFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.node'))
    .map((e) => join(e.parentPath, e.name));
}

/** Reads every .node file of a packaged app's resources directory. */
export function inspectNativeModules(resourcesDir: string, electronVersion: string, expectedAbi: number): AbiReport {
  const unpackedDir = join(resourcesDir, 'app.asar.unpacked');
  const modules: NativeModuleFinding[] = nodeFilesUnder(unpackedDir).map((file) => ({
    path: relative(resourcesDir, file).split('\\').join('/'),
    abi: readNativeAbi(readFileSync(file)),
  }));
  const problems = checkNativeAbis(modules, expectedAbi);
  const archive = join(resourcesDir, 'app.asar');
  if (existsSync(archive)) {
    for (const entry of asar.listPackage(archive, { isPack: false })) {
      if (!entry.endsWith('.node')) continue;
      const stat = asar.statFile(archive, entry.replace(/^[\\/]/, ''), false) as { unpacked?: boolean };
      if (!stat.unpacked)
        problems.push({
          path: `app.asar${entry}`,
          reason: 'native addon packed inside app.asar (cannot be loaded); add it to asarUnpack',
        });
    }
  }
  return { electronVersion, expectedAbi, modules, problems };
}

export const formatProblems = (problems: readonly AbiProblem[]): string =>
  problems.map((p) => `  ${p.path}: ${p.reason}`).join('\n');

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const { packager, appOutDir, outDir } = context;
  const electronVersion = packager.config.electronVersion;
  if (!electronVersion) throw new Error('afterPack: electronVersion unknown');
  const expectedAbi = electronAbi(electronVersion, packager.projectDir);
  const report = inspectNativeModules(packager.getResourcesDir(appOutDir), electronVersion, expectedAbi);
  const mode = process.env[ABI_CHECK_MODE_ENV] === 'report' ? 'report' : 'enforce';
  if (mode === 'report') {
    writeFileSync(join(outDir, ABI_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  if (report.modules.length === 0)
    throw new Error('afterPack: no native module found in app.asar.unpacked (better-sqlite3 missing?)');
  if (report.problems.length > 0) {
    throw new Error(
      `afterPack: native modules do not match Electron ${electronVersion} (ABI ${expectedAbi}):\n${formatProblems(report.problems)}\nRebuild them for Electron (npmRebuild, see docs/release.md).`,
    );
  }
}
