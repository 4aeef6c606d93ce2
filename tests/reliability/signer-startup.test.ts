// A broken signer is visible before the first citizen (docs/reliability.md): with a missing, unreadable or
// wrong key, or a DSC that is expired, not yet valid or lacks the recovery key usage, the kiosk
// still starts; the clerk status right after createKiosk — before anyone tried to issue — says
// `down` with the SIGNER_* code, the audit log's kiosk.started line records it, and a citizen is
// refused with the same code without the health office being asked.
// (tests/issuance/signer-health.test.ts checks the status after a first attempt.)
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKiosk } from '../../core/api/create-kiosk-api';
import { hashPin } from '../../core/clerk/pin-hash';
import { memorySink } from '../../core/log/logger';
import { DCC_EKU_OIDS } from '../../core/dcc/x509';
import { makeDirs } from '../issuance/kiosk-helpers';
import { writeDsc } from '../support/dsc';
import { bulkPeople, writeKioskConfigs } from '../support/people';
import { startRecordsService } from '../support/records-service';
import { auditLines } from '../support/registry-inspect';

const PIN = '97531';
const [sina] = bulkPeople(1, new Date(), 'Signaturprobe');
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

type Prepare = (dir: string) => Promise<{ keyPath: string; certPath: string }>;
const valid =
  (o: { eku?: readonly string[]; der?: boolean } = {}): Prepare =>
  (dir) =>
    writeDsc(dir, 'dsc', { validFromDays: -1, validToDays: 400, ...o });

async function startWith(prepare: Prepare) {
  const dirs = makeDirs();
  cleanups.push(dirs.cleanup);
  const files = await prepare(dirs.configDir);
  // A real signer needs a real record source (docs/configuration.md).
  const records = await startRecordsService([sina!]);
  cleanups.push(() => void records.close());
  const [configPath] = writeKioskConfigs(dirs.configDir, [sina!], ['kiosk-signer'], {
    recordSource: records.recordSource,
    signer: { kind: 'pem', keyPath: files.keyPath, certPath: files.certPath },
    clerk: { pinHash: await hashPin(PIN) },
  });
  const sink = memorySink();
  const created = await createKiosk({ dataDir: dirs.dataDir, configPath: configPath!, logSink: sink });
  if (!created.ok) throw new Error(`the kiosk must start even with a broken signer: ${created.error.code}`);
  const kiosk = created.value;
  try {
    // The clerk looks first, before any citizen.
    const unlock = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: PIN });
    if (!unlock.ok) throw new Error(unlock.error.code);
    const status = await kiosk.api.clerkStatus({ token: unlock.value.token });
    await kiosk.api.clerkLock({ token: unlock.value.token });
    const started = auditLines(dirs.dataDir).find((l) => l.event === 'kiosk.started');
    const issued = await kiosk.api.issue({ ...sina!, lang: 'de' });
    const lookups = sink.lines.filter((l) => l.includes('"record-source.lookup"')).length;
    return {
      signer: status.ok ? status.value.signer : undefined,
      started,
      issued: issued.ok ? 'issued' : issued.error.code,
      lookups,
    };
  } finally {
    await kiosk.close();
  }
}

describe('signer state on the clerk screen from the first minute', () => {
  it('a good PEM key and DSC (recovery EKU): ok, and the kiosk issues', { timeout: 30_000 }, async () => {
    const r = await startWith(valid({ eku: DCC_EKU_OIDS.r }));
    expect(r.signer).toMatchObject({ state: 'ok', demo: false });
    expect(r.started).toMatchObject({ outcome: 'ok' });
    expect(r.issued).toBe('issued');
  });

  it('a DER certificate without any EKU (allowed for every type): ok', { timeout: 30_000 }, async () => {
    const r = await startWith(valid({ der: true }));
    expect(r.signer).toMatchObject({ state: 'ok' });
    expect(r.issued).toBe('issued');
  });

  it.each<[string, string, Prepare]>([
    [
      'key file missing',
      'SIGNER_UNAVAILABLE',
      async (d) => ({ ...(await valid()(d)), keyPath: join(d, 'nowhere.pem') }),
    ],
    [
      'certificate file missing',
      'SIGNER_UNAVAILABLE',
      async (d) => ({ ...(await valid()(d)), certPath: join(d, 'nowhere.pem') }),
    ],
    [
      'key file is not a key',
      'SIGNER_UNAVAILABLE',
      async (d) => {
        const f = await valid()(d);
        writeFileSync(f.keyPath, '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n');
        return f;
      },
    ],
    [
      'certificate file is not a certificate',
      'SIGNER_UNAVAILABLE',
      async (d) => {
        const f = await valid()(d);
        writeFileSync(f.certPath, 'hello');
        return f;
      },
    ],
    [
      'the key of another DSC',
      'SIGNER_UNAVAILABLE',
      async (d) => {
        const mine = await valid()(d);
        const other = await writeDsc(d, 'other', { validFromDays: -1, validToDays: 400 });
        return { keyPath: other.keyPath, certPath: mine.certPath };
      },
    ],
    [
      'DSC expired yesterday',
      'SIGNER_CERT_EXPIRED',
      (d) => writeDsc(d, 'dsc', { validFromDays: -400, validToDays: -1 }),
    ],
    [
      'DSC valid from tomorrow',
      'SIGNER_CERT_NOT_YET_VALID',
      (d) => writeDsc(d, 'dsc', { validFromDays: 1, validToDays: 400 }),
    ],
    ['DSC for vaccination certificates only', 'SIGNER_CERT_WRONG_USAGE', valid({ eku: DCC_EKU_OIDS.v })],
    [
      'DSC for test and vaccination, not recovery',
      'SIGNER_CERT_WRONG_USAGE',
      valid({ eku: [...DCC_EKU_OIDS.t, ...DCC_EKU_OIDS.v] }),
    ],
  ])(
    '%s: down with %s before anyone asked; the citizen gets it too',
    { timeout: 30_000 },
    async (_label, code, prepare) => {
      const r = await startWith(prepare);
      expect(r.signer).toMatchObject({ state: 'down', code, demo: false });
      expect(r.started).toMatchObject({ event: 'kiosk.started', outcome: 'failed', code });
      expect(r.issued).toBe(code);
      expect(r.lookups).toBe(0);
    },
  );
});
