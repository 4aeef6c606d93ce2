// A fleet of kiosk processes sharing one PostgreSQL registry (docs/fleet.md), for the default
// run (tests/reliability/pg-fleet.test.ts) and the stress run (tests/stress/pg-fleet.test.ts).
// Two data directories stand for two kiosk PCs (each its own demo signer and audit folder);
// every process has its own kioskId and asks for every ID in its own random order, several
// requests in flight, all starting together. Optionally a fault strikes in the middle: the database
// server crashed and restarted (`pg_ctl restart -m immediate`), every connection reset or
// blackholed by a loopback TCP proxy (tests/support/tcp-proxy.ts), or the primary killed and its
// synchronous standby promoted, the proxy moved to it as a failover tool moves a virtual IP.
// Then it looks from outside and reports what it found (FleetRun), for the test files to judge
// (tests/reliability/pg-fleet-guarantees.ts): at most one certificate handed out per ID, every one
// handed out is issued in the registry (nothing committed lost), the audit table matches the
// registry row for row, its chains verify, and every process got answers again after the fault
// (it reconnected by itself).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { loadOrCreateDemoTrust } from '../../core/dcc/demo-trust';
import { verifyHc1 } from '../../core/dcc/verify';
import { createIdFormat } from '../../core/id/genesenen-id';
import { createIdHasher } from '../../core/registry/id-hash';
import { verifyPgAudit } from '../../core/registry/pg/pg-audit';
import { openPgEngine } from '../../core/registry/pg/pg-engine';
import { createLogger, memorySink } from '../../core/log/logger';
import type { StaleRelease } from '../../core/registry/registry';
import { makeDirs } from '../issuance/kiosk-helpers';
import { announceFaultOver, startWorkersTogether, type RunningWorker, type WorkerLine } from './child-kiosk';
import { bulkPeople, writeKioskConfigs } from './people';
import { pgRegistryConfig, type PgCluster } from './pg-cluster';
import { outcomesOf, repeated, unmatched, workerExits, type WorkerExit } from './run-facts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy';

