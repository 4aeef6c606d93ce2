// Packaging checks (docs/release.md, build/): the native-addon ABI reader and verdict behind the afterPack
// hook, the rules for what app.asar may contain, and the stand-in Electron binary whose fuse wire
// @electron/fuses really flips — so `npm run package:check` tests something real.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import asar from '@electron/asar';
import type { AfterPackContext } from 'electron-builder';
import { join } from 'node:path';
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { KIOSK_FUSES } from '../../build/electron-builder.config';
import afterPack, { ABI_CHECK_MODE_ENV, ABI_REPORT_FILE } from '../../build/after-pack';
import { checkNativeAbis, electronAbi, readNativeAbi } from '../../build/native-abi';
import {
  checkAsarEntries,
  checkExternals,
  checkPackagedManifest,
  packageOf,
  REQUIRED_ENTRIES,
} from '../../build/package-contents';
import { makeTempDir, removeTempDirs } from './fakes';
import {
  DEFAULT_FUSE_WIRE,
  expectedFuseWire,
  FUSE_SENTINEL,
  standInElectronBinary,
  wireToString,
  writeStandInElectronDist,
} from '../../build/stand-in-electron';

const repoRoot = join(__dirname, '..', '..');
/** Bytes that look like a shared object's string table around the given symbols. */
const addon = (...symbols: string[]) =>
  Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
    ...symbols.map((s) => Buffer.from(`\0_ZN4node${s}\0${s}\0`, 'latin1')),
    Buffer.alloc(64, 0xff),
  ]);

afterAll(removeTempDirs);

