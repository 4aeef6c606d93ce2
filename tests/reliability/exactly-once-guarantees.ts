// The guarantees of "exactly once under load" (docs/reliability.md), judged on what a run of
// tests/support/exactly-once.ts found; one place for the default and the stress test file.
import { expect } from 'vitest';
import type { ExactlyOnceRun } from '../support/exactly-once';

// The only refusals a racing citizen may see: someone else got it, or is getting it right now.
const RACING_OUTCOMES = ['issued', 'ALREADY_ISSUED', 'ISSUANCE_IN_PROGRESS'];

export function expectExactlyOnce(run: ExactlyOnceRun): void {
  const { figures } = run;
  const seed = `seed ${figures.seed}`;
  for (const e of run.workerExits) {
    expect({ code: e.code, signal: e.signal }, `${e.kioskId} (${seed}): ${e.stderr}`).toEqual({
      code: 0,
      signal: null,
    });
  }
  expect(figures.answers, `one answer per request (${seed})`).toBe(figures.processes * figures.ids);
  expect(
    Object.keys(figures.outcomes).filter((o) => !RACING_OUTCOMES.includes(o)),
    `refusals other than a race (${seed})`,
  ).toEqual([]);
  expect(run.idsIssuedMoreThanOnce, `IDs issued more than once (${seed})`).toEqual([]);
  expect(run.idsNeverIssued, `IDs never issued (${seed})`).toEqual([]);
  expect(run.registryIntegrity, `registry integrity_check (${seed})`).toBe('ok');
  // No lost and no extra records: the registry holds exactly the certificates handed out.
  expect(run.handedOutNotInRegistry, `handed out, not in the registry (${seed})`).toEqual([]);
  expect(run.registryRowsNotHandedOut, `in the registry, not handed out (${seed})`).toEqual([]);
  expect(run.certificatesNotVerifying, `certificates that do not verify (${seed})`).toEqual([]);
  expect(run.auditChainBreak, `audit chain (${seed})`).toBeUndefined();
  expect(run.auditMismatches, `audit log vs registry (${seed})`).toEqual([]);
  expect(run.auditIssuedLines, `certificate.issued audit lines (${seed})`).toBe(figures.ids);
}
