// A deadline signal that cannot be lost. Why not `AbortSignal.any([AbortSignal.timeout(ms)])`:
// on Node 20 the timeout signal inside `any()` is only weakly held and can be garbage-collected
// before it fires, and then a hung health-office server leaves the citizen waiting forever.
// Here the timer itself holds the controller, so the abort always happens.

export interface Deadline {
  readonly signal: AbortSignal;
  /** Stop the timer and detach from the parent once the work is done. */
  dispose(): void;
}

export function createDeadline(ms: number, ...parents: readonly (AbortSignal | undefined)[]): Deadline {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, ms);
  const linked = parents.filter((p): p is AbortSignal => p !== undefined);
  for (const parent of linked) {
    if (parent.aborted) controller.abort();
    else parent.addEventListener('abort', abort, { once: true });
  }
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      for (const parent of linked) parent.removeEventListener('abort', abort);
    },
  };
}
