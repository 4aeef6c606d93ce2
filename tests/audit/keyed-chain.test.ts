// The audit cannot be rewritten quietly (docs/audit.md): lines are HMAC-chained under a key kept
// outside the data directory, anchors pin the chain head, identical refusals are aggregated and the
// directory is capped with an alarm. The attack: someone with write access to the data directory
// deletes an issuance from the registry and from the audit log, recomputes the chain without the key,
// and the same person is issued again; `audit verify` with the key must catch it.
import { chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createKiosk } from '../../core/api/create-kiosk-api';
import { createAnchor, verifyWithAnchors, writeAnchor } from '../../core/audit/anchor';
import { defaultAuditKeyFile, loadAuditKey } from '../../core/audit/audit-key';
import { auditKeyId, GENESIS_HASH, lineHash, type AuditLine } from '../../core/audit/audit-line';
import { createAuditLog } from '../../core/audit/audit-log';
import { verifyAuditChain } from '../../core/audit/verify-chain';
import { main } from '../../core/cli/main';
import { DEMO_PEOPLE } from '../../core/records/demo-records';
import { makeDirs } from '../issuance/kiosk-helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
const dirsFor = () => {
  const d = makeDirs();
  cleanups.push(d.cleanup);
  return d;
};
const erika = DEMO_PEOPLE[0]!;
const request = {
  genesenenId: erika.genesenenId,
  familyName: erika.familyName,
  dateOfBirth: erika.dateOfBirth,
  lang: 'de',
};

async function issueOnce(dataDir: string): Promise<string> {
  const k = await createKiosk({ dataDir });
  if (!k.ok) throw new Error(k.error.code);
  const r = await k.value.api.issue(request);
  await k.value.close();
  return r.ok ? r.value.uvci : r.error.code;
}

const auditLines = (dataDir: string): { file: string; lines: AuditLine[] } => {
  const dir = join(dataDir, 'audit');
  const file = join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.jsonl'))!,
  );
  return {
    file,
    lines: readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditLine),
  };
};

/** The attacker's rewrite: drop the issuance, renumber and rehash (SHA-256, or HMAC with a guessed key). */
function rewriteWithout(dataDir: string, uvci: string, guessedKey?: Buffer): void {
  const { file, lines } = auditLines(dataDir);
  let prev = GENESIS_HASH;
  const out = lines
    .filter((l) => l.uvci !== uvci)
    .map((l, i) => {
      const { hash: _h, alg: _a, keyId: _k, ...rest } = l;
      const base = {
        ...rest,
        seq: i + 1,
        prev,
        ...(guessedKey ? { alg: 'hmac-sha256' as const, keyId: l.keyId } : {}),
      };
      const line = { ...base, hash: lineHash(base, guessedKey) };
      prev = line.hash;
      return JSON.stringify(line);
    });
  writeFileSync(file, `${out.join('\n')}\n`);
}

describe('a rewritten audit is detected', () => {
  it('registry row deleted, chain recomputed without the key, person issued again: verify with the key fails', async () => {
    const { dataDir } = dirsFor();
    const uvci = await issueOnce(dataDir);
    expect(uvci).toMatch(/^URN:UVCI:/);
    const key = loadAuditKey(defaultAuditKeyFile(dataDir), dataDir);
    if (!key.ok) throw new Error(key.error.code);
    expect(verifyAuditChain(join(dataDir, 'audit'), { key: key.value }).ok).toBe(true);
    const anchorFile = join(dataDir, '..', 'anchor.json');
    const anchor = createAnchor(join(dataDir, 'audit'), key.value, 'kiosk-test');
    if (!anchor.ok) throw new Error('anchor');
    writeAnchor(anchorFile, anchor.value);

    const db = new Database(join(dataDir, 'registry.sqlite'));
    db.prepare(
      'DELETE FROM issuance WHERE (SELECT prefix FROM uvci_prefix WHERE id = uvci_prefix) || uvci_rest = ?',
    ).run(uvci);
    db.close();
    rewriteWithout(dataDir, uvci);
    expect(verifyAuditChain(join(dataDir, 'audit')).ok).toBe(true); // the old, unkeyed check is fooled
    const again = await issueOnce(dataDir);
    expect(again).toMatch(/^URN:UVCI:/); // the attack itself works on the registry

    const keyed = verifyAuditChain(join(dataDir, 'audit'), { key: key.value });
    expect(keyed).toMatchObject({ ok: false, error: { details: { line: 1, reason: 'unkeyed' } } });
  }, 60_000);

  it('recomputed with a guessed key: hash mismatch; a correct-looking chain is still caught by an older anchor', async () => {
    const { dataDir } = dirsFor();
    const uvci = await issueOnce(dataDir);
    const key = loadAuditKey(defaultAuditKeyFile(dataDir), dataDir);
    if (!key.ok) throw new Error(key.error.code);
    const anchor = createAnchor(join(dataDir, 'audit'), key.value, 'kiosk-test');
    if (!anchor.ok) throw new Error('anchor');
    const anchorFile = join(dataDir, '..', 'anchor.json');
    writeAnchor(anchorFile, anchor.value);
    expect(verifyWithAnchors(join(dataDir, 'audit'), key.value, [anchorFile])).toMatchObject({
      ok: true,
      value: { anchors: 1 },
    });

    rewriteWithout(dataDir, uvci, Buffer.alloc(32, 7));
    expect(verifyAuditChain(join(dataDir, 'audit'), { key: key.value })).toMatchObject({
      ok: false,
      error: { details: { reason: 'hash-mismatch' } },
    });
    // Even an insider holding the key cannot move the anchored head.
    rewriteWithout(dataDir, uvci, key.value.key);
    expect(verifyAuditChain(join(dataDir, 'audit'), { key: key.value }).ok).toBe(true);
    expect(verifyWithAnchors(join(dataDir, 'audit'), key.value, [anchorFile])).toMatchObject({
      ok: false,
      error: { details: { reason: expect.stringMatching(/^anchor-(hash-mismatch|missing-line)$/) } },
    });
    const forged = { ...anchor.value, hash: 'f'.repeat(64) };
    writeFileSync(anchorFile, JSON.stringify(forged));
    expect(verifyWithAnchors(join(dataDir, 'audit'), key.value, [anchorFile])).toMatchObject({
      ok: false,
      error: { details: { reason: 'anchor-mac' } },
    });
  }, 60_000);

  it("cli audit anchor / verify: ok on the kiosk's chain, exit 1 after the rewrite", async () => {
    const { dataDir } = dirsFor();
    const uvci = await issueOnce(dataDir);
    const anchorFile = join(dataDir, '..', 'head.json');
    expect(await main(['audit', 'anchor', '--data-dir', dataDir, '--out', anchorFile])).toBe(0);
    expect(await main(['audit', 'verify', '--data-dir', dataDir, '--anchor', anchorFile])).toBe(0);
    rewriteWithout(dataDir, uvci);
    expect(await main(['audit', 'verify', '--data-dir', dataDir])).toBe(1);
  }, 60_000);
});

