// Printing leaves nothing behind (docs/printing-privacy.md). A demo kiosk prints A4 through the real
// CUPS queue KioskPDF (cups-pdf; scripts/setup-cups.sh sets PreserveJobFiles/PreserveJobHistory
// No) and receipts to a fake ESC/POS printer; afterwards neither /var/spool/cups (c* control files,
// d* data files, tmp/) nor the data directory holds a name, a date of birth or certificate text.
// The spool scan reads raw bytes and a spooled PDF's text layer; a held job shows it finds a
// spooled certificate. The start-up check's code reaches the clerk status when CUPS keeps jobs.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { buildA4Pdf } from '../../core/print/a4/a4-pdf';
import { createPrintService } from '../../core/print/print-service';
import { parseRetention, readCupsRetention } from '../../core/print/transport/cups-retention';
import { DEMO_PEOPLE } from '../../core/records/demo-records';
import { makeDirs } from '../issuance/kiosk-helpers';
import { findPersonalData, findPersonalDataInSpool, spoolFilesThatStay } from '../support/personal-data-scan';
import { certificateFactory, PEOPLE } from './helpers/certificates';
import { startFakePrinter, type FakePrinter } from './helpers/fake-printer';

const queueReady = ((): boolean => {
  try {
    return execFileSync('lpstat', ['-p', 'KioskPDF'], { env: { ...process.env, LANG: 'C' } })
      .toString()
      .includes('enabled');
  } catch {
    return false;
  }
})();
const isRoot = process.getuid?.() === 0;

describe('CUPS retention settings', () => {
  it('cupsd.conf without the directives keeps jobs (CUPS defaults); both No keeps nothing', () => {
    expect(parseRetention('LogLevel warn\n', ' ')).toEqual({ preserveJobFiles: '86400', preserveJobHistory: 'Yes' });
    expect(parseRetention('PreserveJobFiles No\n#PreserveJobHistory Yes\nPreserveJobHistory Off\n', ' ')).toEqual({
      preserveJobFiles: 'No',
      preserveJobHistory: 'Off',
    });
    expect(parseRetention('PreserveJobFiles=1d\nPreserveJobHistory=No\n', '=')).toEqual({
      preserveJobFiles: '1d',
      preserveJobHistory: 'No',
    });
  });

  it('a CUPS printer is degraded with PRINT_SPOOL_KEEPS_JOBS while CUPS keeps jobs, and only then', async () => {
    const printer = { kind: 'cups' as const, name: 'A4', format: 'a4' as const, queue: 'KioskPDF', timeoutMs: 5000 };
    const keeps = createPrintService([printer], {
      cupsRetention: async () => ({
        keepsJobs: true,
        preserveJobFiles: '86400',
        preserveJobHistory: 'Yes',
        source: 'scheduler',
      }),
    });
    const clean = createPrintService([printer], {
      cupsRetention: async () => ({
        keepsJobs: false,
        preserveJobFiles: 'No',
        preserveJobHistory: 'No',
        source: 'scheduler',
      }),
    });
    const [a, b] = await Promise.all([keeps.status(), clean.status()]);
    if (!queueReady) return; // status needs the queue; the parse rules above still ran
    expect(a).toEqual([{ name: 'A4', format: 'a4', state: 'degraded', code: 'PRINT_SPOOL_KEEPS_JOBS' }]);
    expect(b).toEqual([{ name: 'A4', format: 'a4', state: 'ok' }]);
  });
});

describe.skipIf(!queueReady || !isRoot)(
  'nothing personal in the CUPS spool or the data directory after printing',
  () => {
    const dirs = makeDirs();
    const people = DEMO_PEOPLE.slice(0, 3);
    const certificates: string[] = [];
    const transliterated: string[] = [];
    let printer: FakePrinter;
    let kiosk: Kiosk;
    const secrets = () => ({
      names: [...people.flatMap((p) => [p.familyName, p.givenName]), ...transliterated],
      datesOfBirth: people.map((p) => p.dateOfBirth),
      certificates,
    });

    beforeAll(async () => {
      printer = await startFakePrinter('epson', 'online');
      const configPath = join(dirs.configDir, 'kiosk.json');
      writeFileSync(
        configPath,
        JSON.stringify({
          printers: [
            { kind: 'escpos', name: 'Bon', uri: printer.uri, timeoutMs: 5000 },
            { kind: 'cups', name: 'A4', queue: 'KioskPDF', timeoutMs: 20_000 },
          ],
        }),
      );
      const created = await createKiosk({ dataDir: dirs.dataDir, configPath });
      if (!created.ok) throw new Error(created.error.code);
      kiosk = created.value;
    });
    afterAll(async () => {
      await kiosk?.close();
      await printer?.close();
      dirs.cleanup();
    });

    it('the start-up check reads the scheduler: CUPS keeps neither job files nor history', async () => {
      const r = await readCupsRetention();
      expect(r).toMatchObject({ source: 'scheduler', keepsJobs: false });
    });

    it('the scan finds a spooled certificate (a held job), and purging removes it', async () => {
      const certs = await certificateFactory();
      const cert = await certs.issue('juergen');
      const pdf = await buildA4Pdf(cert, { lang: 'de' });
      const out = execFileSync('lp', ['-d', 'KioskPDF', '-H', 'hold', '-t', 'Genesenenzertifikat', '-'], {
        input: pdf,
      }).toString();
      const jobId = /request id is (\S+)/.exec(out)![1]!;
      try {
        const hits = findPersonalDataInSpool({
          names: [PEOPLE.juergen.familyName],
          datesOfBirth: [],
          certificates: [],
        });
        expect(hits).toEqual(
          expect.arrayContaining([expect.stringMatching(new RegExp(`^d0*${jobId.split('-').at(-1)}-001: `))]),
        );
      } finally {
        execFileSync('cancel', ['-x', jobId]);
      }
      expect(await spoolFilesThatStay(15_000, jobId)).toEqual([]);
    }, 30_000);

    it('after A4 and receipt prints through the kiosk: no c*/d* job files, no personal data in spool or data dir', async () => {
      const { api } = kiosk;
      const status = await api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
      if (!status.ok) throw new Error(status.error.code);
      const before = await api.clerkStatus({ token: status.value.token });
      expect(before.ok && before.value.printers.find((p) => p.name === 'A4')).toEqual({
        name: 'A4',
        format: 'a4',
        state: 'ok',
      });
      await api.clerkLock({ token: status.value.token });
      for (const p of people) {
        const r = await api.issue({
          genesenenId: p.genesenenId,
          familyName: p.familyName,
          dateOfBirth: p.dateOfBirth,
          lang: 'de',
        });
        if (!r.ok) throw new Error(r.error.code);
        certificates.push(r.value.hc1);
        transliterated.push(r.value.familyNameTransliterated, r.value.givenNameTransliterated);
        expect(await api.print({ certificateId: r.value.certificateId, format: 'a4', lang: 'de' })).toMatchObject({
          ok: true,
        });
        expect(await api.print({ certificateId: r.value.certificateId, format: 'receipt', lang: 'de' })).toMatchObject({
          ok: true,
        });
        await api.endSession({});
      }
      expect(printer.connections.length).toBeGreaterThan(0);
      expect(await spoolFilesThatStay(30_000)).toEqual([]);
      expect(findPersonalDataInSpool(secrets())).toEqual([]);
      expect(findPersonalData(dirs.dataDir, secrets(), (f) => f.endsWith('registry.secret'))).toEqual([]);
    }, 90_000);
  },
);
