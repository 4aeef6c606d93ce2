// `qr --out FILE.png|FILE.svg HC1-STRING`: writes the QR symbol (docs/dcc-notes.md §5: alphanumeric mode,
// ECC Q, 4-module quiet zone). The format follows the file extension. `-` reads the HC1 from stdin.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs, requireFlag, UsageError } from '../args';
import { hc1Argument } from '../../dcc/cli-io';
import { qrMatrix, qrPng, qrSvg } from '../../dcc/qr';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { out: 'string' });
  const out = requireFlag(args, 'out');
  const ext = extname(out).toLowerCase();
  if (ext !== '.png' && ext !== '.svg') throw new UsageError('--out must end in .png or .svg');
  const hc1 = await hc1Argument(args.positional);
  if (hc1 === undefined) throw new UsageError('expected exactly one HC1 string (quote it: it contains spaces)');
  if (!hc1.startsWith('HC1:') || !/^[0-9A-Z $%*+\-./:]*$/.test(hc1)) {
    process.stderr.write('qr: not an HC1 string\n');
    return 1;
  }
  await writeFile(out, ext === '.png' ? await qrPng(hc1) : await qrSvg(hc1));
  process.stderr.write(`wrote ${out} (QR version ${qrMatrix(hc1).version}, ECC Q)\n`);
  return 0;
}
