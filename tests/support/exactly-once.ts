// The "exactly once under load" scenario (docs/reliability.md), shared by the default run (a few processes,
// a few hundred IDs) and the stress run (8 processes, 2,000 IDs): N kiosk processes share one
// data directory (registry, secret, audit log), each asks for every ID in its own random order
// with several requests in flight, all starting together. Then the registry, the audit log and
// every returned certificate are checked from outside.
import { expect } from 'vitest';
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

export interface ExactlyOnceFigures {
  readonly processes: number;
  readonly ids: number;
  readonly requests: number;
  readonly issued: number;
  readonly outcomes: Record<string, number>;
}

export async function runExactlyOnce(opts: {
  processes: number;
  ids: number;
  concurrency: number;
  seed?: number;
}): Promise<ExactlyOnceFigures> {
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
    const exits = await Promise.all(workers.map((w) => w.exited));
    exits.forEach((e, i) => expect(e, workers[i]!.stderr()).toEqual({ code: 0, signal: null }));

    const results = workers.flatMap((w) =>
      w.lines.filter((l): l is WorkerLine & { genesenenId: string } => l.event === 'result'),
    );
    expect(results, `seed ${seed}`).toHaveLength(opts.processes * opts.ids);
    const outcomes: Record<string, number> = {};
    for (const r of results) outcomes[r.ok ? 'issued' : r.code!] = (outcomes[r.ok ? 'issued' : r.code!] ?? 0) + 1;
    // The only refusals a racing citizen may see: someone else got it, or is getting it right now.
    expect(
      Object.keys(outcomes).filter((o) => !['issued', 'ALREADY_ISSUED', 'ISSUANCE_IN_PROGRESS'].includes(o)),
      `seed ${seed}`,
    ).toEqual([]);

    const issued = results.filter((r) => r.ok);
    const perId = new Map<string, number>();
    for (const r of issued) perId.set(r.genesenenId, (perId.get(r.genesenenId) ?? 0) + 1);
    expect(
      people.filter((p) => perId.get(p.genesenenId) !== 1).map((p) => p.genesenenId),
      `seed ${seed}`,
    ).toEqual([]);

    const { integrity, rows } = inspectRegistry(registryPathOf(dirs.dataDir));
    expect(integrity).toBe('ok');
    const hashOf = idHashIn(dirs.dataDir);
    // No lost and no extra records: the registry holds exactly the certificates handed out.
    expect(rows.map((r) => `${r.id_hash} ${r.uvci} ${r.status}`).sort()).toEqual(
      issued.map((r) => `${hashOf(r.genesenenId)} ${r.uvci} issued`).sort(),
    );
    for (const r of issued) {
      const report = await verifyHc1(r.hc1!, { dscs: [dscDer] }, { now: new Date() });
      if (!report.ok) throw new Error(`certificate for ${r.uvci} does not verify: ${report.error}`);
    }
    const lines = auditLines(dirs.dataDir);
    expect(auditChain(dirs.dataDir).ok).toBe(true);
    expect(auditMatchesRegistry(lines, rows)).toEqual([]);
    expect(lines.filter((l) => l.event === 'certificate.issued')).toHaveLength(opts.ids);
    return { processes: opts.processes, ids: opts.ids, requests: results.length, issued: issued.length, outcomes };
  } finally {
    dirs.cleanup();
  }
}
