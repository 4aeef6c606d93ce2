// `issue --genesenen-id ID --name LASTNAME --dob YYYY-MM-DD [--config FILE] [--records FIXTURE.json]
// [--json] [--data-dir DIR]`: the whole issuance use case from the command line —
// same validation, attempt limits, registry, audit log and signer as the kiosk. `--records`
// serves that fixture from an in-process simulator over HTTP (like demo mode) and is refused with a
// real signer (docs/configuration.md, "real signer ⇒ real records"). Exit code 0 only
// when a certificate was issued. Everything is written inside the data directory.
import { openKioskRuntime, type KioskRuntimeOptions } from '../../api/kiosk-runtime';
import { loadConfig } from '../../config/load-config';
import { recoveryView } from '../../dcc/recovery-view';
import { loadFixture, type Fixture } from '../../records/fixture';
import { defaultDataDir } from '../../paths';
import { parseArgs, requireFlag, stringFlag } from '../args';

/** `hooks`: the crash tests' checkpoint (tests/support/workers/issue-cli-worker.ts); the CLI passes none. */
export async function run(
  argv: readonly string[],
  hooks: Pick<KioskRuntimeOptions, 'checkpoint'> = {},
): Promise<number> {
  const args = parseArgs(argv, {
    'genesenen-id': 'string',
    name: 'string',
    dob: 'string',
    config: 'string',
    records: 'string',
    json: 'boolean',
    'data-dir': 'string',
  });
  const request = {
    genesenenId: requireFlag(args, 'genesenen-id'),
    familyName: requireFlag(args, 'name'),
    dateOfBirth: requireFlag(args, 'dob'),
  };
  const json = args.flags.json === true;
  const fail = (error: { code: string; details?: unknown }): number => {
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error })}\n`);
    else process.stderr.write(`not issued: ${error.code}${error.details ? ` ${JSON.stringify(error.details)}` : ''}\n`);
    return 1;
  };

  const config = loadConfig(stringFlag(args, 'config'));
  if (!config.ok) return fail(config.error);
  let fixture: Fixture | undefined;
  const recordsPath = stringFlag(args, 'records');
  if (recordsPath !== undefined) {
    // Fixture people are invented: with a real key they would get certificates every verifier accepts.
    if (config.value.signer.kind !== 'demo') {
      return fail({
        code: 'CONFIG_INVALID',
        details: {
          records: `--records serves invented people and needs the demo signer; this configuration signs with a real key (${config.value.signer.kind})`,
        },
      });
    }
    const loaded = loadFixture(recordsPath);
    if (!loaded.ok) return fail(loaded.error);
    fixture = loaded.value;
  }
  const runtime = await openKioskRuntime({
    dataDir: stringFlag(args, 'data-dir') ?? defaultDataDir(),
    // --records: the fixture is the record source, whatever the config file says.
    config: fixture ? { ...config.value, recordSource: { kind: 'simulator' } } : config.value,
    ...(fixture ? { fixture } : {}),
    ...hooks,
  });
  if (!runtime.ok) return fail(runtime.error);
  try {
    const outcome = await runtime.value.issuance.issue(request);
    if (!outcome.ok) return fail(outcome.error);
    const { certificate, uvci, acceptance } = outcome.value;
    if (json) {
      process.stdout.write(
        `${JSON.stringify({
          ok: true,
          hc1: certificate.hc1,
          uvci,
          kid: certificate.kid,
          dsc: Buffer.from(certificate.dscDer).toString('base64'),
          payload: certificate.payload,
          acceptance,
        })}\n`,
      );
    } else {
      const { validFrom, validUntil } = recoveryView(certificate.payload);
      const by = acceptance.ruleVersion ?? 'CWT exp';
      const accepted = `accepted in ${acceptance.country} until ${acceptance.until} (${by})`;
      process.stdout.write(`issued ${uvci}\nvalid ${validFrom} – ${validUntil}, kid ${certificate.kid}\n${accepted}\n`);
      process.stdout.write(`${certificate.hc1}\n`);
    }
    return 0;
  } finally {
    await runtime.value.close();
  }
}
