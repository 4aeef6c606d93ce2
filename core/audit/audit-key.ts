// The audit key (docs/audit.md): 32 random bytes in a file outside the data directory, readable by
// the kiosk's user only. Whoever can write the data directory (a restored backup, a shared mount, a
// stolen disk image) but cannot read this file cannot rewrite the audit chain unnoticed.
// Configured as `audit.keyFile`; without it a key is generated in `<dataDir>-secrets/audit.key`
// (the demo's separate secrets directory, next to the data directory, never inside it).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve, isAbsolute } from 'node:path';
import { err, ok, type Result } from '../result';
import { auditKeyId, type AuditKey } from './audit-line';

export const defaultAuditKeyFile = (dataDir: string): string => `${resolve(dataDir)}-secrets/audit.key`;

const inside = (dir: string, file: string): boolean => {
  const rel = relative(resolve(dir), resolve(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Reads the key; refuses a key inside the data directory or readable by group or others. */
export function loadAuditKey(file: string, dataDir?: string): Result<AuditKey> {
  if (dataDir !== undefined && inside(dataDir, file))
    return err('CONFIG_INVALID', { field: 'audit.keyFile', reason: 'inside-data-dir' });
  let mode: number;
  try {
    mode = statSync(file).mode;
  } catch {
    return err('CONFIG_INVALID', { field: 'audit.keyFile', reason: 'unreadable' });
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    return err('CONFIG_INVALID', { field: 'audit.keyFile', reason: 'group-or-world-readable' });
  }
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text))
    return err('CONFIG_INVALID', { field: 'audit.keyFile', reason: 'not-32-hex-bytes' });
  const key = Buffer.from(text, 'hex');
  return ok({ key, keyId: auditKeyId(key) });
}

/** The configured key, or the generated one in the secrets directory next to the data directory. */
export function loadOrCreateAuditKey(dataDir: string, keyFile?: string): Result<AuditKey> {
  const file = keyFile ?? defaultAuditKeyFile(dataDir);
  if (keyFile === undefined) {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        return err('CONFIG_INVALID', { field: 'audit.keyFile', reason: 'cannot-create' });
    }
  }
  return loadAuditKey(file, dataDir);
}
