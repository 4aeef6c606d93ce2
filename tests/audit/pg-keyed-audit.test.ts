// The fleet's audit table cannot be rewritten quietly either (docs/audit.md, "The fleet's audit
// table"): each kiosk's lines in `audit_line` are HMAC-chained under that kiosk's audit key, kept
// outside its data directory and never in the database. The attack, on PostgreSQL: someone who can
// write the database (a DBA, a restored backup) deletes an issuance and its audit line, re-chains
// the rest without the key, and the same person is issued again. `audit verify --config … --key …`
// must find it; a signed anchor must find the newest lines removed.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { defaultAuditKeyFile } from '../../core/audit/audit-key';
import { GENESIS_HASH, lineHash, type AuditLine } from '../../core/audit/audit-line';
import { main } from '../../core/cli/main';
import { makeDirs } from '../issuance/kiosk-helpers';
import { bulkPeople, writeKioskConfigs } from '../support/people';
import { pgRegistryConfig, pgSkipReason, startPgCluster, type PgCluster } from '../support/pg-cluster';

const skip = pgSkipReason();
if (skip) console.info(`PostgreSQL audit tests skipped: ${skip}`);
const dirs = makeDirs();
const people = bulkPeople(6, new Date(), 'Prueflinie');
let cluster: PgCluster;
let configA: string;
let kiosks: Kiosk[] = [];
const keyA = defaultAuditKeyFile(join(dirs.dataDir, 'pc-a'));
const keyB = defaultAuditKeyFile(join(dirs.dataDir, 'pc-b'));
const db = 'fleet_audit';

/** Runs the CLI; returns exit code and what it printed. */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await main(args), out };
  } finally {
    spy.mockRestore();
  }
}

const linesOf = async (kioskId: string) =>
  (
    await cluster.query<{ seq: string; line: string }>(
      'SELECT seq, line FROM audit_line WHERE kiosk_id = $1 ORDER BY seq',
      [kioskId],
      db,
    )
  ).map((r) => JSON.parse(r.line) as AuditLine);

