// Registry reservation time with a large registry (issue 3 figures): fills a registry with
// `rows` issued certificates (default 1 million), then times `reserve` for new IDs — one
// BEGIN IMMEDIATE transaction with two index lookups, one insert and a commit with
// synchronous=FULL — and, separately, the commit that marks a reservation issued.
// Run: npx tsx bench/registry-bench.ts [rows] [samples]
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRegistryDatabase } from '../core/registry/database';
import { createRegistry } from '../core/registry/registry';
import { summary } from './stats';

const rows = Number(process.argv[2] ?? 1_000_000);
const samples = Number(process.argv[3] ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'kiosk-registry-bench-'));
const hash = (n: number) => createHash('sha256').update(String(n)).digest('hex');
try {
  const path = join(dir, 'registry.sqlite');
  const db = openRegistryDatabase(path);
  if (!db.ok) throw new Error(db.error.code);
  const fillStart = performance.now();
  const insert = db.value.prepare(
    "INSERT INTO issuance (id_hash, uvci, status, kiosk_id, reserved_at, issued_at) VALUES (?, ?, 'issued', 'bench', ?, ?)",
  );
  const fill = db.value.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) insert.run(hash(i), `URN:UVCI:01:DE:BENCH/${i.toString(36).toUpperCase().padStart(12, '0')}`, i, i);
  });
  for (let i = 0; i < rows; i += 100_000) fill(i, Math.min(rows, i + 100_000));
  db.value.pragma('wal_checkpoint(TRUNCATE)');
  const fillSeconds = (performance.now() - fillStart) / 1000;

  const registry = createRegistry(db.value);
  let n = 0;
  const reserveMs: number[] = [];
  const commitMs: number[] = [];
  const existingMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const idHash = hash(rows + i);
    const t0 = performance.now();
    const r = registry.reserve(idHash, 'bench', () => `URN:UVCI:01:DE:BENCHNEW/${(n++).toString(36).toUpperCase()}`);
    const t1 = performance.now();
    if (!r.ok || r.value.kind !== 'reserved') throw new Error('reserve failed');
    const c = registry.commit(r.value.reservation);
    const t2 = performance.now();
    if (!c.ok) throw new Error(c.error.code);
    // An ID that is already issued (the "second attempt" path): lookup only.
    const t3 = performance.now();
    const again = registry.reserve(hash(i * 997), 'bench', () => 'unused');
    const t4 = performance.now();
    if (!again.ok || again.value.kind !== 'already-issued') throw new Error('expected already-issued');
    reserveMs.push(t1 - t0);
    commitMs.push(t2 - t1);
    existingMs.push(t4 - t3);
  }
  console.log(
    JSON.stringify({
      bench: 'registry',
      rows,
      fileMB: Math.round(statSync(path).size / 1e6),
      fillSeconds: Math.round(fillSeconds),
      reserveNew: summary(reserveMs),
      commit: summary(commitMs),
      reserveAlreadyIssued: summary(existingMs),
    }),
  );
  db.value.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