export interface FleetFigures {
  /** The workers' random orders derive from it: the same seed asks in the same orders again. */
  readonly seed: number;
  readonly fault?: FleetFault['kind'];
  readonly processes: number;
  readonly ids: number;
  /** Result lines of the requests (one each); the probe each process asks after a fault is not counted here. */
  readonly answers: number;
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

/** What one run found; each guarantee is judged on one of these. */
export interface FleetRun {
  readonly figures: FleetFigures;
  readonly workerExits: readonly WorkerExit[];
  /** Kiosks that got no registry answer (certificate, ALREADY_ISSUED, ISSUANCE_IN_PROGRESS) after the fault. */
  readonly kiosksSilentAfterFault: readonly string[];
  readonly idsHandedOutMoreThanOnce: readonly string[];
  readonly distinctIdsHandedOut: number;
  /** Reservations the sweep after a fault released for another reason than their process being gone. */
  readonly sweptNotOwnerGone: readonly StaleRelease[];
  readonly registryRowsNotIssued: readonly { id_hash: string; uvci: string; status: string }[];
  readonly idHashesIssuedMoreThanOnce: readonly string[];
  /** UVCIs handed out that the registry does not hold as issued for that ID (committed, then lost). */
  readonly handedOutNotInRegistry: readonly string[];
  /** UVCIs issued in the registry without a certificate.issued audit line, and the reverse. */
  readonly issuedWithoutAuditLine: readonly string[];
  readonly auditLinesWithoutIssued: readonly string[];
  /** `<kiosk> #<seq>: <reason>` where an audit chain breaks. */
  readonly auditChainProblems: readonly string[];
  /** UVCIs handed out that verify against neither PC's signer. */
  readonly certificatesNotVerifying: readonly string[];
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
): Promise<FleetRun> {
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
      // And each asks once more after the fault: one that finished its share while the fault was
      // being struck (the connection drop is struck twice, 300 ms apart) shows it reconnects too.
      ...(fault ? { retryUnavailableForMs: 120_000, probeAfterFault: true } : {}),
    });
    const seenBeforeFault = new Map<RunningWorker, number>();
    if (fault) {
      const total = () => workers.reduce((n, w) => n + results(w).length, 0);
      while (total() < fault.after && workers.some((w) => w.child.exitCode === null)) {
        await new Promise((r) => setTimeout(r, 10));
      }
      await strike(fault, cluster, proxy);
      for (const w of workers) seenBeforeFault.set(w, results(w).length);
      announceFaultOver(dirs.configDir);
    }
    const exits = await workerExits(workers, kioskIds);
    const seconds = (Date.now() - started) / 1000;

    const all = workers.flatMap(results);
    // Reconnected by itself: a process that got registry answers again after the fault.
    const answeredAgain = (w: RunningWorker) =>
      results(w)
        .slice(seenBeforeFault.get(w))
        .some((r) => r.ok || r.code === 'ALREADY_ISSUED' || r.code === 'ISSUANCE_IN_PROGRESS');
    const kiosksSilentAfterFault = fault ? kioskIds.filter((_, i) => !answeredAgain(workers[i]!)) : [];
    const handedOut = all.filter((r) => r.ok);
    const idsHandedOut = handedOut.map((r) => r.genesenenId);

    const hash = createIdHasher(readFileSync(registry.idHashKeyFile));
    const format = createIdFormat();
    const hashOf = (id: string) => {
      const n = format.normalize(id);
      if (!n.ok) throw new Error('invalid id');
      return hash(n.value.normalized);
    };
    // Reservations whose release failed while the server was away stay until their lease ends or
    // the next kiosk start sweeps them (their processes are gone): do that sweep, as a restart would.
    let swept: readonly StaleRelease[] = [];
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
      const released = await sweeper.value.registry.releaseStale();
      await sweeper.value.registry.close();
      if (!released.ok) throw new Error(`sweep: ${released.error.code}`);
      swept = released.value;
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
      const issuedUvcis = issued.map((r) => r.uvci);
      const registered = new Set(issued.map((r) => `${r.id_hash} ${r.uvci}`));
      const auditUvcis = (
        await client.query<{ uvci: string }>("SELECT uvci FROM audit_line WHERE event = 'certificate.issued'")
      ).rows.map((l) => l.uvci);
      const audit = await verifyPgAudit(client as unknown as pg.PoolClient);
      const certificatesNotVerifying: string[] = [];
      for (const r of handedOut) {
        const valid = await Promise.all(
          dscs.map(async (d) => (await verifyHc1(r.hc1!, { dscs: [d] }, { now: new Date() })).ok),
        );
        if (!valid.includes(true)) certificatesNotVerifying.push(r.uvci!);
      }
      return {
        figures: {
          seed,
          ...(fault ? { fault: fault.kind } : {}),
          processes: opts.processes,
          ids: opts.ids,
          answers: all.filter((r) => !r.probe).length,
          handedOut: handedOut.length,
          issuedInRegistry: issued.length,
          outcomes: outcomesOf(all),
          unavailableAnswers: all.reduce((n, r) => n + (r.unavailable ?? 0), 0),
          staleReleased: swept.length,
          seconds,
          ...(proxy ? { proxy: { ...proxy.stats } } : {}),
        },
        workerExits: exits,
        kiosksSilentAfterFault,
        idsHandedOutMoreThanOnce: repeated(idsHandedOut),
        distinctIdsHandedOut: new Set(idsHandedOut).size,
        sweptNotOwnerGone: swept.filter((s) => s.reason !== 'owner-gone'),
        registryRowsNotIssued: rows.filter((r) => r.status !== 'issued'),
        idHashesIssuedMoreThanOnce: repeated(issued.map((r) => r.id_hash)),
        handedOutNotInRegistry: handedOut
          .filter((r) => !registered.has(`${hashOf(r.genesenenId)} ${r.uvci}`))
          .map((r) => r.uvci!),
        issuedWithoutAuditLine: unmatched(issuedUvcis, auditUvcis),
        auditLinesWithoutIssued: unmatched(auditUvcis, issuedUvcis),
        auditChainProblems: audit.ok
          ? audit.value.broken.map((b) => `${b.kioskId} #${b.seq}: ${b.reason}`)
          : [`not verified: ${audit.error.code}`],
        certificatesNotVerifying,
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
