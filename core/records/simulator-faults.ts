// Fault injection shared by the HTTP simulator and the in-process fixture source (docs/record-sources.md): the
// same config (`mode`, `rate`, `count`) means the same thing in both, so demo mode can show the
// clerk screen's "service unavailable" states whichever way the simulator runs.
export type SimulatorFaultMode = 'none' | 'timeout' | 'http500' | 'malformed' | 'oversized' | 'trickle' | 'refuse401';
export const SIMULATOR_FAULT_MODES: readonly SimulatorFaultMode[] = [
  'none',
  'timeout',
  'http500',
  'malformed',
  'oversized',
  'trickle',
  'refuse401',
];

export interface SimulatorFaults {
  readonly mode: SimulatorFaultMode;
  /** Probability (0..1) that a request gets the fault; default 1. */
  readonly rate?: number;
  /** Only the next `count` requests get the fault (then it behaves normally); default: all. */
  readonly count?: number;
}

export interface FaultDraw {
  /** The fault for the next request ('none' when it should be served normally). */
  next(): SimulatorFaultMode;
  set(faults: SimulatorFaults): void;
}

export function createFaultDraw(
  initial: SimulatorFaults = { mode: 'none' },
  random: () => number = Math.random,
): FaultDraw {
  let faults = initial;
  let budget = initial.count;
  return {
    next() {
      if (faults.mode === 'none' || random() >= (faults.rate ?? 1)) return 'none';
      if (budget !== undefined) {
        if (budget <= 0) return 'none';
        budget--;
      }
      return faults.mode;
    },
    set(f) {
      faults = f;
      budget = f.count;
    },
  };
}
