// `cli doctor` (docs/monitoring.md): a healthy demo installation passes every check (exit 0), and
// each broken component fails exactly its own check — the installer is sent to the right place.
// Components are real: a fake receipt printer on TCP, DSC files with chosen validity, a registry
// file, a cupsd.conf, a read-only file system for the data directory.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorReport } from '../../core/cli/doctor/run-doctor';
import { DEMO_CLERK_PIN_HASH } from '../../core/clerk/pin-hash';
import { DCC_EKU_OIDS } from '../../core/dcc/x509';
import { closedPortUri, startFakePrinter, type FakePrinter } from '../print/helpers/fake-printer';
import { makeDirs } from '../issuance/kiosk-helpers';
import { writeDsc } from '../support/dsc';
import { startRecordsService, type RecordsService } from '../support/records-service';
import { mountTmpfs } from '../support/mounts';

const ROOT = join(__dirname, '../..');
const dirs = makeDirs();
let online: FakePrinter;
let offline: FakePrinter;
// A real signer needs a real record source (docs/configuration.md): a DiKoMa-contract service.
let records: RecordsService;
let n = 0;

beforeAll(async () => {
  online = await startFakePrinter('epson', 'online');
  offline = await startFakePrinter('epson', 'offline');
  records = await startRecordsService([]);
  writeFileSync(join(dirs.configDir, 'cupsd-ok.conf'), 'LogLevel warn\nPreserveJobHistory No\nPreserveJobFiles No\n');
  writeFileSync(join(dirs.configDir, 'cupsd-keeps.conf'), 'LogLevel warn\nPreserveJobFiles Yes\n');
  writeFileSync(join(dirs.configDir, 'cupsd-default.conf'), 'LogLevel warn\n');
  writeFileSync(join(dirs.configDir, 'metrics.token'), 'doctor-token-0123456789', { mode: 0o600 });
});
afterAll(async () => {
  await online?.close();
  await offline?.close();
  await records?.close();
  dirs.cleanup();
});

/** A kiosk with a PEM signer (a real signer, so with a real record source). */
const pemSigned = (dsc: { readonly keyPath: string; readonly certPath: string }) => ({
  recordSource: records.recordSource,
  signer: { kind: 'pem', keyPath: dsc.keyPath, certPath: dsc.certPath },
  clerk: { pinHash: DEMO_CLERK_PIN_HASH },
});

interface Setup {
  readonly config?: Record<string, unknown>;
  readonly cupsd?: string;
  /** Runs after a first, healthy doctor run has created the installation's files. */
  readonly breakIt?: (s: { dataDir: string; configDir: string }) => void | Promise<void>;
  readonly dataDir?: string;
}

