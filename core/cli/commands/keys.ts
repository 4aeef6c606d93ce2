// `keys demo --dir DIR`: writes a demo CSCA, DSC and DSC key (docs/dcc-notes.md §7: for tests a
// self-made CSCA and DSC are enough) and prints the DSC's kid (base64, as trust lists show it).
import { parseArgs, requireFlag, UsageError } from '../args';
import { generateDemoTrustChain } from '../../dcc/demo-trust';

export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, { dir: 'string' });
  if (args.positional.length !== 1 || args.positional[0] !== 'demo') throw new UsageError('expected subcommand "demo"');
  const dir = requireFlag(args, 'dir');
  const chain = await generateDemoTrustChain(dir);
  process.stdout.write(`${chain.kid}\n`);
  process.stderr.write(`wrote ${chain.cscaPath}, ${chain.dscPath}, ${chain.keyPath} (DEMO – NOT VALID)\n`);
  return 0;
}
