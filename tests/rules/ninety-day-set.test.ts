// With Germany's 2022 rule set active (RR-DE-0002 1.0.3: accepted for 90 days after the first
// positive test) the kiosk, end to end through KioskApi: accepted-until = fr + 90 days in the
// issued certificate, on the receipt (ESC/POS bytes read back) and on the A4 page (pdftotext);
// a certificate the rule already rejects is refused with RULES_REJECTED, the reservation released
// and the audit line naming the rule; a short remaining time is asked about first, then flagged.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { addDays } from '../../core/issuance/validity-rules';
import { memorySink } from '../../core/log/logger';
import { dataPaths } from '../../core/paths';
import { makeDirs, person, requestFor, writeFixtureConfig } from '../issuance/kiosk-helpers';
import { startFakePrinter, type FakePrinter } from '../print/helpers/fake-printer';
import { readReceipt } from '../print/helpers/receipt-document';

const NOW = new Date();
const people = {
  day60: person(NOW, 'Neunzig', 'Nora', '1980-01-02', 60),
  day86: person(NOW, 'Knapp', 'Kai', '1981-02-03', 86),
  day100: person(NOW, 'Hundert', 'Hugo', '1982-03-04', 100),
};
let dirs: ReturnType<typeof makeDirs>;
let printer: FakePrinter;
let kiosk: Kiosk;
const pdfs: Uint8Array[] = [];

beforeAll(async () => {
  dirs = makeDirs();
  printer = await startFakePrinter('epson', 'online');
  const configPath = writeFixtureConfig(dirs.configDir, Object.values(people), {
    rules: { businessRules: 'builtin:de-recovery-2022' },
    printers: [
      { kind: 'escpos', name: 'Bon', uri: printer.uri, qrMode: 'native' },
      { kind: 'electron', name: 'A4', deviceName: 'Office' },
    ],
  });
  const started = await createKiosk({
    dataDir: dirs.dataDir,
    configPath,
    now: () => NOW,
    logSink: memorySink(),
    electronPrint: async (job) => (pdfs.push(job.pdf), { ok: true, value: null }),
  });
  if (!started.ok) throw new Error(JSON.stringify(started.error));
  kiosk = started.value;
});
afterAll(async () => {
  await kiosk?.close();
  await printer?.close();
  dirs?.cleanup();
});

const fr = (p: { firstPositiveTest: string }) => p.firstPositiveTest;

describe('90-day German rule set', () => {
  it('accepted until fr + 90 days (national rule RR-DE-0002), while du stays fr + 180', async () => {
    const res = await kiosk.api.issue(requestFor(people.day60));
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.value.validUntil).toBe(addDays(fr(people.day60), 180));
    expect(res.value.acceptance).toEqual({
      country: 'DE',
      acceptedUntil: addDays(fr(people.day60), 90),
      acceptedUntilRule: 'RR-DE-0002',
      basis: 'national',
      differsFromValidUntil: true,
      daysLeft: 29,
      warning: false,
    });

    expect(
      await kiosk.api.print({ certificateId: res.value.certificateId, format: 'receipt', lang: 'de' }),
    ).toMatchObject({ ok: true });
    const receipt = readReceipt(printer.connections.at(-1)!, 'epson')
      .lines.map((l) => l.trim())
      .join(' ');
    expect(receipt).toContain(
      `In Deutschland anerkannt bis / In Germany accepted until: ${addDays(fr(people.day60), 90)}`,
    );
    expect(receipt).toContain('(nationale Regel / national rule)');
    expect(receipt).toContain(`${addDays(fr(people.day60), 180)}`);

    expect(await kiosk.api.print({ certificateId: res.value.certificateId, format: 'a4', lang: 'de' })).toMatchObject({
      ok: true,
    });
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdfs.at(-1)! })
      .toString('utf8')
      .replace(/\s+/g, ' ');
    expect(text).toContain(`In Deutschland anerkannt bis ${addDays(fr(people.day60), 90)} (nationale Regel)`);
    expect(text).toContain(`In Germany accepted until ${addDays(fr(people.day60), 90)} (national rule)`);
  });

  it('fewer than 7 days left: asked first, then issued with "issue anyway", flagged, and the print says so', async () => {
    const asked = await kiosk.api.issue(requestFor(people.day86));
    expect(asked).toMatchObject({
      ok: false,
      error: { code: 'SHORT_ACCEPTANCE', details: { acceptedUntil: addDays(fr(people.day86), 90), daysLeft: 3 } },
    });
    const res = await kiosk.api.issue({ ...requestFor(people.day86), acceptShortAcceptance: true });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.value.acceptance).toMatchObject({
      acceptedUntil: addDays(fr(people.day86), 90),
      daysLeft: 3,
      warning: true,
    });
    await kiosk.api.print({ certificateId: res.value.certificateId, format: 'receipt', lang: 'de' });
    const receipt = readReceipt(printer.connections.at(-1)!, 'epson')
      .lines.map((l) => l.trim())
      .join(' ');
    expect(receipt).toContain('Achtung: nur noch kurze Zeit anerkannt. / Note: accepted for a short time only.');
  });

  it('day 100: RULES_REJECTED naming RR-DE-0002 1.0.3, nothing issued, the audit line names the rule', async () => {
    const expected = {
      ok: false,
      error: { code: 'RULES_REJECTED', details: { rule: 'RR-DE-0002 1.0.3', country: 'DE' } },
    };
    expect(await kiosk.api.issue(requestFor(people.day100))).toEqual(expected);
    // The reservation was released: asking again meets the same rule, not ALREADY_ISSUED/IN_PROGRESS.
    expect(await kiosk.api.issue(requestFor(people.day100))).toEqual(expected);
    const audit = readdirSync(dataPaths(dirs.dataDir).auditDir)
      .flatMap((f) => readFileSync(join(dataPaths(dirs.dataDir).auditDir, f), 'utf8').split('\n'))
      .filter((l) => l.includes('RULES_REJECTED'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(audit).toHaveLength(2);
    for (const line of audit)
      expect(line).toMatchObject({ event: 'reservation.released', code: 'RULES_REJECTED', rule: 'RR-DE-0002 1.0.3' });
    expect(await kiosk.runtime.registry.issuedCount()).toEqual({ ok: true, value: 2 });
  });

  it('the clerk status names the active rule set and since when it is in force', async () => {
    const unlocked = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: '246810' });
    if (!unlocked.ok) throw new Error(JSON.stringify(unlocked.error));
    const status = await kiosk.api.clerkStatus({ token: unlocked.value.token });
    expect(status.ok && status.value.rules).toMatchObject({
      source: 'builtin:de-recovery-2022',
      acceptanceCountry: 'DE',
      inForceSince: '2022-02-24T17:00:00.000Z',
      loadedAt: NOW.toISOString(),
      selected: expect.arrayContaining(['RR-DE-0002 1.0.3', 'RR-EU-0001 1.0.0']),
    });
    expect(status.ok && status.value.rules.selected).not.toContain('RR-DE-0002 1.0.1');
  });
});
