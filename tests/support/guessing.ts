// Guessing (docs/reliability.md): someone at the kiosk tries IDs, names and dates of birth. Property: for any
// sequence of guesses — right and wrong entries for known IDs, made-up valid IDs — interleaved
// with kiosk restarts, every answer is exactly what the attempt limits promise (per ID and per
// kiosk, counted in the registry): the attacker never gets more NOT_FOUND answers than
// perKiosk.max, nor more than perId.max for one ID, and a restart forgets nothing. Checked
// against a model of the rules (docs/configuration.md, attemptLimits). Used by
// tests/reliability/guessing.test.ts and tests/stress/guessing.test.ts.
import { expect } from 'vitest';
import fc from 'fast-check';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { createIdFormat } from '../../core/id/genesenen-id';
import { makeDirs } from '../issuance/kiosk-helpers';
import { bulkPeople, writeKioskConfigs } from './people';

const PER_ID = 3;
const PER_KIOSK = 9;
const NOW = new Date();
const people = bulkPeople(2, NOW, 'Ratespiel');
const strangers = Array.from({ length: 2 }, () => createIdFormat().generate());

type Action =
  | { readonly kind: 'right'; readonly who: number }
  | { readonly kind: 'wrong-name' | 'wrong-dob'; readonly who: number }
  | { readonly kind: 'made-up-id'; readonly which: number }
  | { readonly kind: 'restart' };

const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('right' as const), who: fc.nat(people.length - 1) }), weight: 2 },
  {
    arbitrary: fc.record({
      kind: fc.constantFrom('wrong-name' as const, 'wrong-dob' as const),
      who: fc.nat(people.length - 1),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('made-up-id' as const), which: fc.nat(strangers.length - 1) }),
    weight: 4,
  },
  { arbitrary: fc.constant({ kind: 'restart' as const }), weight: 1 },
);

/** What the rules say the answer is, given the wrong entries counted so far. */
function expected(
  a: Exclude<Action, { kind: 'restart' }>,
  s: { perId: Map<string, number>; kiosk: number; issued: Set<string> },
) {
  const id = a.kind === 'made-up-id' ? strangers[a.which]! : people[a.who]!.genesenenId;
  if ((s.perId.get(id) ?? 0) >= PER_ID || s.kiosk >= PER_KIOSK) return 'TOO_MANY_ATTEMPTS';
  if (a.kind === 'right') {
    if (s.issued.has(id)) return 'ALREADY_ISSUED';
    s.issued.add(id);
    return 'issued';
  }
  s.perId.set(id, (s.perId.get(id) ?? 0) + 1);
  s.kiosk++;
  return 'NOT_FOUND';
}

function request(a: Exclude<Action, { kind: 'restart' }>) {
  if (a.kind === 'made-up-id')
    return { genesenenId: strangers[a.which]!, familyName: 'Irgendwer', dateOfBirth: '1980-01-01', lang: 'de' };
  const p = people[a.who]!;
  if (a.kind === 'wrong-name')
    return { genesenenId: p.genesenenId, familyName: 'Falschname', dateOfBirth: p.dateOfBirth, lang: 'de' };
  if (a.kind === 'wrong-dob')
    return { genesenenId: p.genesenenId, familyName: p.familyName, dateOfBirth: '1901-01-01', lang: 'de' };
  return { ...p, lang: 'de' };
}

/** Runs the guessing property `numRuns` times (each run: its own data directory and kiosk). */
export async function checkGuessing(numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 8, maxLength: 24 }), async (actions) => {
      const dirs = makeDirs();
      const [configPath] = writeKioskConfigs(dirs.configDir, people, ['kiosk-guess'], {
        attemptLimits: {
          perId: { max: PER_ID, windowSeconds: 3600 },
          perKiosk: { max: PER_KIOSK, windowSeconds: 3600 },
        },
      });
      const start = async (): Promise<Kiosk> => {
        const k = await createKiosk({
          dataDir: dirs.dataDir,
          configPath: configPath!,
          now: () => NOW,
          logSink: () => undefined,
        });
        if (!k.ok) throw new Error(k.error.code);
        return k.value;
      };
      let kiosk = await start();
      const state = { perId: new Map<string, number>(), kiosk: 0, issued: new Set<string>() };
      try {
        for (const a of actions) {
          if (a.kind === 'restart') {
            await kiosk.close();
            kiosk = await start();
            continue;
          }
          const want = expected(a, state);
          const got = await kiosk.api.issue(request(a));
          expect(got.ok ? 'issued' : got.error.code, JSON.stringify(a)).toBe(want);
        }
      } finally {
        await kiosk.close();
        dirs.cleanup();
      }
    }),
    { numRuns },
  );
}
