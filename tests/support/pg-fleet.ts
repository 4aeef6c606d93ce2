// A fleet of kiosk processes sharing one PostgreSQL registry (docs/fleet.md), for the default
// run (tests/reliability/pg-fleet.test.ts) and the stress run (tests/stress/pg-fleet.test.ts).
// Two data directories stand for two kiosk PCs (each its own demo signer and audit folder);
// every process has its own kioskId and asks for every ID in its own random order, several
// requests in flight, all starting together. Optionally a fault strikes in the middle: the database
// server crashed and restarted (`pg_ctl restart -m immediate`), every connection reset or
// blackholed by a loopback TCP proxy (tests/support/tcp-proxy.ts), or the primary killed and its
// synchronous standby promoted, the proxy moved to it as a failover tool moves a virtual IP.
// Then, from outside: at most one
// certificate handed out per ID, every one handed out is issued in the registry (nothing
// committed lost), the audit table matches the registry row for row, its chains verify, and
// every process got answers again after the restart (it reconnected by itself).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { loadOrCreateDemoTrust } from '../../core/dcc/demo-trust';
import { verifyHc1 } from '../../core/dcc/verify';
import { createIdFormat } from '../../core/id/genesenen-id';
import { createIdHasher } from '../../core/registry/id-hash';
import { verifyPgAudit } from '../../core/registry/pg/pg-audit';
import { openPgEngine } from '../../core/registry/pg/pg-engine';
import { createLogger, memorySink } from '../../core/log/logger';
import { makeDirs } from '../issuance/kiosk-helpers';
import { startWorkersTogether, type RunningWorker, type WorkerLine } from './child-kiosk';
import { bulkPeople, writeKioskConfigs } from './people';
import { pgRegistryConfig, type PgCluster } from './pg-cluster';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export interface FleetFigures {
  readonly processes: number;
  readonly ids: number;
  readonly requests: number;
  readonly handedOut: number;
  readonly issuedInRegistry: number;
  readonly outcomes: Record<string, number>;
  /** "Not possible right now" answers that the kiosks asked again after (a citizen's retry). */
  readonly unavailableAnswers: number;
  /** Reservations left by failed releases during the outage, swept afterwards. */
  readonly staleReleased: number;
  readonly seconds: number;
  /** Connections the proxy reset, and bytes it held back (with a proxy fault). */
  readonly proxy?: TcpProxy['stats'];
}

/** What strikes after `after` results have come back (docs/fleet.md, "During an outage or failover"). */
export type FleetFault = { readonly after: number } & (
  | { readonly kind: 'restart' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'blackhole'; readonly ms: number }
  | { readonly kind: 'failover'; readonly standby: PgCluster }
);

const silent = createLogger({ sink: memorySink(), level: 'error' });
type Result = WorkerLine & { genesenenId: string };
const results = (w: RunningWorker) => w.lines.filter((l): l is Result => l.event === 'result');