/** A fresh installation: demo signer, demo people, one receipt printer, metrics with a token. */
async function doctorOn(
  setup: Setup = {},
): Promise<{ report: DoctorReport; failed: string[]; configPath: string; dataDir: string }> {
  const dataDir = setup.dataDir ?? join(dirs.dataDir, `inst-${++n}`);
  const configPath = join(dirs.configDir, `kiosk-${n}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      kioskId: 'kiosk-doctor',
      office: 'buergeramt-test',
      printers: [{ kind: 'escpos', name: 'Bon', uri: online.uri, timeoutMs: 10_000 }],
      metrics: { listen: '127.0.0.1:9464', tokenFile: 'metrics.token' },
      ...setup.config,
    }),
  );
  const cupsdConf = join(dirs.configDir, setup.cupsd ?? 'cupsd-ok.conf');
  if (setup.breakIt) {
    await runDoctor({ configPath, dataDir, cupsdConf });
    await setup.breakIt({ dataDir, configDir: dirs.configDir });
  }
  const report = await runDoctor({ configPath, dataDir, cupsdConf });
  return { report, failed: report.results.filter((r) => r.status === 'FAIL').map((r) => r.check), configPath, dataDir };
}

/** A CLI process (npx tsx) on a loaded two-core machine can take a minute just to start. */
const CLI_MS = 180_000;

/** `cli doctor` on a configuration and data directory, with a CUPS that keeps no jobs. */
const doctorArgs = (configPath: string, dataDir: string) => [
  'tsx',
  'core/cli/main.ts',
  'doctor',
  '--config',
  configPath,
  '--data-dir',
  dataDir,
  '--cupsd-conf',
  join(dirs.configDir, 'cupsd-ok.conf'),
];

const detailOf = (report: DoctorReport, check: string) => report.results.find((r) => r.check === check)?.detail ?? '';

describe('cli doctor on a healthy demo installation', () => {
  it(
    'passes every check; the table has one line per check and a READY verdict; exit code 0',
    async () => {
      const { report, failed, configPath, dataDir } = await doctorOn();
      expect(failed).toEqual([]);
      expect(report.ready).toBe(true);
      const checks = report.results.map((r) => r.check);
      for (const c of [
        'config',
        'data dir writable',
        'data dir free space',
        'registry',
        'id-hash key',
        'signing key file',
        'signer',
        'record source',
        'printer Bon',
        'cups job files',
        'metrics',
        'clock',
      ]) {
        expect(checks).toContain(c);
      }
      expect(detailOf(report, 'signer')).toMatch(
        /signs and self-verifies; EKU allows recovery; kid \S+=*, valid .*, \d+ days left/,
      );
      // Asynchronous: the fake printer in this process must keep answering while the CLI asks it.
      const args = doctorArgs(configPath, dataDir);
      const cli = await promisify(execFile)('npx', args, { cwd: ROOT, encoding: 'utf8', timeout: CLI_MS });
      const lines = cli.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^CHECK\s+RESULT\s+DETAIL$/);
      expect(lines.at(-1)).toMatch(/^VERDICT: READY/);
      expect(lines.length).toBe(report.results.length + 2); // exit code 0, else execFile rejects
    },
    CLI_MS + 60_000,
  );
});

describe('cli doctor names exactly the broken component', () => {
  it('printer offline', async () => {
    const { failed, report } = await doctorOn({
      config: { printers: [{ kind: 'escpos', name: 'Bon', uri: offline.uri, timeoutMs: 1500 }] },
    });
    expect(failed).toEqual(['printer Bon']);
    expect(detailOf(report, 'printer Bon')).toContain('PRINTER_OFFLINE');
  });

  it('printer unplugged (nothing listens)', async () => {
    const uri = await closedPortUri();
    const { failed } = await doctorOn({
      config: { printers: [{ kind: 'escpos', name: 'Bon', uri, timeoutMs: 1500 }] },
    });
    expect(failed).toEqual(['printer Bon']);
  });

  it('world-readable ID-hash key', async () => {
    const { failed, report } = await doctorOn({
      breakIt: ({ dataDir }) => chmodSync(join(dataDir, 'registry.secret'), 0o644),
    });
    expect(failed).toEqual(['id-hash key']);
    expect(detailOf(report, 'id-hash key')).toContain('readable by others');
  });

  it('world-readable signing key (PEM signer)', async () => {
    const dsc = await writeDsc(dirs.configDir, `dsc-open-${n}`, {
      validFromDays: -1,
      validToDays: 400,
      eku: DCC_EKU_OIDS.r,
    });
    chmodSync(dsc.keyPath, 0o644);
    const { failed } = await doctorOn({
      config: pemSigned(dsc),
    });
    // The signer itself refuses an unsafe key file too (SIGNER_KEY_FILE_UNSAFE), so both lines fail.
    expect(failed).toEqual(['signing key file', 'signer']);
  });

  it('expired DSC', async () => {
    const dsc = await writeDsc(dirs.configDir, `dsc-expired-${n}`, {
      validFromDays: -400,
      validToDays: -1,
      eku: DCC_EKU_OIDS.r,
    });
    const { failed, report } = await doctorOn({
      config: pemSigned(dsc),
    });
    expect(failed).toEqual(['signer']);
    expect(detailOf(report, 'signer')).toContain('SIGNER_CERT_EXPIRED');
  });

  it('DSC ending within 30 days, and a DSC whose EKU excludes recovery', async () => {
    const soon = await writeDsc(dirs.configDir, `dsc-soon-${n}`, {
      validFromDays: -300,
      validToDays: 10,
      eku: DCC_EKU_OIDS.r,
    });
    const a = await doctorOn({
      config: pemSigned(soon),
    });
    expect(a.failed).toEqual(['signer']);
    expect(detailOf(a.report, 'signer')).toMatch(/ends in (9|10) days/);
    const vacc = await writeDsc(dirs.configDir, `dsc-v-${n}`, {
      validFromDays: -1,
      validToDays: 400,
      eku: DCC_EKU_OIDS.v,
    });
    const b = await doctorOn({
      config: pemSigned(vacc),
    });
    expect(b.failed).toEqual(['signer']);
    expect(detailOf(b.report, 'signer')).toContain('SIGNER_CERT_WRONG_USAGE');
  });

  it('CUPS keeping job files (explicitly, and by CUPS default)', async () => {
    expect((await doctorOn({ cupsd: 'cupsd-keeps.conf' })).failed).toEqual(['cups job files']);
    const byDefault = await doctorOn({ cupsd: 'cupsd-default.conf' });
    expect(byDefault.failed).toEqual(['cups job files']);
    expect(detailOf(byDefault.report, 'cups job files')).toContain('not set');
  });

  it('record source unreachable', async () => {
    const port = new URL((await closedPortUri()).replace('tcp:', 'http:')).port;
    const { failed, report } = await doctorOn({
      config: { recordSource: { kind: 'dikoma', baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000, retries: 0 } },
    });
    expect(failed).toEqual(['record source']);
    expect(detailOf(report, 'record source')).toContain('SOURCE_UNREACHABLE');
  });

  it('registry file broken (not a database); exit code 1', async () => {
    const { failed, configPath, dataDir } = await doctorOn({
      breakIt: ({ dataDir }) => writeFileSync(join(dataDir, 'registry.sqlite'), 'x'.repeat(8192)),
    });
    expect(failed).toEqual(['registry']);
    const args = doctorArgs(configPath, dataDir);
    const cli = await promisify(execFile)('npx', args, { cwd: ROOT, encoding: 'utf8', timeout: CLI_MS }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect(cli).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/VERDICT: NOT READY \(1 failed: registry\)\n$/),
    });
  });

  it('metrics token file readable by others', async () => {
    writeFileSync(join(dirs.configDir, 'open.token'), 'doctor-token-0123456789', { mode: 0o644 });
    chmodSync(join(dirs.configDir, 'open.token'), 0o644);
    const { failed } = await doctorOn({ config: { metrics: { listen: '127.0.0.1:9464', tokenFile: 'open.token' } } });
    expect(failed).toEqual(['metrics']);
  });

  it('invalid configuration: only the config line, with the field', async () => {
    const { report } = await doctorOn({ config: { office: 'Bürgeramt Mitte' } });
    expect(report.results.map((r) => [r.check, r.status])).toEqual([['config', 'FAIL']]);
    expect(report.results[0]!.detail).toContain('office');
  });

  it('data directory not writable (read-only file system)', async (ctx) => {
    const fs = mountTmpfs(512 * 1024);
    if ('unavailable' in fs) return ctx.skip(fs.unavailable);
    try {
      const elsewhere = join(dirs.dataDir, `ro-${n}`);
      mkdirSync(elsewhere, { recursive: true });
      const dsc = await writeDsc(dirs.configDir, `dsc-ro-${n}`, {
        validFromDays: -1,
        validToDays: 400,
        eku: DCC_EKU_OIDS.r,
      });
      fs.remount('ro');
      const { failed } = await doctorOn({
        dataDir: fs.dir,
        config: { registryPath: join(elsewhere, 'registry.sqlite'), ...pemSigned(dsc) },
      });
      expect(failed).toEqual(['data dir writable']);
    } finally {
      fs.unmount();
    }
  });
});
