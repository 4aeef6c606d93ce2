// Every error code the kiosk can produce, in one place, so that the renderer's translations and
// the tests can enumerate them (a test fails when a code has no message in some language).
// Codes never carry personal data; which input field failed a *match* is never revealed.

export const ERROR_CODES = [
  // input the citizen typed (format only; never "which field did not match")
  'INVALID_INPUT',
  'ID_FORMAT',
  'ID_CHECK_CHARACTER',
  'NAME_INVALID',
  'NAME_NOT_TRANSLITERABLE',
  'DOB_INVALID',
  // outcome of the lookup and the rules
  'NOT_FOUND',
  'ALREADY_ISSUED',
  'ISSUANCE_IN_PROGRESS',
  'TOO_EARLY',
  'TOO_LATE',
  'TOO_MANY_ATTEMPTS',
  // the official business rules (docs/business-rules.md): a verifier would reject the certificate
  // at the moment of issuance, so it is not released (details.rule names the rule)
  'RULES_REJECTED',
  // fewer than rules.minAcceptedDays of acceptance would remain: nothing is issued until the citizen
  // says "issue anyway" (docs/business-rules.md; details.acceptedUntil, details.daysLeft)
  'SHORT_ACCEPTANCE',
  // the health office's system
  'SOURCE_UNREACHABLE',
  'SOURCE_TIMEOUT',
  'SOURCE_BAD_RESPONSE',
  'SOURCE_REFUSED',
  // signing, registry, configuration
  'SIGNER_UNAVAILABLE',
  'SIGNER_CERT_EXPIRED',
  'SIGNER_CERT_NOT_YET_VALID',
  'SIGNER_CERT_WRONG_USAGE',
  // the signing key's own store: file permissions, secret files, PKCS#11 token (docs/configuration.md)
  'SIGNER_KEY_FILE_UNSAFE',
  'SIGNER_SECRET_FILE_UNSAFE',
  'SIGNER_PIN_WRONG',
  'SIGNER_TOKEN_MISSING',
  'SIGNER_KEY_NOT_FOUND',
  // the issuer's remote hash-signing service (docs/remote-signing.md); each failure its own code
  'SIGNER_REMOTE_UNREACHABLE',
  'SIGNER_REMOTE_TIMEOUT',
  'SIGNER_REMOTE_CONNECTION_LOST',
  'SIGNER_REMOTE_AUTH_FAILED',
  'SIGNER_REMOTE_REFUSED',
  'SIGNER_REMOTE_SERVER_ERROR',
  'SIGNER_REMOTE_BAD_RESPONSE',
  'SIGNER_REMOTE_HEADER_MISMATCH',
  'SIGNER_REMOTE_SIGNATURE_FORMAT',
  'SIGNER_REMOTE_SIGNATURE_INVALID',
  'REGISTRY_UNAVAILABLE',
  'REGISTRY_READ_ONLY',
  'DISK_FULL',
  'CONFIG_INVALID',
  'SCHEMA_INVALID',
  'SELF_VERIFY_FAILED',
  // audit log space (docs/audit.md): shown on the clerk status before the disk fills
  'AUDIT_SPACE_LOW',
  'AUDIT_CAP_REACHED',
  // printing
  'PRINTER_NOT_CONFIGURED',
  'PRINTER_NOT_FOUND',
  'PRINTER_OFFLINE',
  'PRINTER_PAPER_OUT',
  'PRINTER_COVER_OPEN',
  'PRINTER_TIMEOUT',
  'PRINT_FAILED',
  // print spool privacy (docs/printing-privacy.md): CUPS keeps finished jobs on disk
  'PRINT_SPOOL_KEEPS_JOBS',
  // session and clerk mode
  'SESSION_EXPIRED',
  'CERTIFICATE_NOT_HELD',
  'CLERK_PIN_WRONG',
  'CLERK_LOCKED_OUT',
  'CLERK_NOT_AUTHORISED',
  'REISSUE_NOT_NEEDED',
  // past clerk.maxReissuesPerId reissues of one ID: a second clerk must confirm (details.max)
  'REISSUE_NEEDS_SECOND_CLERK',
  'REASON_REQUIRED',
  // clerk reason text that looks like personal data (a name or a date)
  'REASON_LOOKS_PERSONAL',
  // transport
  'FORBIDDEN_SENDER',
  'UNKNOWN_CHANNEL',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
