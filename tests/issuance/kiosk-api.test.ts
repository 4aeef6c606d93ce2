// KioskApi end to end in demo mode: createKiosk starts the simulator (real HTTP on 127.0.0.1)
// and the demo signer; api.issue returns a certificate that the verifier accepts and that
// carries the recorded person's data; a second attempt is refused; the clerk can reissue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dispatchKioskCall } from '../../core/api/dispatch';
import type { IssuedCertificate } from '../../core/api/kiosk-api';
import { verifyAuditChain } from '../../core/audit/verify-chain';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { qrSymbol } from '../../core/dcc/qr';
import { verifyHc1 } from '../../core/dcc/verify';
import { addDays, utcDay } from '../../core/issuance/validity-rules';
import { makeDirs, openKiosk } from './kiosk-helpers';

const NOW = new Date();
const TODAY = utcDay(NOW);
const erika = { genesenenId: 'rzjq mtfb 84wv', familyName: 'mustermann', dateOfBirth: '1964-08-12', lang: 'de' };
let kiosk: Awaited<ReturnType<typeof openKiosk>>;
let dirs: ReturnType<typeof makeDirs>;
let first: IssuedCertificate;

const auditLines = () =>
  readdirSync(join(dirs.dataDir, 'audit')).flatMap((f) =>
    readFileSync(join(dirs.dataDir, 'audit', f), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l)),
  );
const dsc = () => {
  const s = kiosk.runtime.signer;
  if (!s.ok) throw new Error('signer not loaded');
  return s.value.dsc.der;
};

beforeAll(async () => {
  dirs = makeDirs();
  kiosk = await openKiosk({ dataDir: dirs.dataDir, now: () => NOW });
});
afterAll(async () => {
  await kiosk?.close();
  dirs.cleanup();
});

