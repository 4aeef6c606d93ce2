// Small wrappers that let the metrics watch the use case without changing it (docs/monitoring.md):
// the issuance service's outcomes and the record source's lookups. Each
// wrapper passes results through untouched; only codes, kinds and durations reach the metrics.
import type { IssuanceService } from '../issuance/issuance-service';
import type { RecordSource } from '../records/record-source';
import { fail, ok } from '../result';
import type { KioskMetrics } from './metrics';

export function observeIssuance(inner: IssuanceService, metrics: KioskMetrics): IssuanceService {
  return {
    async issue(request, reissue) {
      const result = await inner.issue(request, reissue);
      metrics.issuance(result.ok ? ok({ reissue: result.value.reissue }) : fail(result.error.code));
      return result;
    },
  };
}

export function observeRecordSource(inner: RecordSource, metrics: KioskMetrics): RecordSource {
  return {
    kind: inner.kind,
    async lookup(query, signal) {
      const started = performance.now();
      try {
        const outcome = await inner.lookup(query, signal);
        metrics.lookup(inner.kind, (performance.now() - started) / 1000, outcome);
        return outcome;
      } catch (e) {
        metrics.lookup(inner.kind, (performance.now() - started) / 1000, fail('SOURCE_UNREACHABLE'));
        throw e;
      }
    },
    health: (signal) => inner.health(signal),
  };
}
