// The guarantees of "exactly once under load" (docs/reliability.md), judged on what a run of
// tests/support/exactly-once.ts found; one place for the default and the stress test file.
import { expect } from 'vitest';
import type { ExactlyOnceRun } from '../support/exactly-once';
import { expectCleanRun } from './run-guarantees';

export function expectExactlyOnce(run: ExactlyOnceRun): void {
  const seed = expectCleanRun(run);
  const { figures } = run;
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
