// Privacy at rest after a full day's worth of sessions (docs/reliability.md). One demo kiosk, one data
// directory, file logs as in production, a receipt printer (fake, over TCP) and A4 through the
// Electron print glue (stub). Every demo person is served — matching variants of the name, every
// language, both print formats, a failing printer — plus every kind of refusal, a locked-out ID,
// failing health-office calls, a clerk with a wrong PIN, a status check and a reissue. Then every
// file in the data directory (registry, -wal, -shm, audit log, logs, demo keys; only the random
// registry secret is skipped) is searched byte by byte for names, dates of birth and certificate
// text (tests/support/personal-data-scan.ts). The audit chain verifies and catches a changed line.
// tests/issuance/privacy.test.ts covers the same rule with its own people.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { defaultAuditKeyFile, loadAuditKey } from '../../core/audit/audit-key';
import { verifyAuditChain } from '../../core/audit/verify-chain';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { DEMO_PEOPLE } from '../../core/records/demo-records';
import { dataPaths } from '../../core/paths';
import { makeDirs } from '../issuance/kiosk-helpers';
import { startFakePrinter, type FakePrinter } from '../print/helpers/fake-printer';
import { findPersonalData } from '../support/personal-data-scan';

const LANGS = ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'de-ls'];
const VARIANTS: Record<string, string> = {
  'Müller-Lüdenscheidt': 'MULLER LUDENSCHEIDT',
  Yılmaz: 'Yilmaz',
  'Wójcik-Łęcka': 'Wojcik Lecka',
  Ærø: 'Aeroe',
  Петренко: 'Petrenko',
  Gößinger: 'Goessinger',
  "O'Demo-Smith": "O'DEMO SMITH",
};
const dirs = makeDirs();
const typedOnly = ['Falschnamig', 'Verschrieben', 'Zahlendreher'];
const certificates: string[] = [];
const transliterated: string[] = [];
const pdfs: Uint8Array[] = [];
let printer: FakePrinter;
let kiosk: Kiosk;
const outcomes: string[] = [];

const secrets = () => ({
  names: [
    ...DEMO_PEOPLE.flatMap((p) => [p.familyName, p.givenName]),
    ...Object.values(VARIANTS),
    ...typedOnly,
    ...transliterated,
  ].filter(Boolean),
  datesOfBirth: [...DEMO_PEOPLE.map((p) => p.dateOfBirth), '1964-08-13', '1990-14-02'],
  certificates,
});
const skipSecret = (path: string) => path.endsWith('registry.secret');

beforeAll(async () => {
  printer = await startFakePrinter('epson', 'online');
  const configPath = join(dirs.configDir, 'kiosk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      printers: [
        { kind: 'escpos', name: 'Bon', uri: printer.uri, timeoutMs: 3000 },
        { kind: 'electron', name: 'A4', deviceName: 'Buero', timeoutMs: 3000 },
      ],
      attemptLimits: { perId: { max: 2, windowSeconds: 3600 } },
    }),
  );
  const created = await createKiosk({
    dataDir: dirs.dataDir,
    configPath,
    electronPrint: async (job) => (pdfs.push(job.pdf), { ok: true, value: null }),
  });
  if (!created.ok) throw new Error(created.error.code);
  kiosk = created.value;
  const { api } = kiosk;
  const record = (r: { ok: boolean; error?: { code: string } }) => outcomes.push(r.ok ? 'ok' : r.error!.code);

  for (const [i, p] of DEMO_PEOPLE.entries()) {
    const lang = LANGS[i % LANGS.length]!;
    const r = await api.issue({
      genesenenId: p.genesenenId,
      familyName: VARIANTS[p.familyName] ?? p.familyName,
      dateOfBirth: p.dateOfBirth,
      lang,
    });
    record(r);
    if (!r.ok) continue;
    certificates.push(r.value.hc1);
    transliterated.push(r.value.familyNameTransliterated, r.value.givenNameTransliterated);
    record(await api.print({ certificateId: r.value.certificateId, format: 'receipt', lang }));
    record(await api.print({ certificateId: r.value.certificateId, format: 'a4', lang }));
    await api.endSession({});
  }
  const erika = DEMO_PEOPLE[0]!;
  const max = DEMO_PEOPLE[1]!;
  record(
    await api.issue({
      genesenenId: erika.genesenenId,
      familyName: erika.familyName,
      dateOfBirth: erika.dateOfBirth,
      lang: 'de',
    }),
  ); // ALREADY_ISSUED
  for (const familyName of typedOnly)
    record(await api.issue({ genesenenId: max.genesenenId, familyName, dateOfBirth: max.dateOfBirth, lang: 'de' })); // NOT_FOUND ×2, then TOO_MANY_ATTEMPTS
  record(
    await api.issue({
      genesenenId: erika.genesenenId,
      familyName: erika.familyName,
      dateOfBirth: '1964-08-13',
      lang: 'de',
    }),
  );
  record(
    await api.issue({
      genesenenId: erika.genesenenId,
      familyName: 'Name1',
      dateOfBirth: erika.dateOfBirth,
      lang: 'de',
    }),
  ); // NAME_INVALID
  record(
    await api.issue({
      genesenenId: erika.genesenenId,
      familyName: erika.familyName,
      dateOfBirth: '1990-14-02',
      lang: 'de',
    }),
  ); // DOB_INVALID
  for (const mode of ['http500', 'refuse401', 'malformed'] as const) {
    kiosk.runtime.simulator!.setFaults({ mode });
    record(
      await api.issue({
        genesenenId: DEMO_PEOPLE[2]!.genesenenId,
        familyName: 'Yilmaz',
        dateOfBirth: DEMO_PEOPLE[2]!.dateOfBirth,
        lang: 'tr',
      }),
    );
  }
  kiosk.runtime.simulator!.setFaults({ mode: 'none' });
  record(await api.clerkUnlock({ clerkId: 'clerk', pin: '000000' }));
  const unlock = await api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
  if (!unlock.ok) throw new Error(unlock.error.code);
  record(await api.clerkStatus({ token: unlock.value.token }));
  const reissued = await api.clerkReissue({
    genesenenId: erika.genesenenId,
    familyName: erika.familyName,
    dateOfBirth: erika.dateOfBirth,
    lang: 'de',
    token: unlock.value.token,
    reason: 'Ausdruck unleserlich',
  });
  record(reissued);
  if (reissued.ok) certificates.push(reissued.value.hc1);
  await api.clerkLock({ token: unlock.value.token });
  await api.endSession({});
}, 120_000);

