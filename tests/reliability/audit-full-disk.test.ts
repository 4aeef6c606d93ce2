// The audit log on a full disk (docs/reliability.md: nothing half-written). An append either writes its
// whole line or fails and leaves the file as it was: a torn line would break the hash chain for
// good (an auditor could no longer tell tampering from an accident). Real ENOSPC on a small
// tmpfs where `mount` is allowed; a short write (what write(2) returns when space runs out
// mid-line) injected through node:fs everywhere.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditLog } from '../../core/audit/audit-log';
import { verifyAuditChain } from '../../core/audit/verify-chain';
import { mountTmpfs, type Tmpfs } from '../support/mounts';

/** While `full`: the first write gets 17 bytes out, every further write fails with ENOSPC. */
const disk = vi.hoisted(() => ({ full: false, wrote: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const writeSync = ((fd: number, data: never, ...rest: number[]) => {
    if (disk.full && typeof data !== 'number') {
      if (disk.wrote) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      disk.wrote = true;
      const offset = rest[0] ?? 0;
      return fs.writeSync(fd, Buffer.from(data as Uint8Array).subarray(offset, offset + 17));
    }
    return (fs.writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, writeSync }, writeSync };
});

const entry = {
  event: 'certificate.issued',
  outcome: 'ok',
  idHash: 'a'.repeat(64),
  uvci: 'URN:UVCI:01:DE:DEMO/ABCDEFGHIJ#K',
} as const;
const onlyFile = (dir: string) => join(dir, readdirSync(dir)[0]!);

describe('audit append interrupted by a short write', () => {
  it('fails, leaves the file byte for byte as it was, and the chain continues afterwards', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kiosk-audit-'));
    const log = createAuditLog({ dir, kioskId: 'k', lock: (f) => f() });
    for (let i = 0; i < 3; i++) log.append(entry);
    const before = readFileSync(onlyFile(dir));
    disk.full = true;
    expect(() => log.append(entry)).toThrow(/ENOSPC/);
    disk.full = false;
    expect(readFileSync(onlyFile(dir))).toEqual(before);
    log.append(entry);
    expect(verifyAuditChain(dir)).toMatchObject({ ok: true, value: { lines: 4 } });
  });
});

const fs: Tmpfs | { unavailable: string } = mountTmpfs(2048);
if ('unavailable' in fs) console.warn(`audit-full-disk: real ENOSPC part skipped: ${fs.unavailable}`);
afterAll(() => {
  if (!('unavailable' in fs)) fs.unmount();
});

describe('audit log on a full tmpfs', () => {
  it.skipIf('unavailable' in fs)(
    'every append is whole or fails; the chain verifies after ENOSPC and continues',
    () => {
      if ('unavailable' in fs) return;
      const dir = join(fs.dir, 'audit');
      const log = createAuditLog({ dir, kioskId: 'k', lock: (f) => f() });
      // Different line lengths put the page boundary at every place within a line.
      let failures = 0;
      for (let leave = 0; leave < 3; leave++) {
        for (let round = 0; round < 30; round++) {
          fs.fill(leave);
          for (let i = 0; i < 25; i++) {
            try {
              log.append({ ...entry, code: 'X'.repeat((round * 7 + i) % 90) });
            } catch (e) {
              expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
              failures++;
            }
          }
          fs.unfill();
          const chain = verifyAuditChain(dir);
          if (!chain.ok) throw new Error(`chain broken after a full disk: ${JSON.stringify(chain.error.details)}`);
        }
      }
      expect(failures).toBeGreaterThan(0);
      log.append(entry);
      expect(verifyAuditChain(dir).ok).toBe(true);
    },
  );
});
