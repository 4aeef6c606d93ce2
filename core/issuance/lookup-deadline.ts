// An upper bound on the citizen's wait for the health office, enforced by the use case
// itself, independent of the adapter's own timeouts: the lookup gets an abort signal from a
// strongly held AbortController + timer, and if the adapter still has not answered shortly after,
// the use case answers SOURCE_TIMEOUT anyway. Why both: on Node 20 an `AbortSignal.timeout()`
// combined with `AbortSignal.any()` can be garbage-collected before it fires (then an adapter
// relying on it would wait forever under memory pressure); a plain setTimeout cannot be.
import type { RecordLookup, RecordQuery, RecordSource } from '../records/record-source';
import { fail } from '../result';

/** Extra time after aborting for the adapter to report the timeout itself. */
const GRACE_MS = 500;

export async function lookupWithDeadline(
  source: RecordSource,
  query: RecordQuery,
  deadlineMs: number,
): Promise<RecordLookup> {
  const controller = new AbortController();
  let hardStop: NodeJS.Timeout | undefined;
  const abortTimer = setTimeout(() => {
    controller.abort();
    hardStop = setTimeout(() => resolveTimeout(fail('SOURCE_TIMEOUT')), GRACE_MS);
  }, deadlineMs);
  let resolveTimeout: (l: RecordLookup) => void = () => undefined;
  const timedOut = new Promise<RecordLookup>((resolve) => (resolveTimeout = resolve));
  try {
    return await Promise.race([source.lookup(query, controller.signal), timedOut]);
  } finally {
    clearTimeout(abortTimer);
    clearTimeout(hardStop);
  }
}
