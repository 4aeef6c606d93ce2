// One citizen's issuance through the whole kiosk back end (docs/performance.md, `issue_usecase_latency`,
// goal p99 < 15 ms): KioskApi.issue on a kiosk made by createKiosk (temp data dir, demo signer,
// default file logging) — ID check, attempt limits, DiKoMa client → HTTP → simulator at zero
// latency, registry reserve/commit (SQLite, WAL, synchronous=FULL), signing, self-verification,
// audit line, QR SVG for the screen. Every issuance uses a fresh Genesenen-ID from a fixture of
// N people; endSession between citizens is not timed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createKiosk } from '../core/api/create-kiosk-api';
import { benchTempDir, writeKioskConfig, writePeopleFixture } from './fixtures';
import { latencyResult, type BenchGroup } from './harness';

export const usecaseGroup: BenchGroup = {
  names: ['issue_usecase_latency'],
  async run(ctx) {
    const n = ctx.quick ? 10 : 300;
    const warmup = ctx.quick ? 2 : 20;
    const people = writePeopleFixture('usecase', n + warmup);
    const dataDir = join(benchTempDir(), 'usecase-data');
    mkdirSync(dataDir, { recursive: true });
    const kiosk = await createKiosk({ dataDir, configPath: writeKioskConfig('usecase', people) });
    if (!kiosk.ok) throw new Error(`bench: createKiosk failed: ${kiosk.error.code}`);
    const { api } = kiosk.value;
    const samples: number[] = [];
    try {
      ctx.progress(`issue_usecase_latency: ${warmup} warm-up + ${n} issuances`);
      for (const [i, genesenenId] of people.ids.entries()) {
        const request = { genesenenId, familyName: people.familyName, dateOfBirth: people.dateOfBirth, lang: 'de' };
        const start = performance.now();
        const issued = await api.issue(request);
        const ms = performance.now() - start;
        if (!issued.ok) throw new Error(`bench: issuance failed: ${issued.error.code}`);
        if (i >= warmup) samples.push(ms);
        await api.endSession({});
      }
    } finally {
      await kiosk.value.close();
    }
    return { results: { issue_usecase_latency: latencyResult(samples) } };
  },
};
