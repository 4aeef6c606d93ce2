// `cli stats` (docs/monitoring.md, "Usage figures"): after a load run like the reliability
// suite's (three kiosks racing for the same IDs on one registry, wrong names in between) the
// figures per kiosk, office and day agree with the audit log line by line; a clerk reissue
// shows as reissued + superseded; and the output holds no ID hash, UVCI or name (byte scan).
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dataPaths } from '../../core/paths';
import { DEMO_PEOPLE } from '../../core/records/demo-records';
import { statsCsv, usageStats, type UsageStats } from '../../core/stats/usage-stats';
import { makeDirs, openKiosk } from '../issuance/kiosk-helpers';
import { bulkPeople, shuffled, writeKioskConfigs } from '../support/people';
import { auditLines, inspectRegistry, registryPathOf } from '../support/registry-inspect';

const ROOT = join(__dirname, '../..');
const today = () => new Date().toISOString().slice(0, 10);
const countBy = <T>(items: readonly T[], key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
};
const rowsAsRecord = (s: UsageStats, field: 'issued' | 'reissued' | 'superseded' | 'refused') =>
  Object.fromEntries(s.rows.filter((r) => r[field] > 0).map((r) => [r.key, r[field]]));

/** No ID hash or UVCI from the registry, and no name, in the output. */
function expectNothingPersonal(output: string, dataDir: string, names: readonly string[] = []): void {
  const { rows } = inspectRegistry(registryPathOf(dataDir));
  const needles = [
    ...rows.flatMap((r) => [r.id_hash, r.id_hash.slice(0, 16), r.uvci, r.uvci.split('/')[1]!.slice(0, 10)]),
    ...names,
  ];
  expect(needles.filter((n) => output.includes(n))).toEqual([]);
}

