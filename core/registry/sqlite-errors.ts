// Maps SQLite/filesystem failures to the kiosk's error codes (core/errors.ts) so the clerk screen
// can say "disk full" or "registry read-only" instead of a generic failure.
import type { ErrorCode } from '../errors';

export type RegistryErrorCode = Extract<ErrorCode, 'REGISTRY_UNAVAILABLE' | 'REGISTRY_READ_ONLY' | 'DISK_FULL'>;

export function registryErrorCode(e: unknown): RegistryErrorCode {
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return 'DISK_FULL';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return 'REGISTRY_READ_ONLY';
  }
  return 'REGISTRY_UNAVAILABLE';
}
