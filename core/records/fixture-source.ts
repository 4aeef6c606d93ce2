// The simulator without a server (docs/record-sources.md): the same fixture matching and the same fault config
// as the HTTP simulator, answered in process. Used when no simulator URL is given (CLI `issue`,
// unit use). A fault resolves to the code the DiKoMa client would report for it over HTTP, so
// both ways of running the simulator show the same states.
import { demoFixture } from './demo-records';
import { findInFixture, indexFixture, loadFixture, type Fixture } from './fixture';
import type { RecordSourceLog } from './http-client';
import { fail, ok } from '../result';
import { lookupLabel, type RecordFailureCode, type RecordLookup, type RecordSource } from './record-source';
import { createFaultDraw, type SimulatorFaultMode, type SimulatorFaults } from './simulator-faults';

export interface FixtureSourceOptions {
  readonly now: () => Date;
  /** A fixture; else `fixturePath`; else the demo people dated relative to `now()`. */
  readonly fixture?: Fixture;
  readonly fixturePath?: string;
  readonly latencyMs?: number;
  readonly faults?: SimulatorFaults;
  readonly log?: RecordSourceLog;
}

const FAULT_CODE: Readonly<Record<Exclude<SimulatorFaultMode, 'none'>, RecordFailureCode>> = {
  timeout: 'SOURCE_TIMEOUT',
  trickle: 'SOURCE_TIMEOUT',
  http500: 'SOURCE_BAD_RESPONSE',
  malformed: 'SOURCE_BAD_RESPONSE',
  oversized: 'SOURCE_BAD_RESPONSE',
  refuse401: 'SOURCE_REFUSED',
};

export function createFixtureSource(opts: FixtureSourceOptions): RecordSource {
  // A fixture file that cannot be loaded is reported on every call (the clerk status shows it).
  let broken: RecordFailureCode | undefined;
  let fixed: ReturnType<typeof indexFixture> | undefined;
  if (opts.fixture) fixed = indexFixture(opts.fixture);
  else if (opts.fixturePath) {
    const loaded = loadFixture(opts.fixturePath);
    if (loaded.ok) fixed = indexFixture(loaded.value);
    else broken = 'SOURCE_BAD_RESPONSE';
  }
  const current = () => fixed ?? indexFixture(demoFixture(opts.now()));
  const faults = createFaultDraw(opts.faults);

  /** Resolves false when the caller aborted during the simulated latency. */
  const wait = (signal?: AbortSignal) =>
    new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      if (!opts.latencyMs) return resolve(true);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, opts.latencyMs);
      signal?.addEventListener('abort', onAbort, { once: true });
    });

  const answer = (outcome: RecordLookup): RecordLookup => {
    opts.log?.('record-source.lookup', { source: 'simulator', outcome: lookupLabel(outcome) });
    return outcome;
  };

  return {
    kind: 'simulator',
    async lookup(query, signal) {
      if (broken) return answer(fail(broken));
      if (!(await wait(signal))) return answer(fail('SOURCE_TIMEOUT'));
      const fault = faults.next();
      if (fault !== 'none') return answer(fail(FAULT_CODE[fault]));
      const record = findInFixture(current(), query);
      return answer(ok(record ? { kind: 'match', record } : { kind: 'no-match' }));
    },
    async health() {
      return broken ? fail(broken) : ok(null);
    },
  };
}
