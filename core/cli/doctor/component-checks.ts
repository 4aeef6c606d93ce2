// `cli doctor` checks of the kiosk's components (docs/monitoring.md): the configuration, the
// signer (its secret file — key, PIN or client key — private, signs and self-verifies, DSC
// validity, EKU, days left), the record source (health endpoint through the configured TLS and
// credentials), each printer's status and the metrics token file. The signer check signs a fictitious probe certificate in memory only.
import { loadConfig } from '../../config/load-config';
import { issueRecoveryCertificate } from '../../dcc/issue-certificate';
import { verifyHc1 } from '../../dcc/verify';
import { DSC_RENEWAL_WARNING_DAYS, loadSigner, readySigner, type LoadedSigner } from '../../issuance/signer-state';
import { readTokenFile } from '../../metrics/start-metrics';
import { createPrintService } from '../../print/print-service';
import { cupsStatus } from '../../print/transport/cups';
import { createRecordSource } from '../../records/record-source-config';
import { fail as failed } from '../../result';
import { fail, pass, skip, type CheckResult, type DoctorContext } from './doctor-check';
import { checkSignerSecretFile, pinRefusal } from './signer-files';

const DAY_MS = 86_400_000;

export function checkConfig(path: string | undefined): CheckResult {
  const loaded = loadConfig(path);
  if (loaded.ok) {
    const c = loaded.value;
    return pass(
      'config',
      [
        c.configPath ?? '(none: demo)',
        `kiosk ${c.kioskId}`,
        c.office ? `office ${c.office}` : '',
        c.demoSigner ? 'DEMO signer' : '',
      ]
        .filter((s) => s !== '')
        .join(', '),
    );
  }
  const fields = Object.entries(loaded.error.details).map(([k, v]) => `${k}: ${v}`);
  return fail('config', fields.join('; '));
}

export async function checkSigner(ctx: DoctorContext): Promise<readonly CheckResult[]> {
  // Loading first: in demo mode it creates the demo keys on a new installation, as the kiosk would.
  const loaded = await loadSigner(ctx.config.signer, ctx.dataDir);
  try {
    return [await checkSignerSecretFile(ctx.config.signer, ctx.dataDir, loaded), await probeSigner(ctx, loaded)];
  } finally {
    // A PKCS#11 signer holds a token session until closed.
    loaded.close();
  }
}

/** The signer line: the loaded key signs a probe certificate that verifies against its DSC. */
async function probeSigner(ctx: DoctorContext, loaded: LoadedSigner): Promise<CheckResult> {
  const now = ctx.now();
  if (!loaded.ok) {
    const refused = pinRefusal(loaded);
    return fail('signer', `${loaded.error.code} (${refused ?? loaded.error.reason})`);
  }
  const { dsc } = loaded.value;
  const kid = Buffer.from(dsc.kid).toString('base64');
  const daysLeft = Math.floor((dsc.notAfter.getTime() - now.getTime()) / DAY_MS);
  const ymd = (d: Date) => d.toISOString().slice(0, 10);
  const facts = `kid ${kid}, valid ${ymd(dsc.notBefore)}..${ymd(dsc.notAfter)}, ${daysLeft} days left`;
  const ready = readySigner(loaded, now);
  if (!ready.ok) return fail('signer', `${ready.error.code}; ${facts}`);
  if (daysLeft < DSC_RENEWAL_WARNING_DAYS)
    return fail('signer', `DSC ends in ${daysLeft} days (< ${DSC_RENEWAL_WARNING_DAYS}); ${facts}`);

  const day = now.toISOString().slice(0, 10);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const cert = await issueRecoveryCertificate(
    {
      familyName: 'Doctor',
      givenName: 'Probe',
      dateOfBirth: '2000',
      firstPositiveTest: day,
      validFrom: day,
      validUntil: day,
      country: ctx.config.rules.country,
      issuer: ctx.config.rules.issuer,
      uvci: 'URN:UVCI:01:DE:DOCTOR/PROBE0000000000#Q',
    },
    ready.value.signer,
    {
      issuedAt,
      expiresAt: Math.min(issuedAt + 3600, Math.floor(dsc.notAfter.getTime() / 1000)),
      issuingCountry: ctx.config.rules.issuingCountry,
    },
  );
  if (!cert.ok) return fail('signer', `signing failed: ${cert.error.code}; ${facts}`);
  const report = await verifyHc1(cert.value.hc1, { dscs: [dsc.der] }, { now });
  if (!report.ok) return fail('signer', `self-verification failed: ${report.error.code}; ${facts}`);
  return pass('signer', `signs and self-verifies; EKU allows recovery; ${facts}${loaded.demo ? ' (DEMO)' : ''}`);
}

export async function checkRecordSource(ctx: DoctorContext): Promise<CheckResult> {
  const rc = ctx.config.recordSource;
  const source = createRecordSource(rc, { now: ctx.now });
  const target =
    rc.kind === 'simulator'
      ? `simulator${rc.fixture ? ` (${rc.fixture})` : ' (demo people)'}`
      : `${rc.kind} ${rc.baseUrl}`;
  const health = await source.health(AbortSignal.timeout(10_000)).catch(() => failed('SOURCE_UNREACHABLE'));
  return health.ok
    ? pass('record source', `${target}: health answered`)
    : fail('record source', `${target}: ${health.error}`);
}

export async function checkPrinters(ctx: DoctorContext): Promise<readonly CheckResult[]> {
  const printers = ctx.config.printers;
  if (printers.length === 0) return [skip('printers', 'none configured (no print button)')];
  const service = createPrintService(printers.filter((p) => p.kind !== 'electron'));
  const statuses = await service.status();
  const results: CheckResult[] = [];
  for (const p of printers) {
    const name = `printer ${p.name}`;
    if (p.kind === 'electron') {
      // Electron prints through the system's queue of that name (CUPS on Linux): ask CUPS.
      const s = await cupsStatus(p.deviceName, Date.now() + p.timeoutMs);
      results.push(
        s.ok
          ? pass(name, `electron → ${p.deviceName}: ready`)
          : fail(name, `electron → ${p.deviceName}: ${s.error.code}`),
      );
      continue;
    }
    const s = statuses.find((x) => x.name === p.name);
    const where = p.kind === 'escpos' ? p.uri : `cups:${p.queue}`;
    if (!s) results.push(fail(name, `${where}: no status`));
    else if (s.state === 'down') results.push(fail(name, `${where}: ${s.code ?? 'down'}`));
    else results.push(pass(name, `${where}: ${s.state === 'degraded' ? 'ready, paper low' : 'ready'}`));
  }
  return results;
}

export async function checkMetrics(ctx: DoctorContext): Promise<CheckResult> {
  const m = ctx.config.metrics;
  if (!m) return skip('metrics', 'off (no metrics block)');
  if (!m.tokenFile) return pass('metrics', `${m.listen}, loopback, no token`);
  const token = readTokenFile(m.tokenFile);
  if (!token.ok) return fail('metrics', `${m.tokenFile}: ${String(token.error.details?.reason ?? token.error.code)}`);
  return pass('metrics', `${m.listen}, bearer token file 0600`);
}
