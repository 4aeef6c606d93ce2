// Fuzzing what the citizen types (docs/reliability.md): the Genesenen-ID, the family name and the date of
// birth, through KioskApi.validateId / issue — both the way the transports call it (contract
// validation first, dispatchKioskCall) and directly (as if a transport let anything through).
// Any text at all: control characters, lone surrogates, RTL overrides, injections, 10,000
// characters, plus near-misses of real entries. Always a typed Result, never INTERNAL, never an
// echo of the input in error details, and never a certificate for a wrong entry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dispatchKioskCall } from '../../../core/api/dispatch';
import { createIdFormat } from '../../../core/id/genesenen-id';
import { countCases, runs } from '../fuzz-budget';
import { openFuzzKiosk, type FuzzKiosk } from './fuzz-kiosk';
import { expectTypedResult, NASTY_STRINGS } from './typed';

const anyText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.constantFrom(...NASTY_STRINGS),
);

export function fuzzCitizenInput(): void {
  let f: FuzzKiosk;
  beforeAll(async () => {
    f = await openFuzzKiosk();
  });
  afterAll(() => f?.close());

  const idArb = () =>
    fc.oneof(
      anyText,
      fc.constant(null).map(() => createIdFormat().generate()),
      fc.constantFrom(...f.people.map((p) => p.genesenenId)),
      fc
        .tuple(
          fc.constantFrom(...f.people.map((p) => p.genesenenId)),
          fc.nat(13),
          fc.string({ minLength: 1, maxLength: 1 }),
        )
        .map(([id, i, c]) => id.slice(0, i) + c + id.slice(i + 1)),
    );
  const nameArb = () =>
    fc.oneof(
      anyText,
      fc.constantFrom(...f.people.map((p) => p.familyName)),
      fc.constantFrom(...f.people.map((p) => p.familyName.toUpperCase())),
    );
  const dobArb = () =>
    fc.oneof(
      anyText,
      fc.constantFrom(...f.people.map((p) => p.dateOfBirth)),
      fc
        .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
        .map(
          ([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        ),
    );

  describe('citizen input (KioskApi.issue / validateId)', () => {
    it('validateId: any text gives a typed Result', { timeout: 600_000 }, async () => {
      const numRuns = runs(300, 6_000);
      await fc.assert(
        fc.asyncProperty(anyText, async (id) => {
          expectTypedResult(await f.kiosk.api.validateId({ genesenenId: id }), [id]);
          expectTypedResult(await dispatchKioskCall(f.kiosk.api, 'validateId', { genesenenId: id }), [id]);
        }),
        { numRuns },
      );
      countCases('citizen: validateId', numRuns);
    });

    it(
      'issue: any entry gives a typed Result; a certificate only for an exact record match',
      { timeout: 600_000 },
      async () => {
        const numRuns = runs(300, 14_000);
        const format = createIdFormat();
        const canonical = (id: string) => {
          const n = format.normalize(id);
          return n.ok ? n.value.normalized : undefined;
        };
        const known = new Map(f.people.map((p) => [canonical(p.genesenenId), p]));
        const outcomes: Record<string, number> = {};
        await fc.assert(
          fc.asyncProperty(
            idArb(),
            nameArb(),
            dobArb(),
            fc.boolean(),
            async (genesenenId, familyName, dateOfBirth, viaContract) => {
              const input = { genesenenId, familyName, dateOfBirth, lang: 'de' };
              const r = viaContract
                ? await dispatchKioskCall(f.kiosk.api, 'issue', input)
                : await f.kiosk.api.issue(input);
              expectTypedResult(r, [familyName, dateOfBirth]);
              const label = r.ok ? 'issued' : r.error.code;
              outcomes[label] = (outcomes[label] ?? 0) + 1;
              if (r.ok) {
                const p = known.get(canonical(genesenenId));
                expect(p, 'a certificate for an ID nobody has').toBeDefined();
                expect(dateOfBirth.trim()).toBe(p!.dateOfBirth);
              }
              await f.kiosk.api.endSession({});
            },
          ),
          { numRuns },
        );
        countCases('citizen: issue', numRuns);
        console.info('citizen fuzz outcomes:', JSON.stringify(outcomes));
      },
    );
  });
}
