// Time of one issuance without network (docs/performance.md): the whole use case — validation,
// attempt limits, registry reserve/commit (synchronous=FULL, so one fsync), signing with the
// demo key, self-verification, audit line (fsync) — with the record lookup replaced by an
// in-memory RecordSource so the health office's latency is excluded.
// Run: npx tsx bench/issuance-bench.ts [count]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuditLog } from '../core/audit/audit-log';
import { loadConfig } from '../core/config/load-config';
import { loadRuleSet } from '../core/rules/rule-set';
import { createIdFormat } from '../core/id/genesenen-id';
import { createIssuanceService } from '../core/issuance/issuance-service';
import { loadSigner, readySigner } from '../core/issuance/signer-state';
import { addDays, utcDay } from '../core/issuance/validity-rules';
import { silentLogger } from '../core/log/logger';
import type { RecordSource, RecoveryRecord } from '../core/records/record-source';
import { createAttemptLimiter } from '../core/registry/attempt-limits';
import { openRegistryDatabase } from '../core/registry/database';
import { createIdHasher } from '../core/registry/id-hash';
import { createRegistry } from '../core/registry/registry';
import { sqliteAttemptGate, sqliteIssuanceRegistry } from '../core/registry/sqlite-port';
import { summary } from './stats';

const count = Number(process.argv[2] ?? 300);
const dir = mkdtempSync(join(tmpdir(), 'kiosk-bench-'));
try {
  const config = loadConfig();
  if (!config.ok) throw new Error('config');
  const db = openRegistryDatabase(join(dir, 'registry.sqlite'));
  if (!db.ok) throw new Error(db.error.code);
  const registry = createRegistry(db.value);
  const audit = createAuditLog({ dir: join(dir, 'audit'), kioskId: 'bench', lock: registry.exclusive });
  const signer = await loadSigner({ kind: 'demo' }, dir);
  const idFormat = createIdFormat();
  const today = utcDay(new Date());
  const records = new Map<string, RecoveryRecord>();
  const letters = (i: number): string =>
    (i < 26 ? '' : letters(Math.floor(i / 26) - 1)) + String.fromCharCode(97 + (i % 26));
  const people = Array.from({ length: count + 20 }, (_, i) => {
    const id = idFormat.generate();
    const norm = idFormat.normalize(id);
    if (!norm.ok) throw new Error('id');
    records.set(norm.value.normalized, {
      familyName: `Bench${letters(i)}`,
      givenName: 'B',
      dateOfBirth: '1970-01-01',
      firstPositiveTest: addDays(today, -40),
    });
    return { genesenenId: id, familyName: `Bench${letters(i)}`, dateOfBirth: '1970-01-01' };
  });
  const memorySource: RecordSource = {
    kind: 'memory',
    lookup: async (q) => {
      const r = records.get(q.genesenenId);
      return r ? { kind: 'match', record: r } : { kind: 'no-match' };
    },
    health: async () => ({ ok: true }),
  };
  const defaultRules = loadRuleSet(config.value.rules.businessRules);
  if (!defaultRules.ok) throw new Error('bench: the default rule set does not load');
  const service = createIssuanceService({
    kioskId: 'bench',
    demo: true,
    now: () => new Date(),
    idFormat,
    hashId: createIdHasher(Buffer.alloc(32, 7)),
    recordSource: memorySource,
    lookupDeadlineMs: 10_000,
    registry: sqliteIssuanceRegistry(registry, () => audit),
    limiter: sqliteAttemptGate(createAttemptLimiter(db.value)),
    limits: config.value.attemptLimits,
    signer: (at) => readySigner(signer, at),
    rules: config.value.rules,
    ruleSet: defaultRules.value,
    audit: (e) => audit.append(e),
    log: silentLogger,
  });
  const times: number[] = [];
  for (const [i, p] of people.entries()) {
    const t0 = performance.now();
    const r = await service.issue(p);
    const t1 = performance.now();
    if (!r.ok) throw new Error(r.error.code);
    if (i >= 20) times.push(t1 - t0); // the first calls compile the schema validator and warm up
  }
  console.log(JSON.stringify({ bench: 'issuance-without-network', ...summary(times) }));
  db.value.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
