// `encode --payload FILE --key KEY.pem --cert DSC.pem [--json]`: signs any schema-valid DCC JSON
// (docs/dcc-notes.md §0) and prints the HC1 string, or with --json {"hc1","kid","dsc"} (dsc = base64 DER).
// CWT times: iat = now; exp = min(DSC notAfter, now + 365 days) so the signature never outlives
// the DSC (docs/dcc-notes.md §3). iss = the DSC subject's country (C=), DE when it has none.
import { parseArgs, requireFlag, UsageError } from '../args';
import { readTextFile } from '../../dcc/cli-io';
import { signDccPayload } from '../../dcc/issue-certificate';
import { createNodeSigner } from '../../dcc/signer/node-signer';
import { parseDsc } from '../../dcc/x509';

const YEAR_S = 365 * 86_400;

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { payload: 'string', key: 'string', cert: 'string', json: 'boolean' });
  if (args.positional.length > 0) throw new UsageError('unexpected argument');
  const [payloadText, keyPem, certPem] = await Promise.all(
    [requireFlag(args, 'payload'), requireFlag(args, 'key'), requireFlag(args, 'cert')].map(readTextFile),
  );
  if (payloadText === undefined || keyPem === undefined || certPem === undefined) {
    process.stderr.write('encode: cannot read --payload, --key or --cert\n');
    return 1;
  }
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    process.stderr.write('encode: --payload is not JSON\n');
    return 1;
  }
  const signer = createNodeSigner({ privateKeyPem: keyPem, dsc: certPem });
  const dsc = parseDsc(certPem);
  if (!signer.ok || !dsc.ok) {
    process.stderr.write(
      `encode: ${signer.ok ? 'CONFIG_INVALID' : signer.error.code} ${JSON.stringify(signer.ok ? {} : (signer.error.details ?? {}))}\n`,
    );
    return 1;
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = Math.min(Math.floor(dsc.value.notAfter.getTime() / 1000), now + YEAR_S);
  const country = /(?:^|,\s*)C=([A-Z]{2})(?:,|$)/.exec(dsc.value.subject)?.[1] ?? 'DE';
  const signed = await signDccPayload(payload, signer.value, {
    issuedAt: now,
    expiresAt: exp,
    issuingCountry: country,
  });
  if (!signed.ok) {
    process.stderr.write(`encode: ${signed.error.code} ${JSON.stringify(signed.error.details ?? {})}\n`);
    return 1;
  }
  const { hc1, kid, dscDer } = signed.value;
  process.stdout.write(
    args.flags.json ? `${JSON.stringify({ hc1, kid, dsc: Buffer.from(dscDer).toString('base64') })}\n` : `${hc1}\n`,
  );
  return 0;
}
