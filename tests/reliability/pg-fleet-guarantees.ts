// The guarantees of a fleet on one PostgreSQL registry (docs/fleet.md), judged on what a run of
// tests/support/pg-fleet.ts found; one place for the default and the stress test file.
import { expect } from 'vitest';
import type { FleetRun } from '../support/pg-fleet';
import { expectCleanRun } from './run-guarantees';

export function expectFleetGuarantees(run: FleetRun): void {
  // During a fault a citizen may also hear "not possible right now".
  const seed = expectCleanRun(run, run.figures.fault ? ['REGISTRY_UNAVAILABLE'] : []);
  const { figures } = run;
  expect(run.kiosksSilentAfterFault, `kiosks that did not reconnect (${seed})`).toEqual([]);
  expect(run.idsHandedOutMoreThanOnce, `IDs handed out more than once (${seed})`).toEqual([]);
  if (!figures.fault) expect(run.distinctIdsHandedOut, `IDs handed out (${seed})`).toBe(figures.ids);
  expect(run.sweptNotOwnerGone, `swept for another reason than owner-gone (${seed})`).toEqual([]);
  expect(run.registryRowsNotIssued, `registry rows not issued (${seed})`).toEqual([]);
  expect(run.idHashesIssuedMoreThanOnce, `ID hashes issued more than once (${seed})`).toEqual([]);
  // Nothing committed lost: every certificate handed out is issued in the registry.
  expect(run.handedOutNotInRegistry, `handed out, not in the registry (${seed})`).toEqual([]);
  // The audit table tells the registry's story exactly (same transaction).
  expect(run.issuedWithoutAuditLine, `issued without an audit line (${seed})`).toEqual([]);
  expect(run.auditLinesWithoutIssued, `audit lines without an issued row (${seed})`).toEqual([]);
  expect(run.auditChainProblems, `audit chains (${seed})`).toEqual([]);
  expect(run.certificatesNotVerifying, `certificates that do not verify (${seed})`).toEqual([]);
}
