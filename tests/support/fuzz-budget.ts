// How many generated cases each property runs (docs/reliability.md): a few thousand in the default run, about
// 100,000 in the stress run (`STRESS=1`, `npm run test:stress`). Every property reports what it
// ran to the tally, and the fuzz suites print the totals, so the figures in docs/reliability.md
// come from a run, not from arithmetic.
export const STRESS = process.env.STRESS === '1';

/** The number of runs for a property: `normal` by default, `stress` under STRESS=1. */
export const runs = (normal: number, stress: number): number => (STRESS ? stress : normal);

const tally = new Map<string, number>();

export function countCases(area: string, n: number): void {
  tally.set(area, (tally.get(area) ?? 0) + n);
}

export function tallyReport(): { readonly total: number; readonly byArea: Readonly<Record<string, number>> } {
  const byArea = Object.fromEntries([...tally.entries()].sort());
  return { total: [...tally.values()].reduce((a, b) => a + b, 0), byArea };
}