describe('the audit key', () => {
  it('is generated outside the data directory, mode 0600; a group-readable or in-data-dir key stops start-up', async () => {
    const { dataDir, configDir } = dirsFor();
    expect(await issueOnce(dataDir)).toMatch(/^URN:UVCI:/);
    const keyFile = defaultAuditKeyFile(dataDir);
    expect(keyFile.startsWith(`${dataDir}/`)).toBe(false);
    expect(readdirSync(dataDir)).not.toContain('audit.key');
    expect((await import('node:fs')).statSync(keyFile).mode & 0o777).toBe(0o600);

    const loose = join(configDir, 'audit.key');
    writeFileSync(loose, `${'ab'.repeat(32)}\n`, { mode: 0o640 });
    chmodSync(loose, 0o640);
    const configPath = join(configDir, 'kiosk.json');
    writeFileSync(configPath, JSON.stringify({ audit: { keyFile: loose } }));
    expect(await createKiosk({ dataDir, configPath })).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
    const insideKey = join(dataDir, 'my.key');
    writeFileSync(insideKey, `${'ab'.repeat(32)}\n`, { mode: 0o600 });
    expect(loadAuditKey(insideKey, dataDir)).toMatchObject({
      ok: false,
      error: { details: { reason: 'inside-data-dir' } },
    });
    chmodSync(loose, 0o600);
    expect(loadAuditKey(loose, dataDir)).toMatchObject({
      ok: true,
      value: { keyId: auditKeyId(Buffer.from('ab'.repeat(32), 'hex')) },
    });
  }, 60_000);
});

describe('refusal bursts cannot fill the disk', () => {
  const key = { key: Buffer.alloc(32, 1), keyId: auditKeyId(Buffer.alloc(32, 1)) };
  const refusal = {
    event: 'issuance.refused' as const,
    outcome: 'refused' as const,
    code: 'NOT_FOUND',
    idHash: 'a'.repeat(64),
  };
  const open = (maxBytes?: number) => {
    const { dataDir } = dirsFor();
    const dir = join(dataDir, 'audit');
    mkdirSync(dir);
    const log = createAuditLog({ dir, kioskId: 'k', lock: (fn) => fn(), key, ...(maxBytes ? { maxBytes } : {}) });
    const read = () => auditLines(dataDir).lines;
    return { dir, log, read };
  };

  it('identical refusals become one line plus one line with the count; a different entry ends the run', () => {
    const { dir, log, read } = open();
    for (let i = 0; i < 50; i++) log.append(refusal);
    log.append({ ...refusal, code: 'TOO_EARLY' });
    log.flush();
    const lines = read();
    expect(lines.map((l) => [l.code, l.count])).toEqual([
      ['NOT_FOUND', undefined],
      ['NOT_FOUND', 49],
      ['TOO_EARLY', undefined],
    ]);
    expect(verifyAuditChain(dir, { key }).ok).toBe(true);
  });

  it('past 80 % of the cap the status says AUDIT_SPACE_LOW; at the cap refusals are only counted, issuances still written', () => {
    const { dir, log, read } = open(64 * 1024);
    expect(log.health()).toMatchObject({ state: 'ok' });
    let i = 0;
    while (log.health().code === undefined) log.append({ ...refusal, idHash: (i++).toString(16).padStart(64, '0') });
    expect(log.health().code).toBe('AUDIT_SPACE_LOW');
    while (log.health().code !== 'AUDIT_CAP_REACHED')
      log.append({ ...refusal, idHash: (i++).toString(16).padStart(64, '0') });
    const before = read().length;
    for (let j = 0; j < 1000; j++) log.append({ ...refusal, idHash: (i++).toString(16).padStart(64, '0') });
    expect(read().length).toBe(before);
    log.append({ event: 'certificate.issued', outcome: 'ok', uvci: 'URN:UVCI:01:DE:T/1', idHash: 'b'.repeat(64) });
    expect(read().at(-1)).toMatchObject({ event: 'certificate.issued' });
    expect(verifyAuditChain(dir, { key }).ok).toBe(true);
  });
});
