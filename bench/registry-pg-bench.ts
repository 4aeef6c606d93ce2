// The fleet registry on PostgreSQL (docs/fleet.md): one reserve + commit — two transactions, the
// commit with its audit line — against a throwaway local server (tests/support/pg-cluster.ts,
// loopback TCP, fsync on) holding 1 million issued certificates. Extra fields: medians of the
// parts and of the refused reserve of an already issued ID. Skipped with the reason when the
// PostgreSQL binaries are missing. Goal: p99 below 10 ms.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { newUvci } from '../core/dcc/uvci';
import { createLogger, memorySink } from '../core/log/logger';
import { openPgEngine } from '../core/registry/pg/pg-engine';
import { pgRegistryConfig, pgSkipReason, startPgCluster } from '../tests/support/pg-cluster';
import { benchTempDir } from './fixtures';
import { latencyResult, measureLatency, type BenchGroup, type GroupOutput } from './harness';

const NAME = 'registry_pg_reserve_commit';
const ROWS = 1_000_000;
const randomIdHash = (): string => randomBytes(32).toString('hex');

export const registryPgGroup: BenchGroup = {
  names: [NAME],
  async run(ctx): Promise<GroupOutput> {
    const skip = pgSkipReason();
    if (skip) return { results: {}, skipped: { [NAME]: skip } };
    const cluster = await startPgCluster();
    try {
      const cfg = await pgRegistryConfig(cluster, 'bench', benchTempDir());
      const log = createLogger({ sink: memorySink(), level: 'error' });
      const engine = await openPgEngine({
        ...cfg,
        poolSize: 2,
        deadlineMs: 10_000,
        kioskId: 'bench',
        now: () => new Date(),
        log,
      });
      if (!engine.ok) throw new Error(`bench: ${engine.error.code}`);
      const { registry } = engine.value;
      await registry.issuedCount(); // applies the migrations
      const rows = ctx.quick ? 10_000 : ROWS;
      ctx.progress(`${NAME}: filling ${rows.toLocaleString('en-US')} rows …`);
      const fillStarted = performance.now();
      const client = new pg.Client({ connectionString: cfg.url });
      await client.connect();
      // Schema v2 (core/registry/pg/pg-migrations.ts): bytea hash, state 1 = issued, kiosk by number.
      await client.query("INSERT INTO kiosk (kiosk_id) VALUES ('bench-fill')");
      await client.query(
        `INSERT INTO issuance (id_hash, uvci, state, kiosk, reserved_at, issued_at)
         SELECT sha256(('fill' || g)::text::bytea), 'URN:UVCI:01:DE:FILL/' || g, 1,
                (SELECT id FROM kiosk WHERE kiosk_id = 'bench-fill'), 0, 0
         FROM generate_series(1, $1::int) g`,
        [rows],
      );
      await client.query('ANALYZE issuance');
      const sample = (
        await client.query<{ id_hash: string }>(
          "SELECT encode(id_hash, 'hex') AS id_hash FROM issuance ORDER BY random() LIMIT 500",
        )
      ).rows.map((r) => r.id_hash);
      await client.end();
      const fillSeconds = (performance.now() - fillStarted) / 1000;
      const parts = {
        reserve: [] as number[],
        commit: [] as number[],
        total: [] as number[],
        alreadyIssued: [] as number[],
      };
      let probe = 0;
      const task = async () => {
        const t0 = performance.now();
        const r = await registry.reserve(randomIdHash(), 'bench', () => newUvci('KIOSK'));
        const t1 = performance.now();
        if (!r.ok || r.value.kind !== 'reserved') throw new Error('bench: reserve failed');
        const res = r.value.reservation;
        const c = await registry.commit(res, {
          event: 'certificate.issued',
          outcome: 'ok',
          idHash: res.idHash,
          uvci: res.uvci,
        });
        const t2 = performance.now();
        if (!c.ok) throw new Error(`bench: commit failed: ${c.error.code}`);
        parts.reserve.push(t1 - t0);
        parts.commit.push(t2 - t1);
        parts.total.push(t2 - t0);
        const t3 = performance.now();
        const again = await registry.reserve(sample[probe++ % sample.length]!, 'bench', () => 'unused');
        parts.alreadyIssued.push(performance.now() - t3);
        if (!again.ok || again.value.kind !== 'already-issued') throw new Error('bench: expected already-issued');
      };
      const warmup = ctx.quick ? 3 : 20;
      ctx.progress(`${NAME}: reserve + commit`);
      await measureLatency({ [NAME]: task }, { n: ctx.quick ? 20 : 300, warmup });
      await registry.close();
      const med = (xs: number[]) => latencyResult(xs.slice(warmup)).median;
      return {
        results: {
          [NAME]: latencyResult(parts.total.slice(warmup), {
            rows,
            fillSeconds,
            reserveMedian: med(parts.reserve),
            commitMedian: med(parts.commit),
            alreadyIssuedMedian: med(parts.alreadyIssued),
          }),
        },
      };
    } finally {
      cluster.destroy();
    }
  },
};
