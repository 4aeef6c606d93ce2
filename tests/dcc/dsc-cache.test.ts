// parseDsc remembers parsed DSCs by their DER bytes (core/dcc/x509.ts; bench: issue_core and
// verify_hc1 were dominated by re-parsing the same DSC). What callers rely on: a cached answer is
// the answer for exactly those bytes — never another certificate's, not changed by the caller
// mutating its input afterwards, PEM and DER of one certificate alike — and the memory is bounded.
import { describe, expect, it } from 'vitest';
import { DSC_CACHE_SIZE, kidOf, parseDsc, type DscInfo } from '../../core/dcc/x509';
import { fixtureDscDer, fixtureDscPem } from './helpers/fixtures';
import { makeDsc } from './helpers/make-dsc';

function parsed(input: string | Uint8Array): DscInfo {
  const r = parseDsc(input);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('parseDsc cache', () => {
  it('answers a repeated parse from memory, for PEM and DER of the same certificate', () => {
    const first = parsed(fixtureDscDer);
    expect(parsed(new Uint8Array(fixtureDscDer))).toBe(first);
    expect(parsed(fixtureDscPem)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.extendedKeyUsages)).toBe(true);
  });

  it('never hands out another certificate’s facts, whatever the order of parses', async () => {
    const others = await Promise.all([makeDsc({}), makeDsc({ notAfter: new Date('2031-01-01T00:00:00Z') })]);
    for (const der of [fixtureDscDer, others[0]!.der, others[1]!.der, fixtureDscDer, others[1]!.der]) {
      const info = parsed(der);
      expect(Buffer.from(info.kid)).toEqual(Buffer.from(kidOf(der)));
      expect(Buffer.from(info.der)).toEqual(Buffer.from(der));
    }
    expect(parsed(others[1]!.der).notAfter.toISOString()).toBe('2031-01-01T00:00:00.000Z');
  });

  it('is not changed by the caller mutating its input bytes after parsing', async () => {
    const { der } = await makeDsc({});
    const mine = new Uint8Array(der);
    const before = parsed(mine);
    mine.fill(0);
    expect(Buffer.from(before.der)).toEqual(Buffer.from(der));
    expect(parsed(der)).toBe(before);
    expect(parseDsc(mine).ok).toBe(false);
  });

  it('does not cache failures and stays bounded (the oldest entry is parsed again)', async () => {
    expect(parseDsc(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])).ok).toBe(false);
    const first = parsed(fixtureDscDer);
    const many = await Promise.all(Array.from({ length: DSC_CACHE_SIZE }, () => makeDsc({})));
    for (const d of many) parsed(d.der);
    const again = parsed(fixtureDscDer);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
