// A stand-in for Electron's unpacked distribution, so that `npm run package:check` can run
// electron-builder here, where the real Electron binary cannot be downloaded. electron-builder
// copies the directory given as `electronDist`, renames `electron` to the product's executable and
// flips the fuses in it with @electron/fuses — which looks for a sentinel followed by the fuse
// wire. The stand-in carries exactly that: a shell script that refuses to run, then the sentinel,
// wire version 1, and the wire with Electron's default fuse states. After packaging, the check
// reads the wire back and so verifies the fuse configuration end to end — on a fake binary.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** @electron/fuses' SENTINEL (node_modules/@electron/fuses/dist/constants.js). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
export const FUSE_WIRE_VERSION = 1;

/**
 * Electron's defaults, in FuseV1Options order: RunAsNode on, EnableCookieEncryption off,
 * EnableNodeOptionsEnvironmentVariable on, EnableNodeCliInspectArguments on,
 * EnableEmbeddedAsarIntegrityValidation off, OnlyLoadAppFromAsar off,
 * LoadBrowserProcessSpecificV8Snapshot off, GrantFileProtocolExtraPrivileges on, WasmTrapHandlers on.
 */
export const DEFAULT_FUSE_WIRE = '101100011';

export function standInElectronBinary(): Buffer {
  const script = Buffer.from(
    '#!/bin/sh\necho "stand-in Electron binary made by build/package-check.ts; it cannot run" >&2\nexit 1\n# ',
    'latin1',
  );
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([FUSE_WIRE_VERSION, DEFAULT_FUSE_WIRE.length]),
    Buffer.from(DEFAULT_FUSE_WIRE, 'latin1'),
    Buffer.from('\n', 'latin1'),
  ]);
  return Buffer.concat([script, wire]);
}

/** Writes the stand-in distribution for Linux into `dir` and returns `dir`. */
export function writeStandInElectronDist(dir: string, electronVersion: string): string {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const exe = join(dir, 'electron');
  writeFileSync(exe, standInElectronBinary());
  chmodSync(exe, 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron distribution (package:check only).\n');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}

/** Position of each electron-builder fuse option in the V1 wire (@electron/fuses FuseV1Options). */
export const FUSE_WIRE_INDEX = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
} as const;

/** The wire a binary with `defaultWire` must carry after flipping `fuses` ('1' on, '0' off). */
export function expectedFuseWire(
  fuses: Partial<Record<keyof typeof FUSE_WIRE_INDEX, boolean>>,
  defaultWire = DEFAULT_FUSE_WIRE,
): string {
  const wire = defaultWire.split('');
  for (const [name, on] of Object.entries(fuses)) {
    const index = FUSE_WIRE_INDEX[name as keyof typeof FUSE_WIRE_INDEX];
    if (index !== undefined && on !== undefined) wire[index] = on ? '1' : '0';
  }
  return wire.join('');
}

/** A fuse wire as @electron/fuses' getCurrentFuseWire returns it, as a '0'/'1' string. */
export const wireToString = (wire: Readonly<Record<string, unknown>>): string =>
  Object.keys(wire)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => String.fromCharCode(Number(wire[k])))
    .join('');
