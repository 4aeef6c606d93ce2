// The kiosk's metrics facade (docs/monitoring.md): the series (kiosk-metrics.ts), the observers
// the use case and the record source report to (observe.ts) and the scrape-time probes
// (metric-probes.ts). Created for every kiosk runtime — counting is cheap — but served over HTTP
// only when the configuration has a `metrics` block (metrics-server.ts, start-metrics.ts).
import type { RecordLookup } from '../records/record-source';
import type { IssuanceObservation, KioskIdentity } from './kiosk-metrics';
import { createKioskSeries, recordIssuance, recordLookup } from './kiosk-metrics';
import type { MetricProbes, ProbeOptions } from './metric-probes';
import { createProbeRunner } from './metric-probes';

export interface KioskMetrics {
  issuance(o: IssuanceObservation): void;
  lookup(source: string, seconds: number, outcome: RecordLookup): void;
  auditFailure(): void;
  /** Adds or replaces scrape-time probes (the print service registers its printers later). */
  setProbes(probes: MetricProbes): void;
  /** Counts this process in `kiosk_process_starts_total` (the total kept by start-metrics.ts). */
  countStarts(total: number): void;
  /** The exposition text after bringing every probe up to date. */
  scrape(): Promise<string>;
  readonly contentType: string;
}

export function createKioskMetrics(identity: KioskIdentity, opts: ProbeOptions): KioskMetrics {
  const series = createKioskSeries(identity);
  const probes = createProbeRunner(series, opts);
  const startedAt = opts.now();
  series.startTime.set(Math.floor(startedAt.getTime() / 1000));
  let startsCounted = 0;
  return {
    issuance: (o) => recordIssuance(series, o),
    lookup: (source, seconds, outcome) => recordLookup(series, source, seconds, outcome),
    auditFailure: () => series.auditFailures.inc(),
    setProbes: (p) => probes.set(p),
    countStarts(total) {
      if (total > startsCounted) series.starts.inc(total - startsCounted);
      startsCounted = Math.max(startsCounted, total);
    },
    async scrape() {
      await probes.refresh();
      series.uptime.set(Math.max(0, (opts.now().getTime() - startedAt.getTime()) / 1000));
      return series.registry.metrics();
    },
    contentType: series.registry.contentType,
  };
}
