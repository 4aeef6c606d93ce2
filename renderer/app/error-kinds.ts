// How the UI presents each ErrorCode (every refusal has its own screen). A code maps
// to a kind; the kind decides the screen, its heading and what the person can do next. Input
// format errors send the person back to the field concerned (format only: a failed *match* is
// always NOT_FOUND and never says which field). tests/renderer checks every code is mapped.
import type { ErrorCode } from '../../core/errors';

export type ErrorKind =
  | 'checkInput'
  | 'notFound'
  | 'alreadyIssued'
  | 'inProgress'
  | 'tooEarly'
  | 'tooLate'
  | 'tooManyAttempts'
  | 'shortAcceptance'
  | 'serviceUnavailable'
  | 'askStaff'
  | 'print'
  | 'session'
  | 'clerk';

export const ERROR_KIND: Readonly<Record<ErrorCode, ErrorKind>> = {
  INVALID_INPUT: 'checkInput',
  ID_FORMAT: 'checkInput',
  ID_CHECK_CHARACTER: 'checkInput',
  NAME_INVALID: 'checkInput',
  NAME_NOT_TRANSLITERABLE: 'checkInput',
  DOB_INVALID: 'checkInput',
  NOT_FOUND: 'notFound',
  ALREADY_ISSUED: 'alreadyIssued',
  ISSUANCE_IN_PROGRESS: 'inProgress',
  TOO_EARLY: 'tooEarly',
  TOO_LATE: 'tooLate',
  TOO_MANY_ATTEMPTS: 'tooManyAttempts',
  RULES_REJECTED: 'tooLate',
  SHORT_ACCEPTANCE: 'shortAcceptance',
  SOURCE_UNREACHABLE: 'serviceUnavailable',
  SOURCE_TIMEOUT: 'serviceUnavailable',
  SOURCE_BAD_RESPONSE: 'serviceUnavailable',
  SOURCE_REFUSED: 'serviceUnavailable',
  SIGNER_UNAVAILABLE: 'askStaff',
  SIGNER_CERT_EXPIRED: 'askStaff',
  SIGNER_CERT_NOT_YET_VALID: 'askStaff',
  SIGNER_CERT_WRONG_USAGE: 'askStaff',
  SIGNER_KEY_FILE_UNSAFE: 'askStaff',
  SIGNER_SECRET_FILE_UNSAFE: 'askStaff',
  SIGNER_PIN_WRONG: 'askStaff',
  SIGNER_TOKEN_MISSING: 'askStaff',
  SIGNER_KEY_NOT_FOUND: 'askStaff',
  SIGNER_REMOTE_UNREACHABLE: 'askStaff',
  SIGNER_REMOTE_TIMEOUT: 'askStaff',
  SIGNER_REMOTE_CONNECTION_LOST: 'askStaff',
  SIGNER_REMOTE_AUTH_FAILED: 'askStaff',
  SIGNER_REMOTE_REFUSED: 'askStaff',
  SIGNER_REMOTE_SERVER_ERROR: 'askStaff',
  SIGNER_REMOTE_BAD_RESPONSE: 'askStaff',
  SIGNER_REMOTE_HEADER_MISMATCH: 'askStaff',
  SIGNER_REMOTE_SIGNATURE_FORMAT: 'askStaff',
  SIGNER_REMOTE_SIGNATURE_INVALID: 'askStaff',
  REGISTRY_UNAVAILABLE: 'askStaff',
  REGISTRY_READ_ONLY: 'askStaff',
  DISK_FULL: 'askStaff',
  CONFIG_INVALID: 'askStaff',
  SCHEMA_INVALID: 'askStaff',
  SELF_VERIFY_FAILED: 'askStaff',
  AUDIT_SPACE_LOW: 'askStaff',
  AUDIT_CAP_REACHED: 'askStaff',
  PRINTER_NOT_CONFIGURED: 'print',
  PRINTER_NOT_FOUND: 'print',
  PRINTER_OFFLINE: 'print',
  PRINTER_PAPER_OUT: 'print',
  PRINTER_COVER_OPEN: 'print',
  PRINTER_TIMEOUT: 'print',
  PRINT_FAILED: 'print',
  PRINT_SPOOL_KEEPS_JOBS: 'print',
  SESSION_EXPIRED: 'session',
  CERTIFICATE_NOT_HELD: 'session',
  CLERK_PIN_WRONG: 'clerk',
  CLERK_LOCKED_OUT: 'clerk',
  CLERK_NOT_AUTHORISED: 'clerk',
  REISSUE_NOT_NEEDED: 'clerk',
  REISSUE_NEEDS_SECOND_CLERK: 'clerk',
  REASON_REQUIRED: 'clerk',
  REASON_LOOKS_PERSONAL: 'clerk',
  FORBIDDEN_SENDER: 'askStaff',
  UNKNOWN_CHANNEL: 'askStaff',
  INTERNAL: 'askStaff',
};

/** Codes arrive over a transport: anything unknown is treated as INTERNAL. */
export function kindOf(code: string): ErrorKind {
  return (ERROR_KIND as Readonly<Record<string, ErrorKind>>)[code] ?? 'askStaff';
}

/** The input screen a format error sends the person back to. */
export function fieldOf(code: string): 'id' | 'name' | 'dob' | null {
  if (code === 'ID_FORMAT' || code === 'ID_CHECK_CHARACTER') return 'id';
  if (code === 'NAME_INVALID' || code === 'NAME_NOT_TRANSLITERABLE') return 'name';
  if (code === 'DOB_INVALID') return 'dob';
  return null;
}
