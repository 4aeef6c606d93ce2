// A signer's failure with its own error code (docs/remote-signing.md, docs/configuration.md).
// The Signer port's `sign` returns a promise of signature bytes, so a hardware or remote signer
// reports why it could not sign by rejecting with this class; the issuing pipeline
// (core/dcc/issue-certificate.ts) turns it into the Result with that code. Any other rejection
// stays SIGNER_UNAVAILABLE. `reason` is a short non-secret word for logs, never key material.
import type { ErrorCode } from '../../errors';

/** The error codes a signer can fail with. */
export type SignerFailureCode = Extract<ErrorCode, `SIGNER_${string}`>;

/** What a `Signer.sign` throws: a SIGNER_* code and a short non-secret reason. */
export class SignerFailure extends Error {
  constructor(
    readonly code: SignerFailureCode,
    readonly reason?: string,
  ) {
    super(reason ? `${code} (${reason})` : code);
    this.name = 'SignerFailure';
  }
}