describe('cli stats', () => {
  it('agrees with the audit log after a load run (per kiosk, per office, per day)', { timeout: 170_000 }, async () => {
    const dirs = makeDirs();
    const kioskIds = ['kiosk-load-1', 'kiosk-load-2', 'kiosk-load-3'];
    const people = bulkPeople(20, new Date(), 'Zaehlbar');
    const configs = writeKioskConfigs(dirs.configDir, people, kioskIds);
    const kiosks = await Promise.all(
      configs.map((configPath) => openKiosk({ dataDir: dirs.dataDir, configPath, now: () => new Date() })),
    );
    try {
      // Every kiosk asks for every ID (ALREADY_ISSUED races) plus a wrong name per ID (NOT_FOUND).
      const outcomes = await Promise.all(
        kiosks.map(async (k, i) => {
          const results: string[] = [];
          for (const p of shuffled(people, 17 + i)) {
            const requests = [{ ...p, lang: 'de' }, ...(i === 0 ? [{ ...p, familyName: 'Falsch', lang: 'de' }] : [])];
            for (const r of await Promise.all(requests.map((q) => k.api.issue(q))))
              results.push(r.ok ? 'issued' : r.error.code);
          }
          return results;
        }),
      );
      const handedOut = outcomes.flat().filter((o) => o === 'issued').length;
      const dataDir = dirs.dataDir;
      const lines = auditLines(dataDir);
      const issuedLines = lines.filter((l) => l.event === 'certificate.issued');
      const refusedLines = lines.filter((l) => l.event === 'issuance.refused');
      expect(refusedLines.length).toBeGreaterThan(0);
      const offices = new Map(kioskIds.map((k, i) => [k, i === 0 ? 'buergeramt-nord' : 'buergeramt-sued'] as const));
      const src = { registryPath: registryPathOf(dataDir), auditDir: dataPaths(dataDir).auditDir, offices };
      const byKiosk = usageStats(src, today(), today(), 'kiosk');
      expect(byKiosk.total.issued).toBe(handedOut);
      expect(rowsAsRecord(byKiosk, 'issued')).toEqual(countBy(issuedLines, (l) => l.kioskId));
      expect(rowsAsRecord(byKiosk, 'refused')).toEqual(countBy(refusedLines, (l) => l.kioskId));
      for (const row of byKiosk.rows) {
        for (const code of ['ALREADY_ISSUED', 'NOT_FOUND']) {
          expect(row.refusals[code]).toBe(refusedLines.filter((l) => l.kioskId === row.key && l.code === code).length);
        }
      }
      const byOffice = usageStats(src, today(), today(), 'office');
      expect(rowsAsRecord(byOffice, 'issued')).toEqual(countBy(issuedLines, (l) => offices.get(l.kioskId)!));
      const byDay = usageStats(src, today(), today(), 'day');
      expect(byDay.rows.map((r) => [r.key, r.issued, r.refused])).toEqual([
        [today(), issuedLines.length, refusedLines.length],
      ]);
      // A period without the load day counts nothing.
      expect(usageStats(src, '2020-01-01', '2020-01-31', 'day').total.issued).toBe(0);

      // The command itself: office mapping from configuration files, CSV and JSON.
      const statsConfigs = kioskIds.map((kioskId) => {
        const p = join(dirs.configDir, `stats-${kioskId}.json`);
        writeFileSync(p, JSON.stringify({ kioskId, office: offices.get(kioskId) }));
        return p;
      });
      const run = (args: string[]) =>
        promisify(execFile)(
          'npx',
          ['tsx', 'core/cli/main.ts', 'stats', ...args, '--data-dir', dataDir, '--config', statsConfigs.join(',')],
          {
            cwd: ROOT,
            encoding: 'utf8',
          },
        );
      const csv = (await run(['--from', today(), '--to', today(), '--by', 'office'])).stdout;
      expect(csv).toBe(statsCsv(byOffice));
      expect(csv.split('\n')[0]).toBe(
        'office,issued,reissued,superseded,refused,refused_NOT_FOUND,refused_TOO_EARLY,refused_TOO_LATE,' +
          'refused_ALREADY_ISSUED,refused_TOO_MANY_ATTEMPTS',
      );
      const json = (await run(['--from', today(), '--to', today(), '--by', 'kiosk', '--format', 'json'])).stdout;
      expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(byKiosk)));
      expectNothingPersonal(csv + json, dataDir, ['Zaehlbar', 'Falsch']);
    } finally {
      await Promise.all(kiosks.map((k) => k.close()));
      dirs.cleanup();
    }
  });

  it('counts a clerk reissue as reissued, and the replaced certificate as superseded', async () => {
    const dirs = makeDirs();
    try {
      const kiosk = await openKiosk({ dataDir: dirs.dataDir, now: () => new Date() });
      const erika = DEMO_PEOPLE[0]!;
      const req = {
        genesenenId: erika.genesenenId,
        familyName: erika.familyName,
        dateOfBirth: erika.dateOfBirth,
        lang: 'de',
      };
      expect((await kiosk.api.issue(req)).ok).toBe(true);
      expect((await kiosk.api.issue(req)).ok).toBe(false);
      const unlock = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: '246810' });
      if (!unlock.ok) throw new Error(unlock.error.code);
      expect(
        (await kiosk.api.clerkReissue({ ...req, token: unlock.value.token, reason: 'Ausdruck verloren' })).ok,
      ).toBe(true);
      const src = {
        registryPath: registryPathOf(dirs.dataDir),
        auditDir: dataPaths(dirs.dataDir).auditDir,
        offices: new Map(),
      };
      const s = usageStats(src, today(), today(), 'day');
      expect(s.total).toMatchObject({
        issued: 1,
        reissued: 1,
        superseded: 1,
        refused: 1,
        refusals: { ALREADY_ISSUED: 1 },
      });
      expect(s.rows.map((r) => r.key)).toEqual([today()]);
      const lines = auditLines(dirs.dataDir);
      expect(lines.filter((l) => l.event === 'certificate.reissued')).toHaveLength(s.total.reissued);
      const office = usageStats(src, today(), today(), 'office');
      expect(office.rows.map((r) => r.key)).toEqual(['(unknown)']);
      expectNothingPersonal(JSON.stringify(s) + statsCsv(s), dirs.dataDir, [
        erika.familyName,
        erika.dateOfBirth,
        'Ausdruck',
      ]);
      await kiosk.close();
    } finally {
      dirs.cleanup();
    }
  });
});
