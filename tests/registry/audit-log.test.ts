// The audit log's hash chain: it verifies as written, and a changed, deleted or reordered line
// is detected; the chain runs on across monthly files; reasons are capped single lines.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAuditLog } from '../../core/audit/audit-log';
import { REASON_MAX_LENGTH } from '../../core/limits';
import { verifyAuditChain } from '../../core/audit/verify-chain';
import { tempDir } from './helpers';

let cleanup: () => void = () => undefined;
afterEach(() => cleanup());

const noLock = <T>(fn: () => T): T => fn();

function writeLines(n: number, now: () => Date = () => new Date('2021-08-01T10:00:00Z')) {
  const t = tempDir('kiosk-audit-');
  cleanup = t.cleanup;
  const log = createAuditLog({ dir: t.dir, kioskId: 'kiosk-a', now, lock: noLock });
  for (let i = 0; i < n; i++)
    log.append({ event: 'certificate.issued', outcome: 'ok', uvci: `URN:UVCI:01:DE:T/${i}`, idHash: 'a'.repeat(64) });
  const file = join(t.dir, 'audit-2021-08.jsonl');
  return { dir: t.dir, file, log };
}

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');
const rewrite = (file: string, ls: string[]) => writeFileSync(file, `${ls.join('\n')}\n`);

describe('audit log', () => {
  it('writes a chain that verifies, with seq, prev and hash on every line', () => {
    const { dir, file } = writeLines(4);
    const parsed = lines(file).map((l) => JSON.parse(l));
    expect(parsed.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(parsed[1].prev).toBe(parsed[0].hash);
    expect(parsed[0]).toMatchObject({
      event: 'certificate.issued',
      outcome: 'ok',
      kioskId: 'kiosk-a',
      ts: '2021-08-01T10:00:00.000Z',
    });
    expect(verifyAuditChain(dir)).toMatchObject({ ok: true, value: { lines: 4, lastHash: parsed[3].hash } });
    expect(verifyAuditChain(file).ok).toBe(true);
  });

  it('detects a changed line', () => {
    const { dir, file } = writeLines(4);
    const ls = lines(file);
    ls[2] = ls[2]!.replace('"outcome":"ok"', '"outcome":"failed"');
    rewrite(file, ls);
    expect(verifyAuditChain(dir)).toMatchObject({
      ok: false,
      error: { code: 'AUDIT_CHAIN_BROKEN', details: { line: 3, reason: 'hash-mismatch' } },
    });
  });

  it('detects a deleted line', () => {
    const { dir, file } = writeLines(4);
    const ls = lines(file);
    ls.splice(1, 1);
    rewrite(file, ls);
    expect(verifyAuditChain(dir)).toMatchObject({
      ok: false,
      error: { details: { line: 2, reason: 'prev-mismatch' } },
    });
  });

  it('detects reordered lines', () => {
    const { dir, file } = writeLines(4);
    const ls = lines(file);
    [ls[1], ls[2]] = [ls[2]!, ls[1]!];
    rewrite(file, ls);
    expect(verifyAuditChain(dir)).toMatchObject({ ok: false, error: { details: { line: 2 } } });
  });

  it('detects a deleted first line when the whole directory is checked', () => {
    const { dir, file } = writeLines(3);
    rewrite(file, lines(file).slice(1));
    expect(verifyAuditChain(dir)).toMatchObject({
      ok: false,
      error: { details: { line: 1, reason: 'prev-mismatch' } },
    });
  });

  it('continues the chain into the next month file', () => {
    const t = tempDir('kiosk-audit-');
    cleanup = t.cleanup;
    let now = new Date('2021-08-31T23:59:59Z');
    const log = createAuditLog({ dir: t.dir, kioskId: 'kiosk-a', now: () => now, lock: noLock });
    log.append({ event: 'kiosk.started', outcome: 'ok' });
    now = new Date('2021-09-01T00:00:01Z');
    const second = log.append({ event: 'kiosk.started', outcome: 'ok' });
    expect(readdirSync(t.dir).sort()).toEqual(['audit-2021-08.jsonl', 'audit-2021-09.jsonl']);
    expect(second!.seq).toBe(2);
    expect(verifyAuditChain(t.dir)).toMatchObject({ ok: true, value: { lines: 2 } });
  });

  it('after a torn last line (crash mid-write) new lines still parse, and the tear is reported', () => {
    const { dir, file, log } = writeLines(2);
    appendFileSync(file, '{"seq":3,"ts":"2021-08');
    const next = log.append({ event: 'kiosk.started', outcome: 'ok' });
    expect(next!.seq).toBe(3);
    expect(lines(file).at(-1)).toBe(JSON.stringify(next));
    expect(verifyAuditChain(dir)).toMatchObject({ ok: false, error: { details: { line: 3, reason: 'unparseable' } } });
  });

  it('keeps a clerk reason on one line and caps its length', () => {
    const { log } = writeLines(0);
    const line = log.append({
      event: 'certificate.reissued',
      outcome: 'ok',
      reason: `lost\nphone\t${'x'.repeat(500)}`,
    });
    expect(line!.reason).toMatch(/^lost phone x+$/);
    expect(line!.reason!.length).toBe(REASON_MAX_LENGTH);
  });
});
