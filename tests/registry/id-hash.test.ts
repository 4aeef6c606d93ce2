// The registry secret and the keyed ID hash: created once with private permissions, stable
// across restarts, and a different secret gives unrelated hashes (IDs cannot be enumerated).
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIdHasher, loadOrCreateSecret, SECRET_BYTES } from '../../core/registry/id-hash';
import { tempDir } from './helpers';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

describe('registry secret and ID hash', () => {
  it('creates 32 random bytes once, 0600, and returns the same bytes afterwards', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'registry.secret');
    const first = loadOrCreateSecret(path);
    const second = loadOrCreateSecret(path);
    if (!first.ok || !second.ok) throw new Error('secret');
    expect(first.value.length).toBe(SECRET_BYTES);
    expect(second.value.equals(first.value)).toBe(true);
    expect(readFileSync(path).equals(first.value)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('refuses a truncated secret instead of silently hashing with it', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const path = join(t.dir, 'registry.secret');
    writeFileSync(path, Buffer.alloc(5));
    const loaded = loadOrCreateSecret(path);
    expect(loaded.ok ? 'loaded' : loaded.error.code).toBe('REGISTRY_UNAVAILABLE');
  });

  it('hashes are 64 hex chars, stable per secret, different across secrets', () => {
    const a = createIdHasher(Buffer.alloc(32, 1));
    const b = createIdHasher(Buffer.alloc(32, 2));
    expect(a('RZJQMTFB84WV')).toMatch(/^[0-9a-f]{64}$/);
    expect(a('RZJQMTFB84WV')).toBe(a('RZJQMTFB84WV'));
    expect(a('RZJQMTFB84WV')).not.toBe(b('RZJQMTFB84WV'));
    expect(a('RZJQMTFB84WV')).not.toBe(a('RZJQMTFB84WW'));
  });
});
