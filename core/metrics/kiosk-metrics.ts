// The kiosk's Prometheus series (docs/monitoring.md lists each with its meaning). One registry per
// kiosk process, fed by the use case's outcomes (observe.ts) and, at each scrape, by probes of
// the components (metric-probes.ts). Privacy rule: no label or value may identify a person — labels
// carry only error codes from core/errors.ts, the configured kiosk/office/printer names, states and
// the record source's kind. Never an ID, ID hash, UVCI, name or date. tests/metrics checks the
// scrape byte by byte.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ErrorCode } from '../errors';
import type { RecordLookup } from '../records/record-source';
import type { Result } from '../result';

export interface KioskIdentity {
  readonly kioskId: string;
  readonly office?: string;
  readonly version: string;
  readonly demo: boolean;
}

export const PRINTER_STATES = ['ready', 'paper_low', 'paper_out', 'cover_open', 'offline'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];
export const SIGNER_STATES = ['ok', 'degraded', 'down'] as const;
export const LOCK_SCOPES = ['id', 'kiosk', 'clerk'] as const;

/** Lookup durations: a person waits; the deadline is ~9.5 s (core/issuance/lookup-deadline.ts). */
const LOOKUP_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 10];

export function createKioskSeries(identity: KioskIdentity) {
  const registry = new Registry();
  const registers = [registry];
  const gauge = (name: string, help: string, labelNames: string[] = []) =>
    new Gauge({ name, help, labelNames, registers });
  const counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers });

  const series = {
    registry,
    buildInfo: gauge('kiosk_build_info', 'Always 1; the labels name the build and this kiosk.', [
      'version',
      'kiosk_id',
      'office',
      'demo',
    ]),
    issued: counter('kiosk_certificates_issued_total', 'Certificates issued (first issuance per Genesenen-ID).'),
    reissued: counter('kiosk_certificates_reissued_total', 'Certificates reissued by a clerk.'),
    refusals: counter(
      'kiosk_issuance_refusals_total',
      'Issuance requests that ended without a certificate, by error code.',
      ['code'],
    ),
    locks: gauge(
      'kiosk_attempt_limit_locks',
      'Keys currently locked by an attempt limit (ID hashes, this kiosk, clerk PIN).',
      ['scope'],
    ),
    lookupSeconds: new Histogram({
      name: 'kiosk_record_source_lookup_duration_seconds',
      help: 'Duration of record-source lookups, by outcome (match, no_match, failure).',
      labelNames: ['source', 'outcome'],
      buckets: LOOKUP_BUCKETS,
      registers,
    }),
    lookupFailures: counter('kiosk_record_source_failures_total', 'Record-source lookups that failed, by error code.', [
      'source',
      'code',
    ]),
    sourceUp: gauge(
      'kiosk_record_source_up',
      '1 when the record source answered its health probe at the last scrape.',
      ['source'],
    ),
    registryUp: gauge('kiosk_registry_up', '1 when the registry answered a read at the last scrape.'),
    registrySeconds: gauge(
      'kiosk_registry_probe_duration_seconds',
      'Duration of the registry read at the last scrape.',
    ),
    signerState: gauge(
      'kiosk_signer_state',
      'Signer state (ok, degraded = DSC ends within 30 days, down); 1 for the current one.',
      ['state'],
    ),
    dscDaysLeft: gauge(
      'kiosk_signer_dsc_days_left',
      'Days until the Document Signer Certificate ends (negative when ended).',
    ),
    printerState: gauge('kiosk_printer_state', 'Printer state from its status probe; 1 for the current one.', [
      'printer',
      'state',
    ]),
    diskFree: gauge(
      'kiosk_data_dir_free_bytes',
      'Free bytes (for the kiosk user) on the file system of the data directory.',
    ),
    diskSize: gauge('kiosk_data_dir_size_bytes', 'Size in bytes of the file system of the data directory.'),
    auditFailures: counter(
      'kiosk_audit_append_failures_total',
      'Audit lines that could not be written (disk full, I/O error).',
    ),
    auditPending: gauge(
      'kiosk_audit_backlog',
      'Open reservations: issuances between reserve and commit/release whose audit line is still to come.',
    ),
    startTime: gauge('kiosk_process_start_time_seconds', 'Start of this kiosk process, Unix time in seconds.'),
    uptime: gauge('kiosk_process_uptime_seconds', 'Seconds since this kiosk process started.'),
    starts: counter(
      'kiosk_process_starts_total',
      'Kiosk processes started on this data directory (a restart adds one).',
    ),
  };
  series.buildInfo.set(
    {
      version: identity.version,
      kiosk_id: identity.kioskId,
      office: identity.office ?? '',
      demo: String(identity.demo),
    },
    1,
  );
  // Known-zero series exist from the start, so rate() and absent() behave before the first event.
  series.issued.inc(0);
  series.reissued.inc(0);
  series.auditFailures.inc(0);
  return series;
}

export type KioskSeries = ReturnType<typeof createKioskSeries>;

/** What the use case reports after each issue() call: a reissue or not, or the refusal's code. */
export type IssuanceObservation = Result<{ readonly reissue: boolean }, ErrorCode>;

export function recordIssuance(s: KioskSeries, o: IssuanceObservation): void {
  if (o.ok) (o.value.reissue ? s.reissued : s.issued).inc();
  else s.refusals.inc({ code: o.error });
}

export function recordLookup(s: KioskSeries, source: string, seconds: number, outcome: RecordLookup): void {
  const kind = !outcome.ok ? 'failure' : outcome.value.kind === 'no-match' ? 'no_match' : outcome.value.kind;
  s.lookupSeconds.observe({ source, outcome: kind }, seconds);
  if (!outcome.ok) s.lookupFailures.inc({ source, code: outcome.error });
}

/** One-hot: the current state 1, the others 0 (so a state change never leaves a stale 1). */
export function setOneHot<T extends string>(
  g: Gauge,
  states: readonly T[],
  current: T | undefined,
  labels: Record<string, string> = {},
): void {
  for (const state of states) g.set({ ...labels, state }, state === current ? 1 : 0);
}
