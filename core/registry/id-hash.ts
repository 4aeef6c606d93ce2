// The registry never stores a Genesenen-ID, only HMAC-SHA-256(secret, normalised ID) (docs/reliability.md).
// A plain hash would not do: IDs come from a small, structured space and could be enumerated.
// The 32-byte secret is created once per installation, beside the registry file, so every kiosk
// process that shares a registry computes the same hash. Losing the secret means the registry
// can no longer recognise earlier issuances — back it up together with the registry.
import { createHmac, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Result } from '../result';
import { err, ok } from '../result';
import { registryErrorCode } from './sqlite-errors';

export const SECRET_BYTES = 32;
export const secretPathFor = (registryPath: string): string => join(dirname(registryPath), 'registry.secret');

/**
 * Reads the secret, or creates it if absent. Creation is race-free across processes: the bytes
 * are written to a private temporary file and hard-linked into place, which fails with EEXIST if
 * another process won — then we read theirs. A reader therefore never sees a half-written file.
 */
export function loadOrCreateSecret(path: string): Result<Buffer> {
  try {
    return readSecret(path) ?? createSecret(path);
  } catch (e) {
    return err(registryErrorCode(e), { reason: 'registry-secret' });
  }
}

function readSecret(path: string): Result<Buffer> | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  if (bytes.length !== SECRET_BYTES) return err('REGISTRY_UNAVAILABLE', { reason: 'registry-secret-corrupt' });
  return ok(bytes);
}

function createSecret(path: string): Result<Buffer> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, randomBytes(SECRET_BYTES), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    rmSync(tmp, { force: true });
  }
  return readSecret(path) ?? err('REGISTRY_UNAVAILABLE', { reason: 'registry-secret' });
}

export type IdHasher = (normalizedId: string) => string;

/** Hex HMAC-SHA-256 (64 characters) of the normalised ID. */
export const createIdHasher =
  (secret: Buffer): IdHasher =>
  (normalizedId) =>
    createHmac('sha256', secret).update(normalizedId, 'utf8').digest('hex');
