// Every superseded or revoked certificate reaches a revocation export (docs/revocation.md). A demo
// kiosk issues, a clerk reissues (superseding the first certificate), an administrator revokes a
// second person's certificate with `cli revoke`; the audit lines carry the three EU revocation
// hashes, which equal hashes computed here with cbor-x, base45, zlib and node:crypto from the COSE
// bytes; `cli revocation export` writes gateway batches holding them and nothing personal.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import base45 from 'base45';
import { decode as cborDecode, Tag } from 'cbor-x';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk } from '../../core/api/create-kiosk-api';
import type { AuditLine } from '../../core/audit/audit-line';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { main } from '../../core/cli/main';
import { DEMO_PEOPLE } from '../../core/records/demo-records';
import { readAuditLines, type RevocationBatch } from '../../core/revocation/revocation-export';
import { makeDirs } from '../issuance/kiosk-helpers';
import { findPersonalData } from '../support/personal-data-scan';

const dirs = makeDirs();
const [erika, max] = [DEMO_PEOPLE[0]!, DEMO_PEOPLE[1]!];
const issued: { uvci: string; hc1: string }[] = [];
let reissued: { uvci: string; hc1: string };

/** The three hashes, computed without engine code from the HC1 string. */
function independentHashes(hc1: string) {
  const cose = inflateSync(base45.decode(hc1.slice(4)));
  const tagged = cborDecode(cose) as Tag;
  const [protectedBytes, , payload, signature] = tagged.value as [Uint8Array, unknown, Uint8Array, Uint8Array];
  const header = cborDecode(protectedBytes) as Record<string, unknown>;
  const claims = cborDecode(payload) as Record<string, unknown>;
  const uvci = (claims['-260'] as Record<string, { r: { ci: string }[] }>)['1']!.r[0]!.ci;
  const h = (b: Uint8Array | string) => createHash('sha256').update(b).digest().subarray(0, 16).toString('base64');
  expect(header['1']).toBe(-7); // ES256: the SIGNATURE hash covers r, the first 32 of 64 bytes
  expect(signature).toHaveLength(64);
  return {
    kid: Buffer.from(header['4'] as Uint8Array).toString('base64'),
    uci: h(uvci),
    countryCodeUci: h(`${claims['1'] as string}${uvci}`),
    signature: h(signature.subarray(0, 32)),
  };
}

beforeAll(async () => {
  const k = await createKiosk({ dataDir: dirs.dataDir });
  if (!k.ok) throw new Error(k.error.code);
  const { api } = k.value;
  for (const p of [erika, max]) {
    const r = await api.issue({
      genesenenId: p.genesenenId,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      lang: 'de',
    });
    if (!r.ok) throw new Error(r.error.code);
    issued.push({ uvci: r.value.uvci, hc1: r.value.hc1 });
    await api.endSession({});
  }
  const unlock = await api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
  if (!unlock.ok) throw new Error(unlock.error.code);
  const req = {
    genesenenId: erika.genesenenId,
    familyName: erika.familyName,
    dateOfBirth: erika.dateOfBirth,
    lang: 'de',
    token: unlock.value.token,
  };
  expect(await api.clerkReissue({ ...req, reason: 'Frau Mustermann' })).toMatchObject({
    ok: false,
    error: { code: 'REASON_LOOKS_PERSONAL' },
  });
  const again = await api.clerkReissue({ ...req, reason: 'Ausdruck unleserlich' });
  if (!again.ok) throw new Error(again.error.code);
  reissued = { uvci: again.value.uvci, hc1: again.value.hc1 };
  await k.value.close();
}, 60_000);
afterAll(() => dirs.cleanup());

describe('revocation hashes and export', () => {
  it('the issuance lines carry hashes equal to independently computed ones, never the certificate', () => {
    const lines = readAuditLines(join(dirs.dataDir, 'audit'));
    for (const cert of [...issued, reissued]) {
      const line = lines.find((l) => l.uvci === cert.uvci && l.revocation) as AuditLine;
      expect(line.revocation).toMatchObject(independentHashes(cert.hc1));
      expect(line.revocation!.country).toBe('DE');
    }
    expect(
      findPersonalData(join(dirs.dataDir, 'audit'), {
        names: [],
        datesOfBirth: [],
        certificates: [...issued, reissued].map((c) => c.hc1),
      }),
    ).toEqual([]);
  });

  it('the superseded and the revoked certificate are in the export; the current one is not; nothing personal', async () => {
    expect(
      await main(['revoke', '--data-dir', dirs.dataDir, '--uvci', issued[1]!.uvci, '--reason', 'Name 12.08.1964']),
    ).toBe(2);
    expect(
      await main(['revoke', '--data-dir', dirs.dataDir, '--uvci', 'URN:UVCI:01:DE:NOPE#X', '--reason', 'Fehlausgabe']),
    ).toBe(1);
    expect(
      await main(['revoke', '--data-dir', dirs.dataDir, '--uvci', issued[1]!.uvci, '--reason', 'Fehlausgabe']),
    ).toBe(0);
    const out = join(dirs.configDir, 'revocation.json');
    expect(
      await main(['revocation', 'export', '--data-dir', dirs.dataDir, '--since', '2000-01-01', '--out', out]),
    ).toBe(0);
    const batches = JSON.parse(readFileSync(out, 'utf8')) as RevocationBatch[];
    const entries = (type: string) =>
      batches.filter((b) => b.hashType === type).flatMap((b) => b.entries.map((e) => e.hash));
    const [superseded, revoked, current] = [issued[0]!, issued[1]!, reissued].map((c) => independentHashes(c.hc1));
    expect(entries('UCI').sort()).toEqual([superseded!.uci, revoked!.uci].sort());
    expect(entries('COUNTRYCODEUCI')).toContain(revoked!.countryCodeUci);
    expect(entries('SIGNATURE')).toContain(superseded!.signature);
    expect(entries('UCI')).not.toContain(current!.uci);
    for (const b of batches) {
      expect(Object.keys(b).sort()).toEqual(['country', 'entries', 'expires', 'hashType', 'kid']);
      expect(b).toMatchObject({ country: 'DE', kid: superseded!.kid });
      expect(new Date(b.expires).getTime()).toBeGreaterThan(Date.now());
    }
    const text = readFileSync(out, 'utf8');
    for (const c of [...issued, reissued]) expect(text).not.toContain(c.uvci);
    expect(
      findPersonalData(
        dirs.configDir,
        {
          names: [erika.familyName, erika.givenName, max.familyName, max.givenName],
          datesOfBirth: [erika.dateOfBirth, max.dateOfBirth],
          certificates: [...issued, reissued].map((c) => c.hc1),
        },
        (f) => !f.endsWith('revocation.json'),
      ),
    ).toEqual([]);
  });

  it('an export since tomorrow is empty', async () => {
    const out = join(dirs.configDir, 'later.json');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect(await main(['revocation', 'export', '--data-dir', dirs.dataDir, '--since', tomorrow, '--out', out])).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual([]);
  });
});
