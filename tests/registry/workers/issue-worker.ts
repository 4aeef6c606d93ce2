// Child process for tests/registry/multi-process.test.ts: opens the kiosk runtime on a shared
// data directory (shared registry file) with its own in-process simulator serving the given
// fixture, issues a certificate for every listed person at once, and prints one JSON line per
// person: { genesenenId, ok, uvci? , code? }. Real demo signer, real verifier self-check.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openKioskRuntime } from '../../../core/api/kiosk-runtime';
import { loadConfig } from '../../../core/config/load-config';
import { fixtureSchema } from '../../../core/records/fixture';

const [dataDir, fixturePath, barrierDir] = process.argv.slice(2);
if (!dataDir || !fixturePath) throw new Error('usage: issue-worker DATA_DIR FIXTURE.json [BARRIER_DIR]');
const fixture = fixtureSchema.parse(JSON.parse(readFileSync(fixturePath, 'utf8')));
const config = loadConfig();
if (!config.ok) throw new Error('config');
const runtime = await openKioskRuntime({
  dataDir,
  config: { ...config.value, kioskId: `kiosk-worker-${process.pid}` },
  fixture,
  logSink: () => undefined,
});
if (!runtime.ok) {
  process.stdout.write(`${JSON.stringify({ fatal: runtime.error.code })}\n`);
  process.exit(1);
}
// Start barrier: report ready, then wait for the parent's "go" so that all workers issue at once.
if (barrierDir) {
  writeFileSync(join(barrierDir, `ready-${process.pid}`), '');
  while (!existsSync(join(barrierDir, 'go'))) await new Promise((r) => setTimeout(r, 5));
}
const people = JSON.parse(readFileSync(fixturePath, 'utf8')).records as {
  genesenenId: string;
  familyName: string;
  dateOfBirth: string;
}[];
/** Answers after which a citizen is told to try again; on a loaded machine the lookup can time out. */
const TRY_AGAIN = new Set(['SOURCE_TIMEOUT', 'SOURCE_UNREACHABLE', 'REGISTRY_UNAVAILABLE']);
const TRY_AGAIN_FOR_MS = 120_000;
const results = await Promise.all(
  people.map(async (p) => {
    const giveUp = Date.now() + TRY_AGAIN_FOR_MS;
    let r = await runtime.value.issuance.issue(p);
    while (!r.ok && TRY_AGAIN.has(r.error.code) && Date.now() < giveUp) r = await runtime.value.issuance.issue(p);
    return r.ok
      ? { genesenenId: p.genesenenId, ok: true, uvci: r.value.uvci, hc1: r.value.certificate.hc1 }
      : { genesenenId: p.genesenenId, ok: false, code: r.error.code };
  }),
);
for (const r of results) process.stdout.write(`${JSON.stringify(r)}\n`);
await runtime.value.close();
