/**
 * Until when verifiers in the acceptance country accept the certificate, computed from the active
 * business rules at issuance (docs/business-rules.md). Screen and print show it when it differs
 * from `validUntil`, and warn when `warning` is set.
 */
export interface CertificateAcceptance {
  /** The acceptance country (`rules.acceptanceCountry`), ISO 3166-1 alpha-2. */
  readonly country: string;
  /** YYYY-MM-DD (UTC) of the last moment a verifier there accepts the certificate. */
  readonly acceptedUntil: string;
  /** Identifier of the rule that ends acceptance (`RR-DE-0002`); null when the signature's expiry does. */
  readonly acceptedUntilRule: string | null;
  /** `national`: a rule of the acceptance country; `eu`: an EU template rule; `expiry`: the CWT exp. */
  readonly basis: 'national' | 'eu' | 'expiry';
  /** acceptedUntil ≠ validUntil: the screen and the print show the accepted-until date. */
  readonly differsFromValidUntil: boolean;
  /** Whole days left at issuance. */
  readonly daysLeft: number;
  /** Fewer than `rules.minAcceptedDays` days left: the citizen is warned. */
  readonly warning: boolean;
}
