// Scrape-time probes (core/metrics/metric-probes.ts): a hung printer or record source cannot hang
// the scrape (each probe has a timeout, the last reading stays), device probes are not repeated
// more often than the interval, and a probe that throws marks its component down.
import { describe, expect, it } from 'vitest';
import { createKioskMetrics } from '../../core/metrics/metrics';
import { err, ok } from '../../core/result';
import { sampleValue } from './scrape-parse';

const identity = { kioskId: 'kiosk-probe', version: '0.0.0', demo: true };
const never = () => new Promise<never>(() => undefined);

describe('metric probes', () => {
  it('a hung printer and a hung source do not hang the scrape; the last printer reading stays', async () => {
    const metrics = createKioskMetrics(identity, { now: () => new Date(), minIntervalMs: 0, timeoutMs: 200 });
    let hang = false;
    metrics.setProbes({
      printers: () => (hang ? never() : Promise.resolve([{ name: 'Bon', format: 'receipt', state: 'degraded' }])),
      sourceHealth: {
        kind: 'dikoma',
        probe: () => (hang ? never() : Promise.resolve({ ok: true, value: null } as const)),
      },
    });
    const first = await metrics.scrape();
    expect(sampleValue(first, 'kiosk_printer_state', { printer: 'Bon', state: 'paper_low' })).toBe(1);
    expect(sampleValue(first, 'kiosk_record_source_up', { source: 'dikoma' })).toBe(1);
    hang = true;
    const started = Date.now();
    const second = await metrics.scrape();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(sampleValue(second, 'kiosk_printer_state', { printer: 'Bon', state: 'paper_low' })).toBe(1);
    expect(sampleValue(second, 'kiosk_record_source_up', { source: 'dikoma' })).toBe(0);
  });

  it('probes devices at most once per interval, however often Prometheus scrapes', async () => {
    const metrics = createKioskMetrics(identity, { now: () => new Date(), minIntervalMs: 60_000 });
    let asked = 0;
    metrics.setProbes({ printers: async () => (asked++, [{ name: 'Bon', format: 'receipt', state: 'ok' }]) });
    await Promise.all([metrics.scrape(), metrics.scrape()]);
    await metrics.scrape();
    expect(asked).toBe(1);
  });

  it('maps printer codes to states, and a throwing registry probe to down', async () => {
    const metrics = createKioskMetrics(identity, { now: () => new Date(), minIntervalMs: 0 });
    const codes = ['PRINTER_PAPER_OUT', 'PRINTER_COVER_OPEN', 'PRINTER_OFFLINE', 'PRINTER_TIMEOUT'];
    metrics.setProbes({
      printers: async () =>
        codes.map((code, i) => ({ name: `P${i}`, format: 'receipt' as const, state: 'down' as const, code })),
      registry: () => {
        throw new Error('SQLITE_IOERR');
      },
    });
    const text = await metrics.scrape();
    const expected = ['paper_out', 'cover_open', 'offline', 'offline'];
    expected.forEach((state, i) =>
      expect(sampleValue(text, 'kiosk_printer_state', { printer: `P${i}`, state })).toBe(1),
    );
    expect(sampleValue(text, 'kiosk_registry_up')).toBe(0);
    metrics.setProbes({ registry: () => err('REGISTRY_UNAVAILABLE') });
    expect(sampleValue(await metrics.scrape(), 'kiosk_registry_up')).toBe(0);
    metrics.setProbes({ registry: () => ok(3) });
    expect(sampleValue(await metrics.scrape(), 'kiosk_registry_up')).toBe(1);
  });
});
