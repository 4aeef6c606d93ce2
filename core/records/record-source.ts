// The health office's system as the issuance use case sees it: given a normalised Genesenen-ID,
// a last name and a date of birth, is this a recorded recovery? Adapters: DiKoMa (HTTP, our
// OpenAPI contract in docs/), SORMAS (REST), and the simulator (DiKoMa contract, demo mode).
// A mismatch never says which field was wrong; failures are typed so the UI can tell
// "not found" from "service unavailable".
import type { Result } from '../result';

export interface RecordQuery {
  /** Normalised Genesenen-ID (no separators, upper case, check character verified). */
  readonly genesenenId: string;
  readonly familyName: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY, exactly as entered (after format validation). */
  readonly dateOfBirth: string;
}

export interface RecoveryRecord {
  readonly givenName: string;
  /** Family name as recorded by the health office (goes onto the certificate). */
  readonly familyName: string;
  readonly dateOfBirth: string;
  /** YYYY-MM-DD: sample date of the first positive PCR test. */
  readonly firstPositiveTest: string;
}

export type RecordFailureCode = 'SOURCE_UNREACHABLE' | 'SOURCE_TIMEOUT' | 'SOURCE_BAD_RESPONSE' | 'SOURCE_REFUSED';

/** An answer from the health office: a recorded recovery, or none for these details (no failure). */
export type RecordMatch = { readonly kind: 'match'; readonly record: RecoveryRecord } | { readonly kind: 'no-match' };

export type RecordLookup = Result<RecordMatch, RecordFailureCode>;

/** How a lookup ended, for the log and the metrics: `match`, `no-match` or the failure code. */
export const lookupLabel = (outcome: RecordLookup): string => (outcome.ok ? outcome.value.kind : outcome.error);

export interface RecordSource {
  /** Short name for the clerk screen and logs: 'dikoma' | 'sormas' | 'simulator'. */
  readonly kind: string;
  lookup(query: RecordQuery, signal?: AbortSignal): Promise<RecordLookup>;
  /** Cheap reachability probe for the clerk status screen. */
  health(signal?: AbortSignal): Promise<Result<null, RecordFailureCode>>;
  /**
   * Opens a connection to the health office ahead of a lookup (at start, and when a citizen
   * begins after the kiosk was idle), unless one is open already. Fire and forget; never throws.
   */
  warm?(): void;
  /** Closes kept connections (kiosk shutdown). */
  close?(): void;
}
