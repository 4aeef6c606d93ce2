// recoveryView is the one translation from wire names to domain names: it names every field the
// payload builder was given, under the same name, and keeps absent names absent.
import { describe, expect, it } from 'vitest';
import { buildRecoveryPayload } from '../../core/dcc/payload';
import { recoveryView } from '../../core/dcc/recovery-view';
import type { RecoveryPayload } from '../../core/dcc/types';
import { sampleInput } from './helpers/fixtures';

const built = (input = sampleInput): RecoveryPayload => {
  const payload = buildRecoveryPayload(input);
  if (!payload.ok) throw new Error(payload.error.code);
  return payload.value;
};

describe('recoveryView', () => {
  it('gives back every input field of buildRecoveryPayload under its input name', () => {
    const { familyName, givenName, dateOfBirth, firstPositiveTest, validFrom, validUntil, country, issuer, uvci } =
      recoveryView(built());
    expect({
      familyName,
      givenName,
      dateOfBirth,
      firstPositiveTest,
      validFrom,
      validUntil,
      country,
      issuer,
      uvci,
    }).toEqual(sampleInput);
  });

  it('names the transliterated forms and the disease code', () => {
    const view = recoveryView(built());
    expect(view.familyNameTransliterated).toBe('MUELLER<LUEDENSCHEIDT');
    expect(view.givenNameTransliterated).toBe('JUERGEN<GROSS');
    expect(view.disease).toBe('840539006');
  });

  it('maps each wire key to its domain name', () => {
    const payload = built();
    const view = recoveryView(payload);
    const r = payload.r[0];
    expect([view.validFrom, view.validUntil, view.firstPositiveTest, view.uvci]).toEqual([r.df, r.du, r.fr, r.ci]);
    expect([view.familyName, view.givenName]).toEqual([payload.nam.fn, payload.nam.gn]);
  });

  it('leaves the given name absent when the person has none', () => {
    const view = recoveryView(built({ ...sampleInput, givenName: '' }));
    expect(view.givenName).toBeUndefined();
    expect(view.givenNameTransliterated).toBeUndefined();
  });
});
