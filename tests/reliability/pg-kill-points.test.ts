// SIGKILL at every step of reserve → sign → self-verify → commit on the fleet registry (docs/fleet.md,
// docs/reliability.md): a kiosk process on "PC a" is killed at the step (inside the PostgreSQL
// commit transaction for the two commit steps); the row the server keeps is the one that step
// implies (none / reserved / issued: an open transaction dies with its connection); then the
// citizen walks to another kiosk ("PC b", its own signer) and tries again. The dead kiosk's
// reservation is reclaimed (its process is gone), so a step before the commit leaves the ID free
// and the retry issues a new, verifying certificate; a step after it is ALREADY_ISSUED. Never two
// issued rows, never a reservation left behind, and the audit table tells the registry's story.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { loadOrCreateDemoTrust } from '../../core/dcc/demo-trust';
import { verifyHc1 } from '../../core/dcc/verify';
import { createIdFormat } from '../../core/id/genesenen-id';
import { CHECKPOINTS } from '../../core/issuance/issuance-deps';
import { createIdHasher } from '../../core/registry/id-hash';
import { verifyPgAudit } from '../../core/registry/pg/pg-audit';
import { makeDirs } from '../issuance/kiosk-helpers';
import { startWorker, waitFor } from '../support/child-kiosk';
import { STATE_AFTER_KILL } from '../support/kill-harness';
import { bulkPeople, writeKioskConfigs } from '../support/people';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';

const skip = pgSkipReason();
if (skip) console.info(`PostgreSQL kill-point tests skipped: ${skip}`);
const dirs = makeDirs();
const people = bulkPeople(CHECKPOINTS.length, new Date(), 'Absturzflotte');
let cluster: PgCluster;
let url: string;
let configA: string;
let kioskB: Kiosk;
let dscB: Uint8Array;
let hashOf: (id: string) => string;

const rowsOf = async (idHash: string) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = 'SELECT status, uvci FROM issuance_view WHERE id_hash = $1 ORDER BY status';
    return (await client.query<{ status: string; uvci: string }>(q, [idHash])).rows;
  } finally {
    await client.end();
  }
};

beforeAll(async () => {
  if (skip) return;
  cluster = await startPgCluster();
  const registry = await pgRegistryConfig(cluster, 'fleet_kill', dirs.configDir);
  url = registry.url;
  // Limits out of the way: an attempt in flight when its process dies counts until its window ends.
  const attemptLimits = {
    perId: { max: 10_000, windowSeconds: 3600 },
    perKiosk: { max: 10_000, windowSeconds: 3600 },
    clerkPin: { max: 5, windowSeconds: 900 },
  };
  [configA] = writeKioskConfigs(dirs.configDir, people, ['kiosk-pg-a'], { registry, attemptLimits }) as [string];
  const [configB] = writeKioskConfigs(dirs.configDir, people, ['kiosk-pg-b'], { registry, attemptLimits });
  const pcB = join(dirs.dataDir, 'pc-b');
  dscB = (await loadOrCreateDemoTrust(pcB)).dscDer;
  const opened = await createKiosk({ dataDir: pcB, configPath: configB!, logSink: () => undefined });
  if (!opened.ok) throw new Error(`kiosk b: ${opened.error.code}`);
  kioskB = opened.value;
  const hash = createIdHasher(readFileSync(registry.idHashKeyFile));
  const format = createIdFormat();
  hashOf = (id) => {
    const n = format.normalize(id);
    if (!n.ok) throw new Error('invalid id');
    return hash(n.value.normalized);
  };
}, 120_000);

afterAll(async () => {
  await kioskB?.close();
  cluster?.destroy();
  dirs.cleanup();
});

describe.skipIf(skip !== undefined)('a fleet kiosk killed at every step (PostgreSQL)', () => {
  it.each(CHECKPOINTS.map((p, i) => [p, i] as const))(
    '%s: the server keeps what the step implies; another kiosk issues once or says ALREADY_ISSUED',
    { timeout: 120_000 },
    async (point, index) => {
      const person = people[index]!;
      const marker = join(dirs.configDir, `paused-${point}`);
      const worker = await startWorker(
        {
          dataDir: join(dirs.dataDir, 'pc-a'),
          configPath: configA,
          requests: [person],
          pauseBeforeIndex: 0,
          pauseAt: point,
        },
        dirs.configDir,
        { KIOSK_TEST_PAUSE_MARKER: marker },
      );
      const alive = () => worker.child.exitCode === null && worker.child.signalCode === null;
      await waitFor(() => existsSync(marker), alive, point, 90_000).catch((e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify(worker.lines)} ${worker.stderr()}`, { cause: e });
      });
      expect((await worker.kill()).signal).toBe('SIGKILL');
      rmSync(marker, { force: true });

      const idHash = hashOf(person.genesenenId);
      const expected = STATE_AFTER_KILL[point];
      // The server notices the dead connection and rolls an open transaction back (at once on
      // loopback: the kernel closes the socket); wait for that before reading.
      const deadline = Date.now() + 30_000;
      let kept = await rowsOf(idHash);
      while (kept.map((r) => r.status).join() !== (expected === 'none' ? '' : expected) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        kept = await rowsOf(idHash);
      }
      expect(
        kept.map((r) => r.status),
        point,
      ).toEqual(expected === 'none' ? [] : [expected]);

      const retry = await kioskB.api.issue({ ...person, lang: 'de' });
      if (expected === 'issued') {
        expect(retry.ok ? 'issued again' : retry.error.code, point).toBe('ALREADY_ISSUED');
      } else {
        if (!retry.ok) throw new Error(`${point}: retry refused with ${retry.error.code}`);
        expect(kept.map((r) => r.uvci)).not.toContain(retry.value.uvci);
        expect((await verifyHc1(retry.value.hc1, { dscs: [dscB] }, { now: new Date() })).ok).toBe(true);
      }
      expect((await rowsOf(idHash)).map((r) => r.status)).toEqual(['issued']);
    },
  );

  it('after every kill: one issued row per ID, the audit table = the registry, its chains verify', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query<{ status: string; uvci: string }>('SELECT status, uvci FROM issuance_view'))
        .rows;
      expect(rows.filter((r) => r.status !== 'issued')).toEqual([]);
      expect(rows).toHaveLength(CHECKPOINTS.length);
      const lines = (
        await client.query<{ uvci: string }>("SELECT uvci FROM audit_line WHERE event = 'certificate.issued'")
      ).rows;
      expect(lines.map((l) => l.uvci).sort()).toEqual(rows.map((r) => r.uvci).sort());
      const audit = await verifyPgAudit(client as unknown as pg.PoolClient);
      expect(audit.ok && audit.value.broken).toEqual([]);
    } finally {
      await client.end();
    }
  });
});
