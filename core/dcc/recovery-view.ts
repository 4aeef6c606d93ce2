// The one place where the recovery payload's wire names (`nam.fn`, `r[0].df`, …; docs/dcc-notes.md §1)
// become the kiosk's domain names. The API, print and the CLI read a certificate through this view, so
// only core/dcc spells the schema's two-letter keys.
import type { RecoveryPayload } from './types';

/** A recovery certificate's content under domain names; every value is the payload's, unchanged. */
export interface RecoveryView {
  /** `nam.fn`: the family name as written (NFC). The schema allows a certificate without it. */
  readonly familyName?: string;
  /** `nam.fnt`: the family name in ICAO 9303 form (docs/dcc-notes.md §2). */
  readonly familyNameTransliterated: string;
  /** `nam.gn`: absent when the person has no given name. */
  readonly givenName?: string;
  /** `nam.gnt`: absent when the person has no given name. */
  readonly givenNameTransliterated?: string;
  /** `dob`: YYYY-MM-DD, YYYY-MM or YYYY. */
  readonly dateOfBirth: string;
  /** `r[0].tg`: the disease's SNOMED code (840539006 is COVID-19). */
  readonly disease: string;
  /** `r[0].fr`: YYYY-MM-DD, sample date of the first positive test. */
  readonly firstPositiveTest: string;
  /** `r[0].co`: country of the test, ISO 3166-1 alpha-2. */
  readonly country: string;
  /** `r[0].is`: the issuing organisation. */
  readonly issuer: string;
  /** `r[0].df`: YYYY-MM-DD, first day the certificate is valid. */
  readonly validFrom: string;
  /** `r[0].du`: YYYY-MM-DD, last day the certificate is valid. */
  readonly validUntil: string;
  /** `r[0].ci`: the unique certificate identifier (UVCI) with its check character. */
  readonly uvci: string;
}

/**
 * Reads a schema-valid recovery payload under domain names.
 *
 * @param payload - a payload from `buildRecoveryPayload` or `validateRecoveryPayload`
 * @returns the same values, named `familyName`, `firstPositiveTest`, `validFrom`, `validUntil`, …;
 *   optional names stay undefined (no fallback is chosen here: the caller decides what to show)
 */
export function recoveryView(payload: RecoveryPayload): RecoveryView {
  const { fn, fnt, gn, gnt } = payload.nam;
  const r = payload.r[0];
  return {
    familyName: fn,
    familyNameTransliterated: fnt,
    givenName: gn,
    givenNameTransliterated: gnt,
    dateOfBirth: payload.dob,
    disease: r.tg,
    firstPositiveTest: r.fr,
    country: r.co,
    issuer: r.is,
    validFrom: r.df,
    validUntil: r.du,
    uvci: r.ci,
  };
}
