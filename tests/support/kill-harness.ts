// Fault-injection harness (docs/reliability.md, "exactly once under crashes"): kills a kiosk process with
// SIGKILL at a chosen step of reserve → sign → self-verify → commit → print, then restarts the
// kiosk on the same data directory and checks what a citizen and an auditor would rely on:
//   - right after the kill the registry passes PRAGMA integrity_check and the ID's row is in the
//     state that step implies (nothing / reserved / issued);
//   - after the restart the ID is issued exactly once: a step before the commit leaves it free
//     (the retry issues a new, verifying certificate), a step after it leaves it issued (the
//     retry is ALREADY_ISSUED); never two issued rows, never a reservation left behind;
//   - the audit chain verifies and tells the registry's story (auditMatchesRegistry).
// Core steps use the crash tests' checkpoint (crash-checkpoint.ts); "mid-print" is reached when
// the fake printer has received the job's bytes, "after-print" by the worker after print().
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createKiosk } from '../../core/api/create-kiosk-api';
import { loadOrCreateDemoTrust } from '../../core/dcc/demo-trust';
import { verifyHc1 } from '../../core/dcc/verify';
import { CHECKPOINTS, type Checkpoint } from '../../core/issuance/issuance-deps';
import { makeDirs, type TestPerson } from '../issuance/kiosk-helpers';
import { startFakePrinter, type FakePrinter } from '../print/helpers/fake-printer';
import { startWorker, waitFor } from './child-kiosk';
import { bulkPeople, writeKioskConfigs } from './people';
import {
  auditChain,
  auditLines,
  auditMatchesRegistry,
  idHashIn,
  inspectRegistry,
  registryPathOf,
} from './registry-inspect';

export type KillPoint = Checkpoint | 'mid-print' | 'after-print';
export const KILL_POINTS: readonly KillPoint[] = [...CHECKPOINTS, 'mid-print', 'after-print'];

/** Registry state of the ID right after the kill, by step (both engines: tests/reliability/pg-kill-points.test.ts). */
export const STATE_AFTER_KILL: Record<KillPoint, 'none' | 'reserved' | 'issued'> = {
  'after-lookup': 'none',
  'after-reserve': 'reserved',
  'after-sign': 'reserved',
  'after-verify': 'reserved',
  'commit-before-audit': 'reserved',
  'commit-after-audit': 'reserved',
  'after-commit': 'issued',
  'mid-print': 'issued',
  'after-print': 'issued',
};

export interface KillHarness {
  readonly dataDir: string;
  readonly configDir: string;
  /** Config of a kiosk with a working printer, serving `people`. */
  readonly configPath: string;
  readonly dscDer: Uint8Array;
  /** People the simulator knows and that `killAt` does not use (for random kills, neighbours). */
  readonly spare: readonly TestPerson[];
  /** One kill at `point` for a person nobody asked for before; returns the retry's outcome. */
  killAt(point: KillPoint): Promise<'issued' | 'ALREADY_ISSUED'>;
  /** Whole-registry checks (integrity, at most one issued per ID, audit story). */
  checkAll(): void;
  readonly kills: () => number;
  close(): Promise<void>;
}

/**
 * `capacity` kills at fixed points plus `spare` people for random kills. Kills must run one at a
 * time: the restart runs in this (the test's) process, and SQLite's busy wait would block its
 * event loop while a paused child holds the write lock — the child could then never be killed.
 */
