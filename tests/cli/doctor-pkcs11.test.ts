// `cli doctor` with a `pkcs11` signer against a real token (SoftHSM2, tests/support/softhsm.ts;
// docs/monitoring.md, "Installation check"): a good PIN file passes the PIN file and signer lines
// (the token signs the probe certificate); a wrong PIN, a missing PIN file and a PIN file others
// can read each fail the `signer pin file` line with that reason, and the signer line with it.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDoctor, type DoctorReport } from '../../core/cli/doctor/run-doctor';
import { DEMO_CLERK_PIN_HASH } from '../../core/clerk/pin-hash';
import { makeDirs } from '../issuance/kiosk-helpers';
import { startRecordsService, type RecordsService } from '../support/records-service';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm';

const dirs = makeDirs();
let token: SoftHsmToken;
let records: RecordsService;
let n = 0;

beforeAll(async () => {
  token = await createSoftHsmToken();
  records = await startRecordsService([]);
  writeFileSync(join(dirs.configDir, 'cupsd.conf'), 'PreserveJobFiles No\n');
});
afterAll(async () => {
  await records?.close();
  token?.cleanup();
  dirs.cleanup();
});

/** The doctor on a kiosk whose PKCS#11 signer reads its PIN from `pinFile`. */
async function doctorWithPinFile(pinFile: string): Promise<{ report: DoctorReport; failed: string[] }> {
  const configPath = join(dirs.configDir, `kiosk-${++n}.json`);
  writeFileSync(
    configPath,
    JSON.stringify({
      kioskId: 'kiosk-hsm-doctor',
      recordSource: records.recordSource,
      signer: { ...token.signerConfig, pinFile },
      clerk: { pinHash: DEMO_CLERK_PIN_HASH },
    }),
  );
  const report = await runDoctor({
    configPath,
    dataDir: join(dirs.dataDir, `inst-${n}`),
    cupsdConf: join(dirs.configDir, 'cupsd.conf'),
  });
  return { report, failed: report.results.filter((r) => r.status === 'FAIL').map((r) => r.check) };
}

const detailOf = (report: DoctorReport, check: string) => report.results.find((r) => r.check === check)?.detail ?? '';

function pinFile(name: string, content: string, mode = 0o600): string {
  const path = join(dirs.configDir, name);
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
  return path;
}

describe('cli doctor with a PKCS#11 signer (SoftHSM2)', () => {
  it('the right PIN in a private file passes the PIN file and signer lines: the token signs the probe', async () => {
    const { report, failed } = await doctorWithPinFile(token.pinFile);
    expect(failed).toEqual([]);
    expect(detailOf(report, 'signer pin file')).toContain('the token accepted the PIN');
    expect(detailOf(report, 'signer')).toMatch(/^signs and self-verifies; EKU allows recovery; kid /);
    // The PEM/demo key line does not apply to a token.
    expect(report.results.map((r) => r.check)).not.toContain('signing key file');
  });

  it('a wrong PIN fails the PIN file line saying the token refused it, and the signer line', async () => {
    const { report, failed } = await doctorWithPinFile(pinFile('wrong.pin', '000000\n'));
    expect(failed).toEqual(['signer pin file', 'signer']);
    expect(detailOf(report, 'signer pin file')).toContain('the token refused the PIN');
    expect(detailOf(report, 'signer')).toMatch(/^SIGNER_PIN_WRONG \(the token refused the PIN/);
    expect(JSON.stringify(report)).not.toContain('000000');
  });

  it('a missing PIN file fails the PIN file line saying it is missing', async () => {
    const { report, failed } = await doctorWithPinFile(join(dirs.configDir, 'absent.pin'));
    expect(failed).toEqual(['signer pin file', 'signer']);
    expect(detailOf(report, 'signer pin file')).toContain('missing or unreadable (ENOENT)');
  });

  it('a PIN file others can read (0644) fails the PIN file line saying so, and the signer refuses it', async () => {
    const { report, failed } = await doctorWithPinFile(pinFile('open.pin', `${token.pin}\n`, 0o644));
    expect(failed).toEqual(['signer pin file', 'signer']);
    expect(detailOf(report, 'signer pin file')).toContain('readable by others: mode 0644');
    expect(detailOf(report, 'signer')).toContain('SIGNER_SECRET_FILE_UNSAFE');
    expect(JSON.stringify(report)).not.toContain(token.pin);
  });
});