describe('readNativeAbi', () => {
  it('reads NODE_MODULE_VERSION from node_register_module_v<N>', () => {
    expect(readNativeAbi(addon('node_register_module_v115'))).toEqual({ kind: 'abi', abi: 115 });
    expect(readNativeAbi(addon('node_register_module_v150', 'node_register_module_v150'))).toEqual({
      kind: 'abi',
      abi: 150,
    });
  });
  it('recognises N-API addons, conflicts and non-addons', () => {
    expect(readNativeAbi(addon('napi_register_module_v1'))).toEqual({ kind: 'napi' });
    expect(readNativeAbi(addon('node_register_module_v115', 'node_register_module_v150'))).toEqual({
      kind: 'conflict',
      abis: [115, 150],
    });
    expect(readNativeAbi(addon('sqlite3_extension_init'))).toEqual({ kind: 'unknown' });
    expect(readNativeAbi(new Uint8Array())).toEqual({ kind: 'unknown' });
  });
  it('reads the better-sqlite3 addon installed here as built for this Node', () => {
    const bytes = readFileSync(join(repoRoot, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'));
    const abi = readNativeAbi(bytes);
    // Built for Node here, or for Electron after `electron-forge start` rebuilt it in place.
    expect([Number(process.versions.modules), electronAbi('45.5.0', repoRoot)]).toContain(
      abi.kind === 'abi' ? abi.abi : -1,
    );
  });
});

describe('checkNativeAbis', () => {
  const f = (path: string, abi: ReturnType<typeof readNativeAbi>) => ({ path, abi });
  it('passes N-API and matching addons, fails everything else with a reason', () => {
    expect(checkNativeAbis([f('a.node', { kind: 'abi', abi: 150 }), f('b.node', { kind: 'napi' })], 150)).toEqual([]);
    const problems = checkNativeAbis(
      [
        f('sqlite.node', { kind: 'abi', abi: 115 }),
        f('x.node', { kind: 'unknown' }),
        f('y.node', { kind: 'conflict', abis: [1, 2] }),
      ],
      150,
    );
    expect(problems.map((p) => p.path)).toEqual(['sqlite.node', 'x.node', 'y.node']);
    expect(problems[0]!.reason).toBe('built for NODE_MODULE_VERSION 115, Electron needs 150');
  });
  it('knows Electron 45’s ABI from node-abi and the electron package alike', () => {
    expect(electronAbi('45.5.0', repoRoot)).toBe(
      Number(readFileSync(join(repoRoot, 'node_modules/electron/abi_version'), 'utf8')),
    );
    expect(electronAbi('45.5.0', repoRoot)).not.toBe(Number(process.versions.modules));
  });
});

describe('afterPack hook', () => {
  /** A packaged app's resources dir with the given unpacked addons and asar-packed files. */
  async function packaged(
    unpacked: Record<string, Buffer>,
    packed: Record<string, Buffer> = { 'package.json': Buffer.from('{}') },
  ) {
    const out = makeTempDir('kiosk-afterpack-');
    const resources = join(out, 'linux-unpacked', 'resources');
    for (const [rel, bytes] of Object.entries(unpacked)) {
      mkdirSync(join(resources, 'app.asar.unpacked', rel, '..'), { recursive: true });
      writeFileSync(join(resources, 'app.asar.unpacked', rel), bytes);
    }
    const src = join(out, 'src');
    for (const [rel, bytes] of Object.entries(packed)) {
      mkdirSync(join(src, rel, '..'), { recursive: true });
      writeFileSync(join(src, rel), bytes);
    }
    await asar.createPackage(src, join(resources, 'app.asar'));
    const context = {
      appOutDir: join(out, 'linux-unpacked'),
      outDir: out,
      packager: { config: { electronVersion: '45.5.0' }, projectDir: repoRoot, getResourcesDir: () => resources },
    } as unknown as AfterPackContext;
    return { context, out };
  }
  const withMode = async <T>(mode: string | undefined, fn: () => Promise<T>): Promise<T> => {
    const before = process.env[ABI_CHECK_MODE_ENV];
    if (mode === undefined) delete process.env[ABI_CHECK_MODE_ENV];
    else process.env[ABI_CHECK_MODE_ENV] = mode;
    try {
      return await fn();
    } finally {
      if (before === undefined) delete process.env[ABI_CHECK_MODE_ENV];
      else process.env[ABI_CHECK_MODE_ENV] = before;
    }
  };
  const SQLITE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';

  it('passes a native module built for Electron 45', async () => {
    const { context } = await packaged({ [SQLITE]: addon('node_register_module_v150') });
    await expect(withMode(undefined, () => afterPack(context))).resolves.toBeUndefined();
  });

  it('fails the build (default mode) for a module built for Node’s ABI, naming file and ABIs', async () => {
    const { context } = await packaged({ [SQLITE]: addon('node_register_module_v115') });
    await expect(withMode(undefined, () => afterPack(context))).rejects.toThrow(
      /better_sqlite3\.node: built for NODE_MODULE_VERSION 115, Electron needs 150/,
    );
  });

  it('fails when no native module was unpacked at all, or one is packed inside app.asar', async () => {
    const none = await packaged({});
    await expect(withMode(undefined, () => afterPack(none.context))).rejects.toThrow(/no native module/);
    const inside = await packaged(
      { [SQLITE]: addon('node_register_module_v150') },
      { 'node_modules/x/x.node': addon('napi_register_module_v1') },
    );
    await expect(withMode(undefined, () => afterPack(inside.context))).rejects.toThrow(
      /app\.asar\/node_modules\/x\/x\.node: native addon packed inside app\.asar/,
    );
  });

  it('report mode (package:check) writes the findings instead of failing', async () => {
    const { context, out } = await packaged({ [SQLITE]: addon('node_register_module_v115') });
    await withMode('report', () => afterPack(context));
    expect(existsSync(join(out, ABI_REPORT_FILE))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, ABI_REPORT_FILE), 'utf8'));
    expect(report).toMatchObject({
      electronVersion: '45.5.0',
      expectedAbi: 150,
      modules: [{ path: `app.asar.unpacked/${SQLITE}`, abi: { kind: 'abi', abi: 115 } }],
    });
    expect(report.problems).toHaveLength(1);
  });
});