export async function createKillHarness(capacity: number, spare = 0): Promise<KillHarness> {
  const dirs = makeDirs();
  const everyone = bulkPeople(capacity + spare, new Date(), 'Absturzprobe');
  const people = everyone.slice(0, capacity);
  const printers: FakePrinter[] = [
    await startFakePrinter('epson', 'online'),
    await startFakePrinter('epson', 'paper-out-mid-job'),
  ];
  // Attempt limits out of the way: an attempt in flight when its process is killed keeps counting
  // until its window ends (fail closed, docs/reliability.md), and hundreds of kills would otherwise
  // lock the kiosk; these runs prove exactly-once, the limits have their own burst tests.
  const printerConfig = (p: FakePrinter) => ({
    printers: [{ kind: 'escpos', name: 'Bon', uri: p.uri, commandSet: 'epson', timeoutMs: 20_000 }],
    attemptLimits: {
      perId: { max: 10_000, windowSeconds: 3600 },
      perKiosk: { max: 10_000, windowSeconds: 3600 },
      clerkPin: { max: 5, windowSeconds: 900 },
    },
  });
  const [onlineConfig] = writeKioskConfigs(dirs.configDir, everyone, ['kiosk-crash'], printerConfig(printers[0]!));
  const stuckConfig = join(dirs.configDir, 'kiosk-stuck.json');
  writeKioskConfigs(dirs.configDir, everyone, ['kiosk-stuck'], printerConfig(printers[1]!));
  const dscDer = (await loadOrCreateDemoTrust(dirs.dataDir)).dscDer;
  const hashOf = idHashIn(dirs.dataDir);
  let used = 0;
  let kills = 0;

  const jobBytes = (p: FakePrinter) => p.connections.reduce((n, c) => n + c.length, 0);

  async function killAt(point: KillPoint): Promise<'issued' | 'ALREADY_ISSUED'> {
    const person: TestPerson =
      people[used++] ??
      (() => {
        throw new Error('harness capacity exhausted');
      })();
    const marker = join(dirs.configDir, `paused-${used}`);
    const stuck = printers[1]!;
    const before = jobBytes(stuck);
    const core = (CHECKPOINTS as readonly string[]).includes(point);
    const worker = await startWorker(
      {
        dataDir: dirs.dataDir,
        configPath: point === 'mid-print' ? stuckConfig : onlineConfig!,
        requests: [person],
        print: 'receipt',
        pauseBeforeIndex: 0,
        ...(core ? { pauseAt: point } : {}),
        pauseAfterPrint: point === 'after-print',
      },
      dirs.configDir,
      { KIOSK_TEST_PAUSE_MARKER: marker },
    );
    const alive = () => worker.child.exitCode === null && worker.child.signalCode === null;
    // The receipt's QR raster alone is several KB; status queries are a few bytes.
    const reached = point === 'mid-print' ? () => jobBytes(stuck) - before > 2000 : () => existsSync(marker);
    try {
      await waitFor(reached, alive, point);
    } catch (e) {
      throw new Error(`${(e as Error).message}: ${JSON.stringify(worker.lines)} ${worker.stderr()}`, { cause: e });
    }
    expect((await worker.kill()).signal).toBe('SIGKILL');
    kills++;
    rmSync(marker, { force: true });

    const hash = hashOf(person.genesenenId);
    const afterKill = inspectRegistry(registryPathOf(dirs.dataDir));
    expect(afterKill.integrity).toBe('ok');
    const mine = afterKill.rows.filter((r) => r.id_hash === hash);
    const expected = STATE_AFTER_KILL[point];
    expect(
      mine.map((r) => r.status),
      point,
    ).toEqual(expected === 'none' ? [] : [expected]);

    // Restart: a new kiosk opens the same data directory and the citizen tries again.
    const kiosk = await createKiosk({ dataDir: dirs.dataDir, configPath: onlineConfig!, logSink: () => undefined });
    if (!kiosk.ok) throw new Error(`restart failed: ${JSON.stringify(kiosk.error)}`);
    try {
      const retry = await kiosk.value.api.issue({ ...person, lang: 'de' });
      if (expected === 'issued') {
        expect(retry.ok ? 'issued again' : retry.error.code, point).toBe('ALREADY_ISSUED');
      } else {
        if (!retry.ok) throw new Error(`${point}: retry refused with ${retry.error.code}`);
        expect(mine.map((r) => r.uvci)).not.toContain(retry.value.uvci);
        const report = await verifyHc1(retry.value.hc1, { dscs: [dscDer] }, { now: new Date() });
        expect(report.ok).toBe(true);
      }
      const after = inspectRegistry(registryPathOf(dirs.dataDir)).rows.filter((r) => r.id_hash === hash);
      expect(
        after.map((r) => r.status),
        point,
      ).toEqual(['issued']);
      return retry.ok ? 'issued' : 'ALREADY_ISSUED';
    } finally {
      await kiosk.value.close();
    }
  }

  function checkAll(): void {
    // Audit first, registry second: a neighbouring kiosk may still be issuing. Its audit line is
    // written inside the commit transaction, so every line read here is, by the time the registry
    // is read, issued or still reserved. Read the other way round, a certificate reserved and
    // committed between the two reads looks like an audit line without a registry row.
    const lines = auditLines(dirs.dataDir);
    const { integrity, rows } = inspectRegistry(registryPathOf(dirs.dataDir));
    expect(integrity).toBe('ok');
    const issuedPerId = new Map<string, number>();
    for (const r of rows.filter((x) => x.status === 'issued'))
      issuedPerId.set(r.id_hash, (issuedPerId.get(r.id_hash) ?? 0) + 1);
    expect([...issuedPerId.values()].filter((n) => n !== 1)).toEqual([]);
    expect(auditChain(dirs.dataDir).ok).toBe(true);
    expect(auditMatchesRegistry(lines, rows)).toEqual([]);
  }

  return {
    dataDir: dirs.dataDir,
    configDir: dirs.configDir,
    configPath: onlineConfig!,
    dscDer,
    spare: everyone.slice(capacity),
    killAt,
    checkAll,
    kills: () => kills,
    close: async () => {
      await Promise.all(printers.map((p) => p.close()));
      dirs.cleanup();
    },
  };
}
