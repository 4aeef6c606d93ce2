// Shared types of the certificate engine (docs/dcc-notes.md §1, §3, §4). The engine's modules implement
// them; the issuance use case, printing and the CLI only depend on these shapes and on the
// functions listed in core/dcc/README.md.

/** Recovery DCC payload, schema 1.3.0 (docs/dcc-notes.md §1). */
export interface RecoveryEntry {
  readonly tg: '840539006';
  readonly fr: string;
  readonly co: string;
  readonly is: string;
  readonly df: string;
  readonly du: string;
  readonly ci: string;
}

/** The `nam` object: names as written and their ICAO 9303 transliterations. */
export interface DccName {
  readonly fn?: string;
  readonly fnt: string;
  readonly gn?: string;
  readonly gnt?: string;
}

/** A DCC payload with one recovery entry (schema 1.3.0). */
export interface RecoveryPayload {
  readonly ver: string;
  readonly nam: DccName;
  readonly dob: string;
  readonly r: readonly [RecoveryEntry];
}

/** What the issuance use case knows when it asks for a certificate. */
export interface RecoveryInput {
  readonly familyName: string;
  /** Empty string when the person has no given name. */
  readonly givenName: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  readonly dateOfBirth: string;
  /** YYYY-MM-DD, sample date of the first positive PCR. */
  readonly firstPositiveTest: string;
  readonly validFrom: string;
  readonly validUntil: string;
  /** Country of the test, ISO 3166-1 alpha-2 (`co`). */
  readonly country: string;
  /** Issuing organisation (`is`). */
  readonly issuer: string;
  /** Full UVCI including check character. */
  readonly uvci: string;
}

/**
 * Signs COSE Sig_structure bytes. ES256 returns raw r‖s (64 bytes), never DER (docs/dcc-notes.md §4).
 * A PKCS#11 or remote signer implements the same interface.
 */
export interface Signer {
  readonly algorithm: 'ES256' | 'PS256';
  /** First 8 bytes of SHA-256 over the DSC's DER (docs/dcc-notes.md §4). */
  readonly kid: Uint8Array;
  /** The Document Signer Certificate, DER. */
  readonly dscDer: Uint8Array;
  sign(sigStructure: Uint8Array): Promise<Uint8Array>;
}

/** The CWT times and issuing country of one certificate, in whole seconds since the epoch. */
export interface CwtTimes {
  /** `iat`, seconds since epoch (integer). */
  readonly issuedAt: number;
  /** `exp`, seconds since epoch (integer). */
  readonly expiresAt: number;
  /** `iss`, ISO 3166-1 alpha-2. */
  readonly issuingCountry: string;
}

/** A signed certificate: its HC1 string and what went into it. */
export interface EncodedCertificate {
  readonly hc1: string;
  readonly payload: RecoveryPayload;
  /** base64 of the 8-byte kid. */
  readonly kid: string;
  readonly dscDer: Uint8Array;
  readonly cose: Uint8Array;
}

/** The individual checks a verifier reports (names follow testdata EXPECTEDRESULTS). */
export interface VerificationChecks {
  readonly prefix: boolean;
  readonly base45: boolean;
  readonly compression: boolean;
  readonly cbor: boolean;
  readonly signature: boolean;
  readonly expiration: boolean;
  readonly dscValidity: boolean;
  readonly keyUsage: boolean;
  readonly schema: boolean;
}
