// Fills a registry file with N issued certificates for registry-bench.ts (docs/performance.md). The schema comes
// from the registry's own migrations (openRegistryDatabase); the rows are raw INSERTs in one
// transaction, generated inside SQLite: random 32-byte ID hashes and random UVCIs of the real
// length, inserted in random key order, so the table (keyed by the ID hash) gets the page fill of
// a registry grown one certificate at a time. It runs in a worker thread: the fill blocks for minutes at 10 M rows, and
// the main thread must stay free to clean up the temp files on Ctrl+C (tsx kills an unresponsive
// child within 60 ms of a signal, which would leave gigabytes behind).
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { openRegistryDatabase } from '../core/registry/database';

export const FILL_KIOSK_ID = 'kiosk-bench';

/** Creates the file with `rows` issued certificates; returns the fill time in seconds. */
export function fillRegistry(path: string, rows: number): number {
  const opened = openRegistryDatabase(path);
  if (!opened.ok) throw new Error(`bench: cannot create registry: ${opened.error.code}`);
  const db = opened.value;
  const started = performance.now();
  try {
    // Bulk-load settings for this connection only; the measurement reopens the file with the
    // kiosk's own settings (WAL, synchronous=FULL, default cache).
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -4000000');
    db.pragma('locking_mode = EXCLUSIVE');
    const since = Date.now() - rows;
    db.transaction(() => {
      // Schema v4 (core/registry/migrations/004-compact-issuance.ts): state 1 = issued, the kiosk id
      // and the UVCI prefix in their lookup tables, the 24-character opaque part + check per row.
      db.prepare('INSERT INTO kiosk (kiosk_id) VALUES (?)').run(FILL_KIOSK_ID);
      db.prepare("INSERT INTO uvci_prefix (prefix) VALUES ('URN:UVCI:01:DE:KIOSK/')").run();
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
         INSERT INTO issuance (id_hash, state, seq, uvci_prefix, uvci_rest, kiosk, reserved_at, issued_at)
         SELECT randomblob(32), 1, 0, (SELECT id FROM uvci_prefix), substr(hex(randomblob(12)), 1, 24) || '#A',
                (SELECT id FROM kiosk), ? + i, ? + i
         FROM n`,
      ).run(rows, since, since);
    })();
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  return (performance.now() - started) / 1000;
}

/**
 * Worker bootstrap: workers do not inherit tsx's loader hooks, so the worker registers them
 * (tsx/esm/api) before importing this TypeScript file.
 */
const WORKER_BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then(({ register }) => { register(); return import(workerData.module); })`;

/** fillRegistry in a worker thread (this file); resolves with the fill time in seconds. */
export function fillRegistryInWorker(path: string, rows: number): Promise<{ seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_BOOT, {
      eval: true,
      workerData: { path, rows, module: import.meta.url, tsxApi: import.meta.resolve('tsx/esm/api') },
    });
    worker.once('message', (seconds: number) => resolve({ seconds }));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`bench: registry fill worker exited with ${code}`));
    });
  });
}

if (!isMainThread && parentPort) {
  const { path, rows } = workerData as { path: string; rows: number };
  parentPort.postMessage(fillRegistry(path, rows));
}
