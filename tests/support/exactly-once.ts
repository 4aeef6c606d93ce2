// The "exactly once under load" scenario (docs/reliability.md), shared by the default run (a few processes,
// a few hundred IDs) and the stress run (8 processes, 2,000 IDs): N kiosk processes share one
// data directory (registry, secret, audit log), each asks for every ID in its own random order
// with several requests in flight, all starting together. Then the registry, the audit log and
// every returned certificate are looked at from outside. The run only reports what it found; the
// test files judge it (tests/reliability/exactly-once-guarantees.ts).
import { loadOrCreateDemoTrust } from '../../core/dcc/demo-trust';
import { verifyHc1 } from '../../core/dcc/verify';
import { makeDirs } from '../issuance/kiosk-helpers';
import { startWorkersTogether, type WorkerLine } from './child-kiosk';
import { bulkPeople, writeKioskConfigs } from './people';
import {
  auditChain,
  auditLines,
  auditMatchesRegistry,
  idHashIn,
  inspectRegistry,
  registryPathOf,
} from './registry-inspect';
import { outcomesOf, unmatched, workerExits, type WorkerExit } from './run-facts';

export interface ExactlyOnceFigures {
  /** The workers' random orders derive from it: the same seed asks in the same orders again. */
  readonly seed: number;
  readonly processes: number;
  readonly ids: number;
  /** Result lines the workers reported (one per request asked). */
  readonly answers: number;
  readonly issued: number;
  readonly outcomes: Record<string, number>;
}

/** What one run found; each guarantee is judged on one of these. */
export interface ExactlyOnceRun {
  readonly figures: ExactlyOnceFigures;
  readonly workerExits: readonly WorkerExit[];
  readonly idsIssuedMoreThanOnce: readonly string[];
  readonly idsNeverIssued: readonly string[];
  /** SQLite's integrity_check of the registry ('ok' when sound). */
  readonly registryIntegrity: string;
  /** `<id hash> <uvci> issued` of certificates handed out that the registry lacks, and the reverse. */
  readonly handedOutNotInRegistry: readonly string[];
  readonly registryRowsNotHandedOut: readonly string[];
  /** `<uvci>: <error>` of every certificate handed out that does not verify. */
  readonly certificatesNotVerifying: readonly string[];
  /** Where and why the audit log's hash chain breaks; undefined when it verifies. */
  readonly auditChainBreak: string | undefined;
  /** Where the audit log and the registry tell different stories (auditMatchesRegistry). */
  readonly auditMismatches: readonly string[];
  readonly auditIssuedLines: number;
}

export async function runExactlyOnce(opts: {
  processes: number;
  ids: number;
  concurrency: number;
  seed?: number;
}): Promise<ExactlyOnceRun> {
  const dirs = makeDirs();
  try {
    const now = new Date();
    const people = bulkPeople(opts.ids, now, 'Einmalig');
    const kioskIds = Array.from({ length: opts.processes }, (_, i) => `kiosk-load-${i + 1}`);
    const configs = writeKioskConfigs(dirs.configDir, people, kioskIds);
    const dscDer = (await loadOrCreateDemoTrust(dirs.dataDir)).dscDer; // created once, up front
    const seed = opts.seed ?? Date.now();
    const workers = await startWorkersTogether(dirs.configDir, configs, () => dirs.dataDir, people, {
      seed,
      concurrency: opts.concurrency,
    });
    const exits = await workerExits(workers, kioskIds);

    const answers = workers.flatMap((w) =>
      w.lines.filter((l): l is WorkerLine & { genesenenId: string } => l.event === 'result'),
    );
    const issued = answers.filter((r) => r.ok);
    const perId = new Map<string, number>();
    for (const r of issued) perId.set(r.genesenenId, (perId.get(r.genesenenId) ?? 0) + 1);

    const { integrity, rows } = inspectRegistry(registryPathOf(dirs.dataDir));
    const hashOf = idHashIn(dirs.dataDir);
    const registryRows = rows.map((r) => `${r.id_hash} ${r.uvci} ${r.status}`);
    const handedOut = issued.map((r) => `${hashOf(r.genesenenId)} ${r.uvci} issued`);
    const certificatesNotVerifying: string[] = [];
    for (const r of issued) {
      const report = await verifyHc1(r.hc1!, { dscs: [dscDer] }, { now: new Date() });
      if (!report.ok) certificatesNotVerifying.push(`${r.uvci}: ${report.error}`);
    }
    const lines = auditLines(dirs.dataDir);
    const chain = auditChain(dirs.dataDir);
    return {
      figures: {
        seed,
        processes: opts.processes,
        ids: opts.ids,
        answers: answers.length,
        issued: issued.length,
        outcomes: outcomesOf(answers),
      },
      workerExits: exits,
      idsIssuedMoreThanOnce: people.filter((p) => (perId.get(p.genesenenId) ?? 0) > 1).map((p) => p.genesenenId),
      idsNeverIssued: people.filter((p) => !perId.has(p.genesenenId)).map((p) => p.genesenenId),
      registryIntegrity: integrity,
      handedOutNotInRegistry: unmatched(handedOut, registryRows),
      registryRowsNotHandedOut: unmatched(registryRows, handedOut),
      certificatesNotVerifying,
      auditChainBreak: chain.ok ? undefined : JSON.stringify(chain.error.details),
      auditMismatches: auditMatchesRegistry(lines, rows),
      auditIssuedLines: lines.filter((l) => l.event === 'certificate.issued').length,
    };
  } finally {
    dirs.cleanup();
  }
}