describe('app.asar contents', () => {
  const good = [
    ...REQUIRED_ENTRIES,
    '/.vite',
    '/.vite/build',
    '/dist/renderer/assets/index-abc.js',
    '/dist/renderer/assets/FiraSans-Regular-x.woff2',
    '/node_modules/better-sqlite3/package.json',
    '/node_modules/better-sqlite3/lib/index.js',
    '/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    '/node_modules/bindings/bindings.js',
  ];

  it('accepts the built app', () => expect(checkAsarEntries(good)).toEqual([]));

  it('reports a missing bundle', () => {
    expect(checkAsarEntries(good.filter((e) => e !== '/.vite/build/preload.cjs'))).toEqual([
      { entry: '/.vite/build/preload.cjs', reason: 'missing' },
    ]);
  });

  it.each([
    ['/core/dcc/cose.ts', 'TypeScript source'],
    ['/electron/main/main.ts', 'TypeScript source'],
    ['/.vite/build/main.cjs.map', 'source map'],
    ['/keys/dsc-key.pem', 'key or certificate'],
    ['/demo/csca.crt', 'key or certificate'],
    ['/data/registry.secret', 'secret'],
    ['/.env', 'environment file'],
    ['/data/registry.sqlite', 'database'],
    ['/data/registry.sqlite-wal', 'database'],
    ['/tests/electron/fakes.js', 'source, test or tooling directory'],
    ['/node_modules/x/test/a.js', 'test files'],
    ['/dist/renderer/app.test.js', 'test file'],
    ['/node_modules/.bin/vite', 'npm .bin links'],
    ['/node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'native module sources'],
    ['/node_modules/better-sqlite3/build/Release/obj.target/x.o', 'native build intermediates'],
    ['/node_modules/better-sqlite3/build/Release/test_extension.node', 'SQLite test extension'],
  ])('refuses %s (%s)', (entry, why) => {
    expect(checkAsarEntries([...good, entry])).toEqual([{ entry, reason: why }]);
  });

  it('run-time requires must be built-ins, electron, shipped or explicitly optional', () => {
    expect(packageOf('@scope/pkg/deep/file')).toBe('@scope/pkg');
    expect(packageOf('ajv/dist/core')).toBe('ajv');
    expect(
      checkExternals(['node:fs', 'fs', 'electron', 'better-sqlite3', 'cbor-extract'], good, {
        'cbor-extract': 'optional',
      }),
    ).toEqual([]);
    expect(checkExternals(['pdf-lib'], good, {})).toEqual([
      { entry: 'pdf-lib', reason: 'required by main.cjs but not in app.asar' },
    ]);
  });

  it('packaged package.json points at the main bundle and carries no scripts', () => {
    expect(checkPackagedManifest({ main: '.vite/build/main.cjs' })).toEqual([]);
    expect(checkPackagedManifest({ main: 'electron/main/main.ts', scripts: { start: 'x' } })).toHaveLength(2);
  });
});

describe('stand-in Electron and fuses', () => {
  it('carries the @electron/fuses sentinel and Electron’s default wire, and refuses to run', () => {
    const bin = standInElectronBinary();
    const at = bin.indexOf(FUSE_SENTINEL);
    expect(at).toBeGreaterThan(0);
    expect(bin.indexOf(FUSE_SENTINEL, at + 1)).toBe(-1);
    expect(bin.subarray(at + 32, at + 34)).toEqual(Buffer.from([1, DEFAULT_FUSE_WIRE.length]));
    expect(bin.toString('latin1')).toMatch(/^#!\/bin\/sh\n.*\nexit 1\n/);
  });

  it('@electron/fuses flips the kiosk fuses in it exactly as electron-builder would', async () => {
    const dir = writeStandInElectronDist(makeTempDir('kiosk-fuses-'), '45.5.0');
    const exe = join(dir, 'electron');
    expect(wireToString((await getCurrentFuseWire(exe)) as unknown as Record<string, unknown>)).toBe(DEFAULT_FUSE_WIRE);
    await flipFuses(exe, {
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: KIOSK_FUSES.runAsNode,
      [FuseV1Options.EnableCookieEncryption]: KIOSK_FUSES.enableCookieEncryption,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: KIOSK_FUSES.enableNodeOptionsEnvironmentVariable,
      [FuseV1Options.EnableNodeCliInspectArguments]: KIOSK_FUSES.enableNodeCliInspectArguments,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: KIOSK_FUSES.enableEmbeddedAsarIntegrityValidation,
      [FuseV1Options.OnlyLoadAppFromAsar]: KIOSK_FUSES.onlyLoadAppFromAsar,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: KIOSK_FUSES.loadBrowserProcessSpecificV8Snapshot,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: KIOSK_FUSES.grantFileProtocolExtraPrivileges,
    });
    const wire = wireToString((await getCurrentFuseWire(exe)) as unknown as Record<string, unknown>);
    expect(wire).toBe(expectedFuseWire(KIOSK_FUSES));
    expect(wire).toBe('010011001');
  });

  it('a binary without the sentinel cannot be fused (so the stand-in is what makes the check real)', async () => {
    const exe = join(makeTempDir('kiosk-nofuse-'), 'electron');
    writeFileSync(exe, '#!/bin/sh\nexit 1\n');
    await expect(flipFuses(exe, { version: FuseVersion.V1, [FuseV1Options.RunAsNode]: false })).rejects.toThrow(
      /sentinel/,
    );
  });
});
