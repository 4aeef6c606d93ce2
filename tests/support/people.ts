// Fictitious people in bulk for the reliability and stress suites (docs/reliability.md): distinct valid
// Genesenen-IDs (core's own generator), letter-only family names that never occur in any other
// text, and a first positive test inside the issuance window. Plus the fixture/config files that
// make the kiosk's simulator serve them. Nobody here is real.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIdFormat } from '../../core/id/genesenen-id';
import { addDays, utcDay } from '../../core/issuance/validity-rules';
import type { TestPerson } from '../issuance/kiosk-helpers';

const idFormat = createIdFormat();

/** 0 → "a", 25 → "z", 26 → "ba" … (letters only, so every name passes NAME_INVALID checks). */
export const letterCode = (n: number): string => {
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26);
  } while (n > 0);
  return s;
};

export function bulkPeople(count: number, now: Date, stem = 'Lastprobe', daysAgo = 40): TestPerson[] {
  const seen = new Set<string>();
  const people: TestPerson[] = [];
  while (people.length < count) {
    const id = idFormat.generate();
    if (seen.has(id)) continue;
    seen.add(id);
    const i = people.length;
    people.push({
      genesenenId: id,
      familyName: `${stem}-${letterCode(i)}`,
      givenName: 'Rel',
      dateOfBirth: `19${String(40 + (i % 60)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      firstPositiveTest: addDays(utcDay(now), -daysAgo),
    });
  }
  return people;
}

/** Writes `<dir>/records.json` once and a config file per kiosk id; returns the config paths. */
export function writeKioskConfigs(
  dir: string,
  people: readonly TestPerson[],
  kioskIds: readonly string[],
  extra: Record<string, unknown> = {},
): string[] {
  writeFileSync(join(dir, 'records.json'), JSON.stringify({ records: people }));
  return kioskIds.map((kioskId) => {
    const path = join(dir, `${kioskId}.json`);
    writeFileSync(
      path,
      JSON.stringify({ kioskId, recordSource: { kind: 'simulator', fixture: 'records.json' }, ...extra }),
    );
    return path;
  });
}

/** Fisher–Yates with a seeded generator, so a failing order can be replayed from the seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  const rand = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
