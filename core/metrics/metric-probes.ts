// Scrape-time probes (docs/monitoring.md): component states are measured when Prometheus asks,
// not when a citizen happens to try, so a printer out of paper at 7:50 shows before the first
// person arrives. Probes that talk to devices or the network (printers, record source) run at
// most once per `minIntervalMs` and each within a timeout, so a hung printer cannot hang the
// scrape and several Prometheus servers scraping do not multiply the traffic to a printer.
import { statfs } from 'node:fs/promises';
import type { ServiceStatus } from '../api/kiosk-api';
import type { RecordFailureCode, RecordSource } from '../records/record-source';
import { fail, type Result } from '../result';
import type { KioskSeries, PrinterState } from './kiosk-metrics';
import { LOCK_SCOPES, PRINTER_STATES, SIGNER_STATES, setOneHot } from './kiosk-metrics';

type PrinterStatus = ServiceStatus['printers'][number];

export interface MetricProbes {
  /** A cheap registry read (e.g. the issued count); the PostgreSQL engine answers asynchronously. */
  readonly registry?: () => Result<unknown> | Promise<Result<unknown>>;
  readonly signer?: () => { readonly state: (typeof SIGNER_STATES)[number]; readonly notAfter?: Date };
  readonly printers?: () => Promise<readonly PrinterStatus[]>;
  readonly sourceHealth?: {
    readonly kind: string;
    readonly probe: RecordSource['health'];
  };
  readonly dataDir?: string;
  /** Locked keys per scope (core/metrics/sqlite-probes.ts; the SQLite engine only). */
  readonly locks?: () => Partial<Record<(typeof LOCK_SCOPES)[number], number>>;
  readonly openReservations?: () => number;
}

export interface ProbeOptions {
  readonly now: () => Date;
  /** Device and network probes are reused for this long (default 10 s; tests use 0). */
  readonly minIntervalMs?: number;
  readonly timeoutMs?: number;
}

/** The clerk screen's printer status → the metric's state words. */
export function printerStateOf(p: PrinterStatus): PrinterState {
  if (p.state === 'ok') return 'ready';
  if (p.state === 'degraded') return 'paper_low';
  if (p.code === 'PRINTER_PAPER_OUT') return 'paper_out';
  if (p.code === 'PRINTER_COVER_OPEN') return 'cover_open';
  return 'offline';
}

const DAY_MS = 86_400_000;

export function createProbeRunner(series: KioskSeries, opts: ProbeOptions) {
  let probes: MetricProbes = {};
  const minInterval = opts.minIntervalMs ?? 10_000;
  const timeoutMs = opts.timeoutMs ?? 4000;
  let lastDeviceProbe = -Infinity;
  let running: Promise<void> | undefined;

  const withTimeout = <T>(work: (signal: AbortSignal) => Promise<T>, fallback: T): Promise<T> => {
    const signal = AbortSignal.timeout(timeoutMs);
    const timedOut = new Promise<T>((resolve) =>
      signal.addEventListener('abort', () => resolve(fallback), { once: true }),
    );
    return Promise.race([work(signal).catch(() => fallback), timedOut]);
  };

  const deviceProbes = async (): Promise<void> => {
    const tasks: Promise<void>[] = [];
    const printers = probes.printers;
    if (printers) {
      tasks.push(
        withTimeout(() => printers(), undefined).then((list) => {
          // No answer within the timeout: the previous readings stay rather than all becoming "offline".
          for (const p of list ?? [])
            setOneHot(series.printerState, PRINTER_STATES, printerStateOf(p), { printer: p.name });
        }),
      );
    }
    const source = probes.sourceHealth;
    if (source) {
      tasks.push(
        withTimeout((signal) => source.probe(signal), fail<RecordFailureCode>('SOURCE_TIMEOUT')).then((h) => {
          series.sourceUp.set({ source: source.kind }, h.ok ? 1 : 0);
        }),
      );
    }
    await Promise.all(tasks);
  };

  const localProbes = async (): Promise<void> => {
    if (probes.registry) {
      const started = performance.now();
      let up: boolean;
      try {
        up = (await probes.registry()).ok;
      } catch {
        up = false;
      }
      series.registrySeconds.set((performance.now() - started) / 1000);
      series.registryUp.set(up ? 1 : 0);
    }
    if (probes.signer) {
      const s = probes.signer();
      setOneHot(series.signerState, SIGNER_STATES, s.state);
      if (s.notAfter) series.dscDaysLeft.set(Math.floor((s.notAfter.getTime() - opts.now().getTime()) / DAY_MS));
    }
    if (probes.dataDir) {
      try {
        const fs = await statfs(probes.dataDir);
        series.diskFree.set(fs.bavail * fs.bsize);
        series.diskSize.set(fs.blocks * fs.bsize);
      } catch {
        series.diskFree.set(0);
      }
    }
    const safe = <T>(f: (() => T) | undefined): T | undefined => {
      try {
        return f?.();
      } catch {
        return undefined;
      }
    };
    const locks = safe(probes.locks);
    if (locks) for (const scope of LOCK_SCOPES) series.locks.set({ scope }, locks[scope] ?? 0);
    const open = safe(probes.openReservations);
    if (open !== undefined) series.auditPending.set(open);
  };

  return {
    set(more: MetricProbes): void {
      probes = { ...probes, ...more };
      lastDeviceProbe = -Infinity;
    },
    /** Brings every probed series up to date; concurrent scrapes share one run. */
    refresh(): Promise<void> {
      running ??= (async () => {
        try {
          const at = Date.now();
          const devices = at - lastDeviceProbe >= minInterval ? deviceProbes() : Promise.resolve();
          if (at - lastDeviceProbe >= minInterval) lastDeviceProbe = at;
          await Promise.all([devices, localProbes()]);
        } finally {
          running = undefined;
        }
      })();
      return running;
    },
  };
}
