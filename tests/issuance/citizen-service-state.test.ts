// What citizens are told of the kiosk's health: out of service when any part needed to issue is
// down, limited when only printing fails, and never a code, a printer name or a count.
import { describe, expect, it } from 'vitest';
import { citizenServiceState } from '../../core/api/citizen-service-state';
import type { ServiceStatus } from '../../core/api/kiosk-api';

const healthy: ServiceStatus = {
  recordSource: { kind: 'dikoma', state: 'ok' },
  signer: { state: 'ok', demo: false, kid: 'abc' },
  registry: { state: 'ok', issuedCount: 7 },
  printers: [{ name: 'Beleg', format: 'receipt', state: 'ok' }],
  rules: {
    source: 'builtin:de-recovery-2021',
    sha256: '0'.repeat(64),
    acceptanceCountry: 'DE',
    inForceSince: '2021-07-17T00:00:00.000Z',
    loadedAt: '2026-12-01T08:00:00.000Z',
    selected: ['RR-DE-0001 1.0.0'],
  },
};

describe('citizen service state', () => {
  it('is ok with printing ready when all is well, and printing none without printers', () => {
    expect(citizenServiceState(healthy)).toEqual({ level: 'ok', printing: 'ready' });
    expect(citizenServiceState({ ...healthy, printers: [] })).toEqual({ level: 'ok', printing: 'none' });
  });

  it('is limited when no printer works, ok while at least one does', () => {
    const down = { name: 'A4', format: 'a4', state: 'down', code: 'PRINTER_OFFLINE' } as const;
    expect(citizenServiceState({ ...healthy, printers: [down] })).toEqual({
      level: 'limited',
      printing: 'unavailable',
    });
    expect(citizenServiceState({ ...healthy, printers: [down, ...healthy.printers] }).level).toBe('ok');
  });

  it('is out of service when the health office, the signer or the registry is down', () => {
    const cases: ServiceStatus[] = [
      { ...healthy, recordSource: { kind: 'dikoma', state: 'down', code: 'SOURCE_UNREACHABLE' } },
      { ...healthy, signer: { state: 'down', demo: false, code: 'SIGNER_CERT_EXPIRED' } },
      { ...healthy, registry: { state: 'down', code: 'REGISTRY_UNAVAILABLE' } },
    ];
    for (const status of cases) {
      const state = citizenServiceState(status);
      expect(state.level).toBe('out');
      expect(JSON.stringify(state)).not.toMatch(/SOURCE_|SIGNER_|REGISTRY_|dikoma|Beleg|7/u);
    }
    expect(citizenServiceState({ ...healthy, signer: { state: 'degraded', demo: false } }).level).toBe('ok');
  });
});
