// The banner rule as docs/configuration.md states it: DEMO shows when the signer or the records (or
// both) are not real, and only then.
import { describe, expect, it } from 'vitest';
import { showsDemoBanner } from '../../renderer/app/demo-banner';

describe('DEMO banner', () => {
  it.each([
    [true, true, true],
    [true, false, true],
    [false, true, true],
    [false, false, false],
  ])('demoSigner %s, simulatedRecords %s → banner %s', (demoSigner, simulatedRecords, shown) => {
    expect(showsDemoBanner({ demoSigner, simulatedRecords })).toBe(shown);
  });
});
