// Attempt limits hold under bursts, in both registry engines: hundreds of un-awaited `issue` calls
// through KioskApi for one Genesenen-ID (a compromised renderer, or any local process on the
// browser transport) reach the health office at most perId.max times — counted at the record
// source — and 200 parallel clerkUnlock calls with wrong PINs get at most clerkPin.max PIN checks
// (each check of a wrong PIN writes one `clerk.pin-wrong` audit line). The attempt is counted
// before the lookup or PIN check starts (core/registry/registry-port.ts, AttemptGate).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { createIdFormat } from '../../core/id/genesenen-id';
import { makeDirs } from '../issuance/kiosk-helpers';
import { startCountingSource, type CountingSource } from '../support/counting-source';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';
import { auditLines } from '../support/registry-inspect';

const PER_ID = 5;
const PIN_MAX = 5;
const BURST = 300;
const PIN_BURST = 200;
const skip = pgSkipReason();
if (skip) console.info(`attempt bursts on PostgreSQL skipped: ${skip}`);

const dirs = makeDirs();
let source: CountingSource;
let cluster: PgCluster | undefined;
beforeAll(async () => {
  source = await startCountingSource();
  if (!skip) cluster = await startPgCluster();
});
afterAll(async () => {
  await source.close();
  cluster?.destroy();
  dirs.cleanup();
});

let kiosks = 0;
async function kioskWith(
  engine: 'sqlite' | 'postgres',
): Promise<{ kiosk: Kiosk; pinWrongLines: () => Promise<number> }> {
  const name = `bursts_${++kiosks}`;
  const registry = engine === 'postgres' ? { registry: await pgRegistryConfig(cluster!, name, dirs.configDir) } : {};
  const configPath = join(dirs.configDir, `${name}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      kioskId: `kiosk-burst-${engine}`,
      recordSource: { kind: 'dikoma', baseUrl: source.url, timeoutMs: 20_000, retries: 0 },
      attemptLimits: {
        perId: { max: PER_ID, windowSeconds: 3600 },
        perKiosk: { max: 10_000, windowSeconds: 3600 },
        clerkPin: { max: PIN_MAX, windowSeconds: 900 },
      },
      ...registry,
    }),
  );
  const dataDir = join(dirs.dataDir, name);
  const k = await createKiosk({ dataDir, configPath, logSink: () => undefined });
  if (!k.ok) throw new Error(`kiosk did not start: ${JSON.stringify(k.error)}`);
  const pinWrongLines = async () =>
    engine === 'sqlite'
      ? auditLines(dataDir).filter((l) => l.event === 'clerk.pin-wrong').length
      : Number(
          (
            await cluster!.query<{ n: string }>(
              "SELECT count(*) AS n FROM audit_line WHERE event = 'clerk.pin-wrong'",
              [],
              name,
            )
          )[0]!.n,
        );
  return { kiosk: k.value, pinWrongLines };
}

const tally = (codes: string[]) => codes.reduce<Record<string, number>>((t, c) => ({ ...t, [c]: (t[c] ?? 0) + 1 }), {});

describe.each(['sqlite', 'postgres'] as const)('attempt bursts (%s registry)', (engine) => {
  it.skipIf(engine === 'postgres' && skip !== undefined)(
    `${BURST} concurrent guesses for one ID: at most ${PER_ID} lookups, the rest refused without one`,
    { timeout: 90_000 },
    async () => {
      const { kiosk } = await kioskWith(engine);
      try {
        const before = source.lookups();
        const id = createIdFormat().generate();
        const calls = Array.from({ length: BURST }, (_, i) =>
          kiosk.api.issue({
            genesenenId: id,
            familyName: 'Rater',
            dateOfBirth: `1970-01-${String(1 + (i % 28)).padStart(2, '0')}`,
            lang: 'de',
          }),
        );
        const codes = (await Promise.all(calls)).map((r) => (r.ok ? 'issued' : r.error.code));
        const lookups = source.lookups() - before;
        console.info(`${engine}: ${BURST} guesses → ${lookups} lookups`, JSON.stringify(tally(codes)));
        expect(lookups).toBe(PER_ID);
        expect(tally(codes)).toEqual({ NOT_FOUND: PER_ID, TOO_MANY_ATTEMPTS: BURST - PER_ID });
      } finally {
        await kiosk.close();
      }
    },
  );

  it.skipIf(engine === 'postgres' && skip !== undefined)(
    `${PIN_BURST} parallel clerk unlocks with wrong PINs: at most ${PIN_MAX} PIN checks`,
    { timeout: 90_000 },
    async () => {
      const { kiosk, pinWrongLines } = await kioskWith(engine);
      try {
        const calls = Array.from({ length: PIN_BURST }, (_, i) =>
          kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: String(100000 + i) }),
        );
        const codes = (await Promise.all(calls)).map((r) => (r.ok ? 'unlocked' : r.error.code));
        await new Promise((r) => setTimeout(r, 500)); // audit lines outside a commit are written asynchronously
        const checks = await pinWrongLines();
        console.info(`${engine}: ${PIN_BURST} unlocks → ${checks} PIN checks`, JSON.stringify(tally(codes)));
        expect(checks).toBe(PIN_MAX);
        expect(Object.keys(tally(codes)).sort()).toEqual(expect.arrayContaining(['CLERK_LOCKED_OUT']));
        expect(codes.filter((c) => c !== 'CLERK_PIN_WRONG' && c !== 'CLERK_LOCKED_OUT')).toEqual([]);
        expect(codes.filter((c) => c === 'CLERK_LOCKED_OUT').length).toBeGreaterThanOrEqual(PIN_BURST - PIN_MAX);
      } finally {
        await kiosk.close();
      }
    },
  );
});