beforeAll(async () => {
  if (skip) return;
  cluster = await startPgCluster();
  const registry = await pgRegistryConfig(cluster, db, dirs.configDir);
  const configs = writeKioskConfigs(dirs.configDir, people, ['kiosk-a', 'kiosk-b'], { registry });
  configA = configs[0]!;
  for (const [i, pc] of ['pc-a', 'pc-b'].entries()) {
    const k = await createKiosk({ dataDir: join(dirs.dataDir, pc), configPath: configs[i]!, logSink: () => undefined });
    if (!k.ok) throw new Error(k.error.code);
    kiosks.push(k.value);
  }
  for (const [i, p] of people.entries()) {
    const r = await kiosks[i % 2]!.api.issue({ ...p, lang: 'de' });
    if (!r.ok) throw new Error(r.error.code);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all(kiosks.map((k) => k.close()));
  kiosks = [];
  cluster?.destroy();
  dirs.cleanup();
});

describe.skipIf(skip !== undefined)("the fleet's audit table, keyed per kiosk", () => {
  it('every line in the table is an HMAC link under its kiosk key; the key itself is nowhere in the database', async () => {
    const lines = [...(await linesOf('kiosk-a')), ...(await linesOf('kiosk-b'))];
    expect(lines.length).toBeGreaterThanOrEqual(people.length);
    expect(lines.every((l) => l.alg === 'hmac-sha256' && /^[0-9a-f]{16}$/.test(l.keyId ?? ''))).toBe(true);
    expect(new Set(lines.map((l) => `${l.kioskId} ${l.keyId}`)).size).toBe(2);
    const { readFileSync } = await import('node:fs');
    const keyHex = readFileSync(keyA, 'utf8').trim();
    const dump = JSON.stringify(await cluster.query('SELECT * FROM audit_line', [], db));
    expect(dump).not.toContain(keyHex);
  });

  it('audit verify with both keys: every chain keyed and intact, exit 0', async () => {
    const r = await cli(['audit', 'verify', '--config', configA, '--key', `${keyA},${keyB}`]);
    expect(r.out).toContain('audit chains ok: 2 kiosks');
    expect(r.out).toContain('2 keyed');
    expect(r.code).toBe(0);
  });

  it('an anchor signed now finds the newest lines deleted later', async () => {
    const anchor = join(dirs.configDir, 'anchor-a.json');
    const made = await cli(['audit', 'anchor', '--config', configA, '--key', keyA, '--out', anchor]);
    expect(made.code, made.out).toBe(0);
    const both = `${keyA},${keyB}`;
    expect((await cli(['audit', 'verify', '--config', configA, '--key', both, '--anchor', anchor])).code).toBe(0);
    // The newest line of kiosk-a removed: the chain itself is still intact, the anchor is not.
    const [{ max }] = (await cluster.query<{ max: string }>(
      "SELECT max(seq) AS max FROM audit_line WHERE kiosk_id = 'kiosk-a'",
      [],
      db,
    )) as [{ max: string }];
    await cluster.query("DELETE FROM audit_line WHERE kiosk_id = 'kiosk-a' AND seq = $1", [max], db);
    const after = await cli(['audit', 'verify', '--config', configA, '--key', both, '--anchor', anchor]);
    expect(after.out).toContain('anchor-missing-line');
    expect(after.code).toBe(1);
  });

  it('the attack: an issuance deleted, the chain re-made without the key, the person issued again — verify finds it', async () => {
    const victim = people[0]!; // issued by kiosk-a
    const before = await linesOf('kiosk-a');
    const issued = before.find((l) => l.event === 'certificate.issued');
    expect(issued).toBeDefined();
    await cluster.query('DELETE FROM issuance WHERE uvci = $1', [issued!.uvci], db);
    // Re-chain kiosk-a's lines without that one: plain SHA-256 (no key), renumbered.
    const kept = before.filter((l) => l.seq !== issued!.seq);
    await cluster.query("DELETE FROM audit_line WHERE kiosk_id = 'kiosk-a'", [], db);
    let prev = GENESIS_HASH;
    for (const [i, l] of kept.entries()) {
      const { hash: _h, alg: _a, keyId: _k, ...rest } = l;
      const base = { ...rest, seq: i + 1, prev };
      const line = { ...base, hash: lineHash(base) };
      await cluster.query(
        'INSERT INTO audit_line (kiosk_id, seq, event, uvci, prev, hash, line) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        ['kiosk-a', line.seq, line.event, line.uvci ?? null, line.prev, line.hash, JSON.stringify(line)],
        db,
      );
      prev = line.hash;
    }
    // The registry no longer knows the ID: the same person gets a second certificate.
    const again = await kiosks[1]!.api.issue({ ...victim, lang: 'de' });
    expect(again.ok).toBe(true);
    // Without the key the re-made chain looks whole; with kiosk-a's key it does not.
    expect((await cli(['audit', 'verify', '--config', configA])).code).toBe(0);
    const keyed = await cli(['audit', 'verify', '--config', configA, '--key', `${keyA},${keyB}`]);
    expect(keyed.out).toMatch(/audit chain BROKEN: kiosk-a seq \d+ \(unkeyed\)/);
    expect(keyed.code).toBe(1);
  });

  it('a chain re-made with a guessed key is found as well', async () => {
    const lines = await linesOf('kiosk-b');
    const guessed = randomBytes(32);
    const first = lines[0]!;
    const { hash: _h, ...rest } = first;
    const forged = { ...rest, hash: lineHash(rest, guessed) };
    await cluster.query(
      "UPDATE audit_line SET hash = $1, line = $2 WHERE kiosk_id = 'kiosk-b' AND seq = 1",
      [forged.hash, JSON.stringify(forged)],
      db,
    );
    const r = await cli(['audit', 'verify', '--config', configA, '--key', keyB]);
    expect(r.out).toContain('audit chain BROKEN: kiosk-b seq 1 (hash-mismatch)');
    expect(r.code).toBe(1);
  });
});
