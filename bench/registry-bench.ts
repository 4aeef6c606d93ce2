// Registry cost as the registry grows (docs/performance.md): one reserve + commit — two write transactions,
// the commit fsynced (WAL, synchronous=FULL, core/registry/database.ts; the reservation commits with
// NORMAL, docs/reliability.md "Which commits wait for the disk") — with 1 and 10 million issued
// certificates already recorded; the two databases are measured interleaved. Extra fields: the
// file's bytes per row, the fill time, and medians of the parts (reserve of a new ID, commit, and
// the refused reserve of an already issued ID — the breakdown helper B1's first version had).
// The databases are filled by registry-fill.ts and deleted right after the measurement.
// --quick skips the 10 M database (~1 GB, minutes).
import { rmSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { newUvci } from '../core/dcc/uvci';
import { openRegistryDatabase, type RegistryDatabase } from '../core/registry/database';
import { createRegistry, type Registry } from '../core/registry/registry';
import { benchTempDir } from './fixtures';
import { FILL_KIOSK_ID, fillRegistryInWorker } from './registry-fill';
import { latencyResult, measureLatency, type BenchGroup, type BenchResult } from './harness';

const SIZES = { registry_reserve_1m: 1_000_000, registry_reserve_10m: 10_000_000 } as const;
/** Generous upper bound of the file size per row (measured ~100 B) for the free-space check. */
const DISK_BYTES_PER_ROW = 200;
const KIOSK_ID = FILL_KIOSK_ID;

const randomIdHash = (): string => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('hex');

interface Parts {
  /** reserve + commit: the figure reported. */
  readonly total: number[];
  readonly reserve: number[];
  readonly commit: number[];
  readonly alreadyIssued: number[];
}

/**
 * One round: reserve + commit of a new ID (timed: `total`), then an already-issued probe (timed
 * apart). The harness only drives the interleaving; its own timing would include the probe.
 */
function reserveAndCommit(registry: Registry, issuedHashes: readonly string[], parts: Parts): () => void {
  let probe = 0;
  return () => {
    const t0 = performance.now();
    const reserved = registry.reserve(randomIdHash(), KIOSK_ID, () => newUvci('KIOSK'));
    const t1 = performance.now();
    if (!reserved.ok || reserved.value.kind !== 'reserved') throw new Error('bench: reserve failed');
    const committed = registry.commit(reserved.value.reservation);
    const t2 = performance.now();
    if (!committed.ok) throw new Error(`bench: commit failed: ${committed.error.code}`);
    parts.total.push(t2 - t0);
    parts.reserve.push(t1 - t0);
    parts.commit.push(t2 - t1);
    const t3 = performance.now();
    const again = registry.reserve(issuedHashes[probe++ % issuedHashes.length]!, KIOSK_ID, () => 'unused');
    parts.alreadyIssued.push(performance.now() - t3);
    if (!again.ok || again.value.kind !== 'already-issued') throw new Error('bench: expected already-issued');
  };
}

/** Some ID hashes of the filled rows, for the already-issued probe. */
function sampleIssuedHashes(db: RegistryDatabase, count: number): string[] {
  // The first issued row at or after a random key (the table is keyed by the hash's bytes).
  // (The hex column is named apart: ORDER BY the alias would sort every row after the key.)
  const atOrAfter = db.prepare<[Buffer], { hex: string }>(
    'SELECT lower(hex(id_hash)) AS hex FROM issuance WHERE id_hash >= ? AND state = 1 ORDER BY id_hash LIMIT 1',
  );
  const low = Buffer.alloc(32);
  return Array.from(
    { length: count },
    () => (atOrAfter.get(Buffer.from(crypto.getRandomValues(new Uint8Array(32)))) ?? atOrAfter.get(low)!).hex,
  );
}

const medianOf = (xs: readonly number[]): number => latencyResult(xs).median;
/** Drops the warm-up rounds the harness ran before measuring. */
const measured = (xs: readonly number[], warmup: number): number[] => xs.slice(warmup);

function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
}

export const registryGroup: BenchGroup = {
  names: Object.keys(SIZES),
  async run(ctx) {
    const dir = benchTempDir();
    const open: {
      name: string;
      db: RegistryDatabase;
      registry: Registry;
      rows: number;
      path: string;
      fill: number;
      parts: Parts;
      task: () => void;
    }[] = [];
    const skipped: Record<string, string> = {};
    try {
      for (const [name, rows] of Object.entries(SIZES)) {
        if (!ctx.wanted(name)) continue;
        const needed = rows * DISK_BYTES_PER_ROW;
        if (freeBytes(dir) < needed * 1.2) {
          skipped[name] = `needs ~${(needed / 1e9).toFixed(1)} GB free in ${dir}`;
          ctx.progress(`${name}: skipped, ${skipped[name]}`);
          continue;
        }
        const path = join(dir, `${name}.sqlite`);
        ctx.progress(`${name}: filling ${rows.toLocaleString('en-US')} rows (one transaction) …`);
        const fill = await fillRegistryInWorker(path, rows);
        ctx.progress(`${name}: filled in ${fill.seconds.toFixed(0)} s`);
        const db = openRegistryDatabase(path);
        if (!db.ok) throw new Error(`bench: cannot reopen registry: ${db.error.code}`);
        const registry = createRegistry(db.value);
        const parts: Parts = { total: [], reserve: [], commit: [], alreadyIssued: [] };
        const task = reserveAndCommit(registry, sampleIssuedHashes(db.value, 500), parts);
        open.push({ name, db: db.value, registry, rows, path, fill: fill.seconds, parts, task });
      }
      const variants = Object.fromEntries(open.map((o) => [o.name, o.task]));
      ctx.progress(`registry: reserve + commit on ${open.map((o) => o.name).join(', ')}`);
      const warmup = ctx.quick ? 3 : 20;
      await measureLatency(variants, { n: ctx.quick ? 20 : 300, warmup });
      const results: Record<string, BenchResult> = {};
      for (const o of open) {
        o.db.pragma('wal_checkpoint(TRUNCATE)');
        const bytes = statSync(o.path).size;
        const p = (xs: readonly number[]) => measured(xs, warmup);
        results[o.name] = latencyResult(p(o.parts.total), {
          rows: o.rows,
          bytesPerRow: bytes / o.rows,
          fillSeconds: o.fill,
          reserveMedian: medianOf(p(o.parts.reserve)),
          commitMedian: medianOf(p(o.parts.commit)),
          alreadyIssuedMedian: medianOf(p(o.parts.alreadyIssued)),
        });
      }
      const ratios: Record<string, number> = {};
      if (results.registry_reserve_1m && results.registry_reserve_10m) {
        ratios.registry_reserve_10m_vs_1m = results.registry_reserve_10m.median / results.registry_reserve_1m.median;
      }
      return { results, ratios, skipped };
    } finally {
      for (const o of open) {
        o.registry.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(o.path + suffix, { force: true });
      }
    }
  },
};