describe('KioskApi (demo mode)', () => {
  it('getInfo describes the demo kiosk', async () => {
    const info = await kiosk.api.getInfo({});
    expect(info).toMatchObject({
      ok: true,
      value: {
        demoSigner: true,
        simulatedRecords: true,
        languages: ['de', 'en', 'tr', 'ar', 'uk', 'ru', 'pl', 'de-ls'],
        printFormats: [],
        idleTimeoutSeconds: 90,
        idleWarningSeconds: 30,
        resultIdleTimeoutSeconds: 45,
        issuer: 'DEMO – Robert Koch-Institut',
      },
    });
    const example = info.ok ? info.value.idExample : '';
    expect((await kiosk.api.validateId({ genesenenId: example })).ok).toBe(true);
  });

  it('issues a certificate that verifies and carries the recorded person', async () => {
    const res = await kiosk.api.issue(erika);
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    first = res.value;
    const fr = addDays(TODAY, -40);
    expect(first).toMatchObject({
      familyName: 'Mustermann',
      givenName: 'Erika',
      familyNameTransliterated: 'MUSTERMANN',
      givenNameTransliterated: 'ERIKA',
      dateOfBirth: '1964-08-12',
      validFrom: addDays(fr, 28),
      validUntil: addDays(fr, 180),
      issuer: 'DEMO – Robert Koch-Institut',
      demo: true,
      reissue: false,
    });
    expect(first.uvci).toMatch(/^URN:UVCI:01:DE:DEMO\/[A-Z0-9]+#[A-Z0-9/:]$/);
    // The screen draws exactly the symbol of the HC1 it was given (tests/dcc/qr.test.ts checks the symbol).
    expect(first.qr).toEqual(qrSymbol(first.hc1));
    const report = await verifyHc1(first.hc1, { dscs: [dsc()] }, { now: NOW });
    if (!report.ok) throw new Error(report.error.code);
    expect(report.value.payload).toEqual({
      ver: '1.3.0',
      nam: { fn: 'Mustermann', fnt: 'MUSTERMANN', gn: 'Erika', gnt: 'ERIKA' },
      dob: '1964-08-12',
      r: [
        {
          tg: '840539006',
          fr,
          co: 'DE',
          is: 'DEMO – Robert Koch-Institut',
          df: addDays(fr, 28),
          du: addDays(fr, 180),
          ci: first.uvci,
        },
      ],
    });
    expect(report.value.iat).toBe(Math.floor(NOW.getTime() / 1000));
    expect(report.value.exp).toBe(Date.parse(`${addDays(fr, 180)}T23:59:59Z`) / 1000);
    const issuedLine = auditLines().find((l) => l.event === 'certificate.issued');
    expect(issuedLine).toMatchObject({
      uvci: first.uvci,
      outcome: 'ok',
      kioskId: kiosk.config.kioskId,
      idHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it('refuses a second certificate for the same ID, naming the first issue date', async () => {
    expect(await kiosk.api.issue({ ...erika, genesenenId: 'RZJQ-MTFB-84WV' })).toEqual({
      ok: false,
      error: { code: 'ALREADY_ISSUED', details: { issuedOn: TODAY } },
    });
  });

  it('a wrong name or date of birth is NOT_FOUND, without saying which', async () => {
    const wrongName = await kiosk.api.issue({ ...erika, familyName: 'Musterfrau' });
    const wrongDob = await kiosk.api.issue({ ...erika, dateOfBirth: '1964-08-13' });
    expect(wrongName).toEqual({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(wrongDob).toEqual(wrongName);
  });

  it('format errors come before any lookup', async () => {
    expect(await kiosk.api.issue({ ...erika, genesenenId: 'RZJQ-MTFB-84WW' })).toEqual({
      ok: false,
      error: { code: 'ID_CHECK_CHARACTER' },
    });
    expect(await kiosk.api.issue({ ...erika, genesenenId: 'RZJQ' })).toMatchObject({
      ok: false,
      error: { code: 'ID_FORMAT' },
    });
    expect(await kiosk.api.issue({ ...erika, familyName: '' })).toEqual({ ok: false, error: { code: 'NAME_INVALID' } });
    expect(await kiosk.api.issue({ ...erika, dateOfBirth: '12.08.1964' })).toEqual({
      ok: false,
      error: { code: 'DOB_INVALID' },
    });
  });

  it('holds the certificate for printing until endSession', async () => {
    expect(await kiosk.api.sessionState({})).toEqual({
      ok: true,
      value: { heldCertificates: 1, clerkUnlocked: false },
    });
    const printed = await kiosk.api.print({ certificateId: first.certificateId, format: 'receipt', lang: 'de' });
    expect(printed.ok ? 'printed' : printed.error.code).toBe('PRINTER_NOT_CONFIGURED');
    expect(await kiosk.api.print({ certificateId: 'unknown', format: 'a4', lang: 'de' })).toEqual({
      ok: false,
      error: { code: 'CERTIFICATE_NOT_HELD' },
    });
    expect(await kiosk.api.endSession({})).toEqual({ ok: true, value: null });
    expect(await kiosk.api.sessionState({})).toEqual({
      ok: true,
      value: { heldCertificates: 0, clerkUnlocked: false },
    });
    expect(await kiosk.api.print({ certificateId: first.certificateId, format: 'receipt', lang: 'de' })).toEqual({
      ok: false,
      error: { code: 'CERTIFICATE_NOT_HELD' },
    });
  });

  it('clerk: wrong PIN refused; status shows every component', async () => {
    expect(await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: '000000' })).toEqual({
      ok: false,
      error: { code: 'CLERK_PIN_WRONG' },
    });
    expect(await kiosk.api.clerkStatus({ token: 'forged' })).toEqual({
      ok: false,
      error: { code: 'CLERK_NOT_AUTHORISED' },
    });
    const unlocked = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.code);
    const status = await kiosk.api.clerkStatus({ token: unlocked.value.token });
    expect(status).toMatchObject({
      ok: true,
      value: {
        recordSource: { kind: 'simulator', state: 'ok' },
        signer: { state: 'ok', demo: true, kid: expect.any(String), notAfter: expect.any(String) },
        registry: { state: 'ok', issuedCount: 1 },
        printers: [],
      },
    });
    await kiosk.api.clerkLock({ token: unlocked.value.token });
  });

  it('clerk reissue: needs a reason, supersedes the old UVCI, is audited', async () => {
    const unlocked = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.code);
    const token = unlocked.value.token;
    expect(await kiosk.api.clerkReissue({ ...erika, token, reason: '  \n ' })).toEqual({
      ok: false,
      error: { code: 'REASON_REQUIRED' },
    });
    const notIssued = {
      genesenenId: 'TN4N-W47J-XHSX',
      familyName: 'Müller-Lüdenscheidt',
      dateOfBirth: '1975-03-01',
      lang: 'de',
    };
    expect(await kiosk.api.clerkReissue({ ...notIssued, token, reason: 'Ausdruck verloren' })).toEqual({
      ok: false,
      error: { code: 'REISSUE_NOT_NEEDED' },
    });
    const re = await kiosk.api.clerkReissue({ ...erika, token, reason: 'Ausdruck verloren' });
    if (!re.ok) throw new Error(JSON.stringify(re.error));
    expect(re.value.reissue).toBe(true);
    expect(re.value.uvci).not.toBe(first.uvci);
    expect((await verifyHc1(re.value.hc1, { dscs: [dsc()] }, { now: NOW })).ok).toBe(true);

    const db = new Database(join(dirs.dataDir, 'registry.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT uvci, status FROM issuance_view ORDER BY reserved_at, state DESC, seq').all();
    db.close();
    expect(rows).toEqual([
      { uvci: first.uvci, status: 'superseded' },
      { uvci: re.value.uvci, status: 'issued' },
    ]);
    const line = auditLines().find((l) => l.event === 'certificate.reissued');
    expect(line).toMatchObject({
      uvci: re.value.uvci,
      supersedes: first.uvci,
      reason: 'Ausdruck verloren',
      clerk: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    // The citizen path still refuses: one live certificate per ID.
    expect((await kiosk.api.issue(erika)).ok).toBe(false);
    expect(await kiosk.api.clerkLock({ token })).toEqual({ ok: true, value: null });
    expect(await kiosk.api.clerkReissue({ ...erika, token, reason: 'x' })).toEqual({
      ok: false,
      error: { code: 'CLERK_NOT_AUTHORISED' },
    });
  });

  it('the audit chain of the whole run verifies', () => {
    expect(verifyAuditChain(join(dirs.dataDir, 'audit')).ok).toBe(true);
  });

  it('dispatch validates untrusted input before the API sees it', async () => {
    expect(await dispatchKioskCall(kiosk.api, 'issue', { ...erika, extra: 1 })).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await dispatchKioskCall(kiosk.api, 'getInfo', {})).toMatchObject({ ok: true });
  });
});
