// Every length the kiosk accepts from a person, in one place: the API contract bounds requests with
// these, core validates against them, the audit log keeps reasons of this length and the screens stop
// typing at them. Pure constants with no imports, so the renderer may import this one core module as
// values (eslint.config.js allows exactly this file; docs/architecture.md, "Boundaries the tools enforce").

/**
 * Characters of a family name after NFC and whitespace clean-up: the DCC schema's `nam.fn` maxLength
 * (docs/dcc-notes.md §1). The name screen stops at it and core answers NAME_INVALID above it.
 */
export const FAMILY_NAME_MAX_LENGTH = 80;

/**
 * What the API contract lets through for a typed family name (UTF-16 units, before NFC and trimming).
 * Larger than FAMILY_NAME_MAX_LENGTH on purpose: a name a little too long reaches core and gets the
 * friendly NAME_INVALID, not a bare INVALID_INPUT from the transport; the bound only stops floods.
 */
export const FAMILY_NAME_INPUT_MAX_LENGTH = 200;

/**
 * Characters of a reissue reason: the audit log keeps exactly this many, the contract refuses more and
 * the reason screen stops at it, so what the clerk typed is what is recorded (docs/audit.md).
 */
export const REASON_MAX_LENGTH = 200;

/** A typed Genesenen-ID before normalisation (the configured format is shorter; docs/configuration.md). */
export const GENESENEN_ID_INPUT_MAX_LENGTH = 64;

/** YYYY-MM-DD, the longest date-of-birth form. */
export const DATE_OF_BIRTH_MAX_LENGTH = 10;

/** A UI language code (`de`, `de-ls`, …). */
export const LANGUAGE_CODE_MAX_LENGTH = 16;

/** A clerk account id, and separately its PIN (docs/configuration.md, "Clerk accounts"). */
export const CLERK_ID_MAX_LENGTH = 32;
export const CLERK_PIN_MAX_LENGTH = 32;

/** A clerk session token as core/clerk issues it, with room to spare. */
export const CLERK_TOKEN_MAX_LENGTH = 128;

/** A held certificate's handle as core/api issues it, with room to spare. */
export const CERTIFICATE_ID_MAX_LENGTH = 64;
