// Exactly once with the remote signer (docs/remote-signing.md, docs/reliability.md): a kiosk
// process killed (SIGKILL) after the signing service signed but before the commit has released
// nothing — no certificate left the process, the registry row is only reserved — and after a
// restart the reservation is recovered and the citizen gets one new, verifying certificate.
// The signature the service made for the dead process is harmless: its payload never left.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk } from '../../core/api/create-kiosk-api';
import { hashPin } from '../../core/clerk/pin-hash';
import { parseDsc } from '../../core/dcc/x509';
import { verifyHc1 } from '../../core/dcc/verify';
import { makeDirs, person } from '../issuance/kiosk-helpers';
import { startWorker, waitFor } from '../support/child-kiosk';
import { startRecordsService, type RecordsService } from '../support/records-service';
import {
  auditChain,
  auditLines,
  auditMatchesRegistry,
  idHashIn,
  inspectRegistry,
  registryPathOf,
} from '../support/registry-inspect';
import { startSigningService, type SigningService } from '../support/signing-service';

const NOW = new Date();
const POINTS = ['after-sign', 'after-verify', 'commit-before-audit', 'commit-after-audit'] as const;
const people = POINTS.map((_, i) => person(NOW, `Fernabsturz${'ABCD'[i]}`, 'Kai', '1966-06-16', 45));
const dirs = makeDirs();
let service: SigningService;
let records: RecordsService;
let configPath: string;

beforeAll(async () => {
  service = await startSigningService(dirs.configDir, { timeoutMs: 15_000 });
  records = await startRecordsService(people);
  configPath = join(dirs.configDir, 'kiosk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      kioskId: 'kiosk-remote-kill',
      recordSource: records.recordSource,
      signer: service.signerConfig,
      clerk: { pinHash: await hashPin('2468') },
    }),
  );
});
afterAll(async () => {
  await service?.sim.close();
  await records?.close();
  dirs.cleanup();
});

describe('remote signer under SIGKILL', () => {
  it.each(POINTS.map((p, i) => [p, i] as const))(
    'killed at %s after the service signed: nothing released, the reservation recovers',
    { timeout: 90_000 },
    async (point, i) => {
      const p = people[i]!;
      const marker = join(dirs.configDir, `paused-${point}`);
      const signedBefore = service.sim.requests.filter((r) => r.signed).length;
      const worker = await startWorker(
        { dataDir: dirs.dataDir, configPath, requests: [p], pauseAt: point, pauseBeforeIndex: 0, includeHc1: true },
        dirs.configDir,
        { KIOSK_TEST_PAUSE_MARKER: marker },
      );
      const alive = () => worker.child.exitCode === null && worker.child.signalCode === null;
      await waitFor(() => existsSync(marker), alive, point).catch((e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify(worker.lines)} ${worker.stderr()}`);
      });
      expect(service.sim.requests.filter((r) => r.signed).length).toBe(signedBefore + 1);
      expect((await worker.kill()).signal).toBe('SIGKILL');
      rmSync(marker, { force: true });
      // Nothing was handed out: no result line, and the ID is only reserved.
      expect(worker.lines.filter((l) => l.event === 'result')).toEqual([]);
      const hash = idHashIn(dirs.dataDir)(p.genesenenId);
      const afterKill = inspectRegistry(registryPathOf(dirs.dataDir));
      expect(afterKill.integrity).toBe('ok');
      const mine = afterKill.rows.filter((r) => r.id_hash === hash);
      expect(mine.map((r) => r.status)).toEqual(['reserved']);

      const kiosk = await createKiosk({ dataDir: dirs.dataDir, configPath, logSink: () => undefined });
      if (!kiosk.ok) throw new Error(JSON.stringify(kiosk.error));
      try {
        const retry = await kiosk.value.api.issue({ ...p, lang: 'de' });
        if (!retry.ok) throw new Error(`retry refused: ${retry.error.code}`);
        expect(mine.map((r) => r.uvci)).not.toContain(retry.value.uvci);
        const dsc = parseDsc(service.pki.dscPem);
        if (!dsc.ok) throw new Error('dsc');
        expect((await verifyHc1(retry.value.hc1, { dscs: [dsc.value.der] }, { now: new Date() })).ok).toBe(true);
      } finally {
        await kiosk.value.close();
      }
      const after = inspectRegistry(registryPathOf(dirs.dataDir));
      expect(after.rows.filter((r) => r.id_hash === hash).map((r) => r.status)).toEqual(['issued']);
      expect(auditChain(dirs.dataDir).ok).toBe(true);
      expect(auditMatchesRegistry(auditLines(dirs.dataDir), after.rows)).toEqual([]);
    },
  );
});
