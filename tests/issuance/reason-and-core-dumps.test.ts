// Small privacy guards (docs/memory-secrets.md, docs/configuration.md "Clerk reasons"): the clerk's
// reason refuses what looks like a name or a date; core dumps are limited at start (the process's
// own coredump_filter is cleared on Linux) and by the systemd unit (LimitCORE=0, no swap).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reasonLooksPersonal } from '../../core/audit/reason-check';
import { limitCoreDumps } from '../../core/process/core-dumps';

describe('clerk reason check', () => {
  it.each([
    'Frau Mustermann',
    'Herr Yılmaz kam zurück',
    'Mustermann, Erika',
    'geb. 12.08.1964',
    '12.08.1964',
    '1964-08-12',
    '19640812',
    'Jahrgang 1964',
    '12. August',
    'Name: Erika',
    'MUSTERMANN<<ERIKA',
    'Mr Smith',
  ])('refuses %s', (r) => {
    expect(reasonLooksPersonal(r)).toBe(true);
  });
  it.each([
    'Ausdruck unleserlich',
    'QR-Code beschädigt',
    'Papier verloren',
    'printout lost',
    'Drucker Papierstau, neu gedruckt',
  ])('accepts %s', (r) => expect(reasonLooksPersonal(r)).toBe(false));
});

describe('core dumps', () => {
  it.skipIf(process.platform !== 'linux')('the process clears its own coredump_filter', () => {
    const before = readFileSync('/proc/self/coredump_filter', 'utf8');
    try {
      expect(limitCoreDumps()).toBe('coredump-filter-cleared');
      expect(parseInt(readFileSync('/proc/self/coredump_filter', 'utf8'), 16)).toBe(0);
    } finally {
      writeFileSync('/proc/self/coredump_filter', before.trim());
    }
  });
  it('reports what it could not do', () => {
    expect(limitCoreDumps('win32')).toBe('not-linux');
    expect(
      limitCoreDumps('linux', () => {
        throw new Error('EACCES');
      }),
    ).toBe('not-permitted');
  });
  it('the systemd unit sets LimitCORE=0 and MemorySwapMax=0', () => {
    const unit = readFileSync('build/systemd/genesenen-kiosk.service', 'utf8');
    expect(unit).toMatch(/^LimitCORE=0$/m);
    expect(unit).toMatch(/^MemorySwapMax=0$/m);
  });
});
