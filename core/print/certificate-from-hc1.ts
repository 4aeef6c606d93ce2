// Printing works from an HC1 string alone, so the `print` CLI works with nothing else:
// decode it with the certificate engine and accept it only as a schema-valid recovery payload, so
// both layouts can rely on every field being present. The signature is not checked here — printing
// a certificate is not verifying it; the kiosk prints only what it has just issued and verified.
import { decodeHc1 } from '../dcc/decode';
import { validateRecoveryPayload } from '../dcc/schema-validate';
import type { RecoveryPayload } from '../dcc/types';
import { err, ok, type Result } from '../result';

export function certificateFromHc1(hc1: string): Result<{ hc1: string; payload: RecoveryPayload }> {
  const decoded = decodeHc1(hc1);
  if (!decoded.ok) return err('INVALID_INPUT', { reason: decoded.error.code });
  const payload = validateRecoveryPayload(decoded.value.payload);
  return payload.ok
    ? ok({ hc1, payload: payload.value })
    : err('SCHEMA_INVALID', { reason: 'not_a_recovery_certificate' });
}
