// core/limits.ts is the one source of the lengths a person may type: the contract, core's checks,
// the audit log, the DCC schema and the screens' input cleaners all stop at the same value.
// (The reason screen's counter and cut are asserted in the browser: tests/e2e/clerk-reason.test.ts.)
import { describe, expect, it } from 'vitest';
import { kioskApiContract } from '../core/api/kiosk-api-contract';
import { sanitizeReason } from '../core/audit/audit-line';
import schema from '../core/dcc/schema/1.3.0/DCC.combined-schema.json';
import { validateFamilyName } from '../core/issuance/validate-request';
import { FAMILY_NAME_INPUT_MAX_LENGTH, FAMILY_NAME_MAX_LENGTH, REASON_MAX_LENGTH } from '../core/limits';
import { cleanNameInput } from '../renderer/app/entry-format';

const details = { genesenenId: 'RZJQMTFB84WV', familyName: 'Muster', dateOfBirth: '1980-01-01', lang: 'de' };
const reissue = (reason: string) => ({ ...details, token: 't', reason });
const letters = (n: number) => 'a'.repeat(n);

describe('family name', () => {
  it('is the DCC schema’s nam.fn maxLength', () => {
    expect(schema.$defs.person_name.properties.fn.maxLength).toBe(FAMILY_NAME_MAX_LENGTH);
  });

  it('the name screen stops where core stops accepting', () => {
    const typed = cleanNameInput(letters(FAMILY_NAME_MAX_LENGTH + 20));
    expect(typed).toHaveLength(FAMILY_NAME_MAX_LENGTH);
    expect(validateFamilyName(typed).ok).toBe(true);
    expect(validateFamilyName(letters(FAMILY_NAME_MAX_LENGTH + 1))).toEqual({
      ok: false,
      error: { code: 'NAME_INVALID' },
    });
  });

  it('the contract lets a slightly long name through to core and stops floods', () => {
    const issue = kioskApiContract.issue;
    expect(issue.safeParse({ ...details, familyName: letters(FAMILY_NAME_MAX_LENGTH + 1) }).success).toBe(true);
    expect(issue.safeParse({ ...details, familyName: letters(FAMILY_NAME_INPUT_MAX_LENGTH) }).success).toBe(true);
    expect(issue.safeParse({ ...details, familyName: letters(FAMILY_NAME_INPUT_MAX_LENGTH + 1) }).success).toBe(false);
  });
});

describe('reissue reason', () => {
  it('the contract accepts exactly what the audit log keeps', () => {
    const contract = kioskApiContract.clerkReissue;
    expect(contract.safeParse(reissue(letters(REASON_MAX_LENGTH))).success).toBe(true);
    expect(contract.safeParse(reissue(letters(REASON_MAX_LENGTH + 1))).success).toBe(false);
    expect(sanitizeReason(letters(REASON_MAX_LENGTH))).toBe(letters(REASON_MAX_LENGTH));
    expect(sanitizeReason(letters(REASON_MAX_LENGTH + 1))).toHaveLength(REASON_MAX_LENGTH);
  });
});