afterAll(async () => {
  await kiosk?.close();
  await printer?.close();
  dirs.cleanup();
});

describe('no personal data at rest after a full run', () => {
  it('the run did everything (so there was something to leak)', () => {
    const count = (c: string) => outcomes.filter((o) => o === c).length;
    expect(count('TOO_EARLY')).toBe(1);
    expect(count('TOO_LATE')).toBe(1);
    expect(certificates.length).toBe(DEMO_PEOPLE.length - 2 + 1);
    for (const code of [
      'ALREADY_ISSUED',
      'NOT_FOUND',
      'TOO_MANY_ATTEMPTS',
      'NAME_INVALID',
      'DOB_INVALID',
      'SOURCE_BAD_RESPONSE',
      'SOURCE_REFUSED',
      'CLERK_PIN_WRONG',
    ]) {
      expect(count(code), code).toBeGreaterThan(0);
    }
    expect(printer.connections.length).toBeGreaterThan(0);
    expect(pdfs.length).toBe(DEMO_PEOPLE.length - 2);
    const files = readdirSync(dirs.dataDir);
    expect(files).toEqual(
      expect.arrayContaining(['registry.sqlite', 'registry.sqlite-wal', 'registry.sqlite-shm', 'logs', 'audit']),
    );
  });

  it('registry, -wal, -shm, audit log, logs and keys hold no name, date of birth or certificate', () => {
    expect(findPersonalData(dirs.dataDir, secrets(), skipSecret)).toEqual([]);
  });

  it('nor after the kiosk closed (WAL checkpointed into the registry file)', async () => {
    await kiosk.close();
    expect(findPersonalData(dirs.dataDir, secrets(), skipSecret)).toEqual([]);
  });

  it('the search finds what it looks for: planted in a log (UTF-8), the registry file (UTF-16) and as DD.MM.YYYY', () => {
    const copy = mkdtempSync(join(tmpdir(), 'kiosk-privacy-'));
    copyFileSync(join(dirs.dataDir, 'registry.sqlite'), join(copy, 'registry.sqlite'));
    appendFileSync(join(copy, 'registry.sqlite'), Buffer.from('Gößinger', 'utf16le'));
    writeFileSync(join(copy, 'kiosk.log'), `x MUELLER<LUEDENSCHEIDT 12.08.1964 ${certificates[0]!.slice(200, 260)}\n`);
    expect(findPersonalData(copy, secrets())).toEqual(
      expect.arrayContaining([
        'registry.sqlite: Gößinger',
        'kiosk.log: MUELLER<LUEDENSCHEIDT',
        'kiosk.log: 12.08.1964',
        expect.stringMatching(/^kiosk\.log: certificate /u),
      ]),
    );
  });

  it('the audit chain of the whole run verifies, and a changed line is found with its number', () => {
    const auditDir = dataPaths(dirs.dataDir).auditDir;
    // The lines are keyed (docs/audit.md): only the key's holder can tell a changed line.
    const key = loadAuditKey(defaultAuditKeyFile(dirs.dataDir), dirs.dataDir);
    if (!key.ok) throw new Error(key.error.code);
    const chain = verifyAuditChain(auditDir, { key: key.value });
    expect(chain.ok).toBe(true);
    const [file] = readdirSync(auditDir);
    const lines = readFileSync(join(auditDir, file!), 'utf8').trimEnd().split('\n');
    const target = lines.findIndex((l) => l.includes('"certificate.reissued"'));
    lines[target] = lines[target]!.replace('"outcome":"ok"', '"outcome":"refused"');
    writeFileSync(join(auditDir, file!), `${lines.join('\n')}\n`);
    expect(verifyAuditChain(auditDir, { key: key.value })).toMatchObject({
      ok: false,
      error: { details: { line: target + 1, reason: 'hash-mismatch' } },
    });
  });
});
