// What the issuance use case (issuance-service.ts) is built from, and two small pure helpers it
// uses: the CWT times and the self-verification payload comparison.
//
// CWT times (docs/dcc-notes.md §3, §7): iat = now; exp = min(DSC notAfter, end of the du day 23:59:59 UTC).
// exp ≥ end of du keeps the signature alive as long as the certificate; exp ≤ notAfter is what
// verifiers require of the DSC. If the DSC ends before du, the certificate simply stops
// verifying earlier (the clerk status warns a month ahead). exp ≤ iat means SIGNER_CERT_EXPIRED.
import { isDeepStrictEqual } from 'node:util';
import type { RulesConfig } from '../config/config-schema';
import type { CwtTimes, RecoveryPayload } from '../dcc/types';
import type { IdFormat } from '../id/genesenen-id';
import type { Logger } from '../log/logger';
import type { RecordSource } from '../records/record-source';
import type { AttemptRule } from '../registry/attempt-limits';
import type { AttemptGate, IssuanceRegistry, RecordBestEffort } from '../registry/registry-port';
import type { Result } from '../result';
import type { LoadedRuleSet } from '../rules/rule-set';
import { err, ok } from '../result';
import type { ReadySigner } from './signer-state';
import { endOfDaySeconds } from './validity-rules';

/**
 * The steps at which a crash test may stop the issuing process, in the order the use case reaches
 * them (docs/reliability.md, "exactly once under crashes"). `commit-*` are inside the registry's
 * commit transaction, before and after the audit line is written.
 */
export const CHECKPOINTS = [
  'after-lookup',
  'after-reserve',
  'after-sign',
  'after-verify',
  'commit-before-audit',
  'commit-after-audit',
  'after-commit',
] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];

export interface IssuanceDeps {
  readonly kioskId: string;
  readonly demo: boolean;
  readonly now: () => Date;
  readonly idFormat: IdFormat;
  readonly hashId: (normalizedId: string) => string;
  readonly recordSource: RecordSource;
  /** The longest a citizen waits for the record source (lookup-deadline.ts). */
  readonly lookupDeadlineMs: number;
  readonly registry: IssuanceRegistry;
  /** Atomic attempt limits (core/registry/registry-port.ts). */
  readonly limiter: AttemptGate;
  readonly limits: { readonly perId: AttemptRule; readonly perKiosk: AttemptRule };
  /** Reissues per ID before a second clerk must confirm (clerk.maxReissuesPerId); default 2. */
  readonly maxReissuesPerId?: number;
  /** The signer if it may sign at that moment, else a SIGNER_* error (signer-state.ts). */
  readonly signer: (now: Date) => Result<ReadySigner>;
  readonly rules: RulesConfig & { readonly issuer: string; readonly uvciPrefix: string };
  /** The business rules checked before release (core/rules/rule-set.ts). */
  readonly ruleSet: Pick<LoadedRuleSet, 'rules' | 'valueSets'>;
  /** Refusals and releases: audited best effort, a full audit disk does not fail the request. */
  readonly recordBestEffort: RecordBestEffort;
  readonly log: Logger;
  /**
   * Called synchronously at each checkpoint; the default does nothing. The kill tests inject one
   * that stops the process there (tests/support/crash-checkpoint.ts). Must not throw.
   */
  readonly checkpoint?: (point: Checkpoint) => void;
}

export function cwtTimesFor(
  now: Date,
  validUntil: string,
  dscNotAfter: Date,
  issuingCountry: string,
): Result<CwtTimes> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = Math.min(Math.floor(dscNotAfter.getTime() / 1000), endOfDaySeconds(validUntil));
  if (expiresAt <= issuedAt) return err('SIGNER_CERT_EXPIRED', { notAfter: dscNotAfter.toISOString() });
  return ok({ issuedAt, expiresAt, issuingCountry });
}

/** The verifier decoded exactly the payload we built (no field lost or altered on the way). */
export const payloadMatches = (decoded: unknown, built: RecoveryPayload): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(decoded ?? null)), JSON.parse(JSON.stringify(built)));
