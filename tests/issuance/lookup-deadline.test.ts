// The use case bounds the wait for the record source itself: an adapter that never answers (or
// whose own timer was lost) still ends in SOURCE_TIMEOUT, and the adapter is told to stop.
import { describe, expect, it } from 'vitest';
import { lookupWithDeadline } from '../../core/issuance/lookup-deadline';
import type { RecordSource } from '../../core/records/record-source';

const query = { genesenenId: 'X', familyName: 'Y', dateOfBirth: '1970' };

describe('lookupWithDeadline', () => {
  it('a source that never answers and ignores the signal: SOURCE_TIMEOUT', async () => {
    const hanging: RecordSource = {
      kind: 'hang',
      lookup: () => new Promise(() => undefined),
      health: async () => ({ ok: true, value: null }),
    };
    expect(await lookupWithDeadline(hanging, query, 20)).toEqual({ ok: false, error: 'SOURCE_TIMEOUT' });
  });

  it('a source that honours the abort signal reports its own outcome', async () => {
    let sawAbort = false;
    const polite: RecordSource = {
      kind: 'polite',
      lookup: (_q, signal) =>
        new Promise((resolve) =>
          signal?.addEventListener('abort', () => {
            sawAbort = true;
            resolve({ ok: false, error: 'SOURCE_TIMEOUT' });
          }),
        ),
      health: async () => ({ ok: true, value: null }),
    };
    expect(await lookupWithDeadline(polite, query, 20)).toEqual({ ok: false, error: 'SOURCE_TIMEOUT' });
    expect(sawAbort).toBe(true);
  });

  it('an answer before the deadline is passed through', async () => {
    const quick: RecordSource = {
      kind: 'quick',
      lookup: async () => ({ ok: true, value: { kind: 'no-match' } }),
      health: async () => ({ ok: true, value: null }),
    };
    expect(await lookupWithDeadline(quick, query, 10_000)).toEqual({ ok: true, value: { kind: 'no-match' } });
  });
});
