// Shared set-up for the registry tests: a temporary directory per test and an opened registry.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { openRegistryDatabase, type RegistryDatabase } from '../../core/registry/database';
import { createRegistry, type Registry, type RegistryOptions } from '../../core/registry/registry';

export function tempDir(prefix = 'kiosk-registry-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openTestRegistry(
  path: string,
  opts: RegistryOptions = {},
): { db: RegistryDatabase; registry: Registry } {
  const db = openRegistryDatabase(path);
  if (!db.ok) throw new Error(`registry did not open: ${db.error.code}`);
  return { db: db.value, registry: createRegistry(db.value, opts) };
}

/** A 64-hex-character stand-in for an ID hash. */
export const fakeIdHash = (n: number): string => n.toString(16).padStart(64, '0');

let uvciCounter = 0;
export const sequentialUvci = (): string => `URN:UVCI:01:DE:TEST/${(++uvciCounter).toString().padStart(8, '0')}`;

/** The pid of a process that has exited (and been reaped), for "owner gone" tests. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}
