// `print --format receipt-80|receipt-58|a4 [--lang CODE] [--printer URI | --out FILE] HC1-STRING`
// (core/print/README.md). Decodes the HC1 and prints it through the same print service the kiosk uses:
// `tcp://host:port` or a device path = ESC/POS receipt printer, `cups:QUEUE` = CUPS (A4).
// `--out FILE` writes the raw job instead (ESC/POS bytes or the PDF). Extra options:
// --command-set epson|star, --qr native|raster, --timeout MS, --demo (prints the DEMO marks).
// Exit 0 printed/written, 1 print failure (the error code is printed), 2 usage or unusable HC1.
import { writeFile } from 'node:fs/promises';
import { parseArgs, stringFlag, UsageError } from '../args';
import { hc1Argument } from '../../dcc/cli-io';
import { buildA4Pdf } from '../../print/a4/a4-pdf';
import { certificateFromHc1 } from '../../print/certificate-from-hc1';
import { createPrintService } from '../../print/print-service';
import { printerConfigSchema, type PrinterConfig } from '../../print/printer-config';
import { buildReceiptJob } from '../../print/receipt/receipt-job';

const FORMATS = { 'receipt-80': 80, 'receipt-58': 58, a4: undefined } as const;
type CliFormat = keyof typeof FORMATS;
const isFormat = (f: string | undefined): f is CliFormat => f !== undefined && Object.hasOwn(FORMATS, f);

function printerFor(format: CliFormat, uri: string, opts: Record<string, string | undefined>): PrinterConfig {
  const timeoutMs = opts.timeout === undefined ? undefined : Number(opts.timeout);
  const common = { name: 'cli', ...(timeoutMs === undefined ? {} : { timeoutMs }) };
  const parsed =
    format === 'a4'
      ? uri.startsWith('cups:')
        ? printerConfigSchema.safeParse({ kind: 'cups', queue: uri.slice(5), ...common })
        : undefined
      : printerConfigSchema.safeParse({
          kind: 'escpos',
          uri,
          paperWidthMm: FORMATS[format],
          ...(opts.commandSet ? { commandSet: opts.commandSet } : {}),
          ...(opts.qr ? { qrMode: opts.qr } : {}),
          ...common,
        });
  if (!parsed?.success) {
    throw new UsageError(
      format === 'a4' ? 'a4 prints to --printer cups:QUEUE' : 'invalid --printer, --command-set, --qr or --timeout',
    );
  }
  return parsed.data;
}

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, {
    format: 'string',
    lang: 'string',
    printer: 'string',
    out: 'string',
    'command-set': 'string',
    qr: 'string',
    timeout: 'string',
    demo: 'boolean',
  });
  const format = stringFlag(args, 'format');
  if (!isFormat(format)) throw new UsageError('--format must be receipt-80, receipt-58 or a4');
  const printer = stringFlag(args, 'printer');
  const out = stringFlag(args, 'out');
  if ((printer === undefined) === (out === undefined)) throw new UsageError('give exactly one of --printer and --out');
  const hc1 = await hc1Argument(args.positional);
  if (hc1 === undefined) throw new UsageError('expected exactly one HC1 string (quote it: it contains spaces)');
  const cert = certificateFromHc1(hc1);
  if (!cert.ok) {
    process.stderr.write(`print: not a printable recovery certificate (${cert.error.code})\n`);
    return 2;
  }
  const lang = stringFlag(args, 'lang') ?? 'de';
  const printable = { ...cert.value, demo: args.flags.demo === true };
  const opts = {
    commandSet: stringFlag(args, 'command-set'),
    qr: stringFlag(args, 'qr'),
    timeout: stringFlag(args, 'timeout'),
  };

  if (out !== undefined) {
    const width = FORMATS[format];
    let bytes: Uint8Array;
    if (width === undefined) bytes = await buildA4Pdf(printable, { lang });
    else {
      const config = printerFor(format, '/dev/null', opts);
      if (config.kind !== 'escpos') throw new UsageError('receipt formats need an ESC/POS printer');
      bytes = buildReceiptJob(printable, { ...config, lang });
    }
    await writeFile(out, bytes);
    process.stdout.write(`wrote ${bytes.length} bytes to ${out}\n`);
    return 0;
  }
  const config = printerFor(format, printer!, opts);
  const service = createPrintService([config]);
  const result = await service.print(printable, format === 'a4' ? 'a4' : 'receipt', lang);
  if (!result.ok) {
    process.stderr.write(
      `print: ${result.error.code}${result.error.details ? ` ${JSON.stringify(result.error.details)}` : ''}\n`,
    );
    return 1;
  }
  process.stdout.write(`printed (${format}) on ${printer}\n`);
  return 0;
}
