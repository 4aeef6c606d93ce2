// Which Node ABI a native addon (.node file) was compiled for, read from the file's bytes without
// loading it (docs/release.md: a better-sqlite3 built for Node's ABI crashes the packaged Electron app at
// the first database access — the release build must fail instead). A non-N-API addon exports
// `node_register_module_v<NODE_MODULE_VERSION>` (Node's NODE_MODULE / NODE_MODULE_INIT macros);
// an N-API addon exports `napi_register_module_v1` and runs on any ABI. better-sqlite3 12 is not
// N-API. The symbol name is in the dynamic symbol table of ELF, PE and Mach-O files alike.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type NativeAbi =
  | { readonly kind: 'abi'; readonly abi: number }
  | { readonly kind: 'napi' }
  | { readonly kind: 'conflict'; readonly abis: readonly number[] }
  | { readonly kind: 'unknown' };

const NODE_SYMBOL = /node_register_module_v(\d{1,4})/g;
const NAPI_SYMBOL = /napi_register_module_v\d/;

export function readNativeAbi(bytes: Uint8Array): NativeAbi {
  // latin1 maps every byte to one char, so offsets and ASCII symbol names survive unchanged.
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const abis = [...new Set([...text.matchAll(NODE_SYMBOL)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  if (abis.length > 1) return { kind: 'conflict', abis };
  if (abis.length === 1) return { kind: 'abi', abi: abis[0]! };
  return NAPI_SYMBOL.test(text) ? { kind: 'napi' } : { kind: 'unknown' };
}

export interface NativeModuleFinding {
  readonly path: string;
  readonly abi: NativeAbi;
}

export interface AbiProblem {
  readonly path: string;
  readonly reason: string;
}

/** Every addon must be N-API or built for exactly `expectedAbi`; unreadable ones fail too. */
export function checkNativeAbis(findings: readonly NativeModuleFinding[], expectedAbi: number): AbiProblem[] {
  const problems: AbiProblem[] = [];
  for (const { path, abi } of findings) {
    if (abi.kind === 'napi') continue;
    if (abi.kind === 'abi' && abi.abi === expectedAbi) continue;
    const reason =
      abi.kind === 'abi'
        ? `built for NODE_MODULE_VERSION ${abi.abi}, Electron needs ${expectedAbi}`
        : abi.kind === 'conflict'
          ? `registers several ABIs (${abi.abis.join(', ')})`
          : 'no node_register_module_v<N> or napi_register_module_v1 symbol: not a loadable Node addon';
    problems.push({ path, reason });
  }
  return problems;
}

/**
 * NODE_MODULE_VERSION of an Electron release. node-abi (electron-builder's own dependency chain)
 * knows every release; the installed electron package's `abi_version` file must agree when it is
 * the same version.
 */
export function electronAbi(electronVersion: string, projectDir: string): number {
  const require = createRequire(join(projectDir, 'package.json'));
  let fromNodeAbi: number | undefined;
  try {
    const nodeAbi = require('node-abi') as { getAbi(target: string, runtime: string): string };
    fromNodeAbi = Number(nodeAbi.getAbi(electronVersion, 'electron'));
  } catch {
    fromNodeAbi = undefined;
  }
  const pkgDir = join(projectDir, 'node_modules', 'electron');
  let fromPackage: number | undefined;
  if (existsSync(join(pkgDir, 'abi_version'))) {
    const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
    if (pkg.version === electronVersion) fromPackage = Number(readFileSync(join(pkgDir, 'abi_version'), 'utf8').trim());
  }
  if (fromNodeAbi !== undefined && fromPackage !== undefined && fromNodeAbi !== fromPackage) {
    throw new Error(
      `node-abi says Electron ${electronVersion} has ABI ${fromNodeAbi}, the electron package says ${fromPackage}`,
    );
  }
  const abi = fromPackage ?? fromNodeAbi;
  if (abi === undefined || !Number.isInteger(abi))
    throw new Error(`cannot determine the ABI of Electron ${electronVersion}`);
  return abi;
}