export async function runPgFleet(
  cluster: PgCluster,
  opts: {
    processes: number;
    ids: number;
    concurrency: number;
    fault?: FleetFault;
    seed?: number;
    db: string;
    /** registry.deadlineMs of the kiosks (a starved test machine needs more than the default). */
    deadlineMs?: number;
  },
): Promise<FleetFigures> {
  const dirs = makeDirs();
  const fault = opts.fault;
  // Kiosks reach the server through the proxy whenever the fault is a network's or a failover's.
  const proxy = fault && fault.kind !== 'restart' ? await startTcpProxy(cluster.port) : undefined;
  try {
    const direct = await pgRegistryConfig(cluster, opts.db, dirs.configDir, { deadlineMs: opts.deadlineMs ?? 5000 });
    const registry = proxy ? { ...direct, url: proxy.via(direct.url) } : direct;
    const people = bulkPeople(opts.ids, new Date(), 'Flotte');
    const kioskIds = Array.from({ length: opts.processes }, (_, i) => `kiosk-fleet-${i + 1}`);
    const configs = writeKioskConfigs(dirs.configDir, people, kioskIds, { registry });
    const pcs = [join(dirs.dataDir, 'pc-a'), join(dirs.dataDir, 'pc-b')];
    const dscs = await Promise.all(pcs.map(async (d) => (await loadOrCreateDemoTrust(d)).dscDer));
    const seed = opts.seed ?? Date.now();
    const started = Date.now();
    const workers = await startWorkersTogether(dirs.configDir, configs, (i) => pcs[i % 2]!, people, {
      seed,
      concurrency: opts.concurrency,
      // Kiosks that lose the server ask again (a citizen's "try again"), so each one shows that it
      // reconnected even when the restart outlasts the requests it had left.
      ...(fault ? { retryUnavailableForMs: 120_000 } : {}),
    });
    const seenBeforeFault = new Map<RunningWorker, number>();
    if (fault) {
      const total = () => workers.reduce((n, w) => n + results(w).length, 0);
      while (total() < fault.after && workers.some((w) => w.child.exitCode === null)) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await strike(fault, cluster, proxy);
      for (const w of workers) seenBeforeFault.set(w, results(w).length);
    }
    const exits = await Promise.all(workers.map((w) => w.exited));
    exits.forEach((e, i) => expect(e, workers[i]!.stderr()).toEqual({ code: 0, signal: null }));
    const seconds = (Date.now() - started) / 1000;

    const all = workers.flatMap(results);
    expect(all, `seed ${seed}`).toHaveLength(opts.processes * opts.ids);
    const outcomes: Record<string, number> = {};
    for (const r of all) outcomes[r.ok ? 'issued' : r.code!] = (outcomes[r.ok ? 'issued' : r.code!] ?? 0) + 1;
    const allowed = ['issued', 'ALREADY_ISSUED', 'ISSUANCE_IN_PROGRESS', ...(fault ? ['REGISTRY_UNAVAILABLE'] : [])];
    expect(
      Object.keys(outcomes).filter((o) => !allowed.includes(o)),
      `seed ${seed}`,
    ).toEqual([]);
    if (fault) {
      // Reconnected by itself: every process got registry answers again after the fault.
      for (const w of workers) {
        const after = results(w).slice(seenBeforeFault.get(w));
        expect(
          after.some((r) => r.ok || r.code === 'ALREADY_ISSUED' || r.code === 'ISSUANCE_IN_PROGRESS'),
          `seed ${seed}`,
        ).toBe(true);
      }
    }

    const handedOut = all.filter((r) => r.ok);
    const perId = new Map<string, number>();
    for (const r of handedOut) perId.set(r.genesenenId, (perId.get(r.genesenenId) ?? 0) + 1);
    expect(
      [...perId.entries()].filter(([, n]) => n > 1),
      `seed ${seed}`,
    ).toEqual([]);
    if (!fault) expect(perId.size).toBe(opts.ids);

    const hash = createIdHasher(readFileSync(registry.idHashKeyFile));
    const format = createIdFormat();
    const hashOf = (id: string) => {
      const n = format.normalize(id);
      if (!n.ok) throw new Error('invalid id');
      return hash(n.value.normalized);
    };
    // Reservations whose release failed while the server was away stay until their lease ends or
    // the next kiosk start sweeps them (their processes are gone): do that sweep, as a restart would.
    let staleReleased = 0;
    if (fault) {
      const sweeper = await openPgEngine({
        ...registry,
        poolSize: 1,
        deadlineMs: 20_000,
        kioskId: 'kiosk-sweep',
        now: () => new Date(),
        log: silent,
      });
      if (!sweeper.ok) throw new Error(`sweeper: ${sweeper.error.code}`);
      const swept = await sweeper.value.registry.releaseStale();
      await sweeper.value.registry.close();
      if (!swept.ok) throw new Error(`sweep: ${swept.error.code}`);
      staleReleased = swept.value.length;
      expect(swept.value.every((s) => s.reason === 'owner-gone')).toBe(true);
    }
    const client = new pg.Client({ connectionString: registry.url });
    await client.connect();
    try {
      const rows = (
        await client.query<{ id_hash: string; uvci: string; status: string }>(
          'SELECT id_hash, uvci, status FROM issuance_view',
        )
      ).rows;
      const issued = rows.filter((r) => r.status === 'issued');
      expect(rows.filter((r) => r.status !== 'issued')).toEqual([]);
      expect(new Set(issued.map((r) => r.id_hash)).size).toBe(issued.length);
      // Nothing committed lost: every certificate handed out is issued in the registry.
      const registered = new Set(issued.map((r) => `${r.id_hash} ${r.uvci}`));
      expect(handedOut.filter((r) => !registered.has(`${hashOf(r.genesenenId)} ${r.uvci}`)).map((r) => r.uvci)).toEqual(
        [],
      );
      // The audit table tells the registry's story exactly (same transaction).
      const lines = (
        await client.query<{ uvci: string }>("SELECT uvci FROM audit_line WHERE event = 'certificate.issued'")
      ).rows;
      expect(lines.map((l) => l.uvci).sort()).toEqual(issued.map((r) => r.uvci).sort());
      const audit = await verifyPgAudit(client as unknown as pg.PoolClient);
      expect(audit.ok && audit.value.broken).toEqual([]);
      for (const r of handedOut) {
        const valid = await Promise.all(
          dscs.map(async (d) => (await verifyHc1(r.hc1!, { dscs: [d] }, { now: new Date() })).ok),
        );
        if (!valid.includes(true)) throw new Error(`certificate ${r.uvci} does not verify`);
      }
      return {
        processes: opts.processes,
        ids: opts.ids,
        requests: all.length,
        handedOut: handedOut.length,
        issuedInRegistry: issued.length,
        outcomes,
        unavailableAnswers: all.reduce((n, r) => n + (r.unavailable ?? 0), 0),
        staleReleased,
        seconds,
        ...(proxy ? { proxy: { ...proxy.stats } } : {}),
      };
    } finally {
      await client.end();
    }
  } finally {
    await proxy?.close();
    dirs.cleanup();
  }
}

async function strike(fault: FleetFault, cluster: PgCluster, proxy: TcpProxy | undefined): Promise<void> {
  if (fault.kind === 'restart') return cluster.restartImmediate();
  if (!proxy) throw new Error('a network fault needs the proxy');
  if (fault.kind === 'drop') {
    // Twice, a moment apart: connections the pool opened again right after the first are cut too.
    proxy.drop();
    await new Promise((r) => setTimeout(r, 300));
    proxy.drop();
    return;
  }
  if (fault.kind === 'blackhole') {
    proxy.blackhole();
    await new Promise((r) => setTimeout(r, fault.ms));
    return proxy.heal();
  }
  // The primary dies without a shutdown; the standby is promoted; the "virtual IP" moves to it.
  cluster.stop('immediate');
  fault.standby.promote();
  proxy.retarget(fault.standby.port);
}
