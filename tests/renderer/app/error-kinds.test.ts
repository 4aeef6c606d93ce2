// Error presentation: each ErrorCode maps to a kind, format errors lead back to their
// field, a failed match (NOT_FOUND) never names a field, and unknown codes are handled as INTERNAL.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../core/errors';
import { ERROR_KIND, fieldOf, kindOf } from '../../../renderer/app/error-kinds';

describe('error kinds', () => {
  it('maps exactly the codes of core/errors.ts', () => {
    expect(Object.keys(ERROR_KIND).sort()).toEqual([...ERROR_CODES].sort());
  });

  it('gives each refusal of the brief its own screen kind', () => {
    expect(kindOf('NOT_FOUND')).toBe('notFound');
    expect(kindOf('ALREADY_ISSUED')).toBe('alreadyIssued');
    expect(kindOf('TOO_EARLY')).toBe('tooEarly');
    expect(kindOf('TOO_LATE')).toBe('tooLate');
    expect(kindOf('TOO_MANY_ATTEMPTS')).toBe('tooManyAttempts');
    for (const code of ERROR_CODES.filter((c) => c.startsWith('SOURCE_')))
      expect(kindOf(code)).toBe('serviceUnavailable');
    for (const code of ERROR_CODES.filter((c) => /^(SIGNER_|REGISTRY_)|^INTERNAL$/u.test(c)))
      expect(kindOf(code)).toBe('askStaff');
    for (const code of ERROR_CODES.filter((c) => c.startsWith('PRINT'))) expect(kindOf(code)).toBe('print');
  });

  it('treats an unknown code from a transport as "ask staff"', () => {
    expect(kindOf('SOMETHING_NEW')).toBe('askStaff');
  });

  it('sends only format errors back to a field; a failed match never names one', () => {
    expect(fieldOf('ID_CHECK_CHARACTER')).toBe('id');
    expect(fieldOf('NAME_NOT_TRANSLITERABLE')).toBe('name');
    expect(fieldOf('DOB_INVALID')).toBe('dob');
    for (const code of ['NOT_FOUND', 'TOO_MANY_ATTEMPTS', 'ALREADY_ISSUED', 'INTERNAL'])
      expect(fieldOf(code)).toBeNull();
  });
});
