// `npx tsx core/clerk/hash-pin-cli.ts` — prints the `clerk.pinHash` value for a new clerk PIN
// (docs/configuration.md). The PIN is read from standard input so it never lands in the shell
// history or the process list.
import { createInterface } from 'node:readline';
import { CLERK_PIN_PATTERN, hashPin } from './pin-hash';

async function main(): Promise<number> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write('New clerk PIN (4-12 digits): ');
  const pin = await new Promise<string>((resolve) => rl.once('line', resolve).once('close', () => resolve('')));
  rl.close();
  if (!CLERK_PIN_PATTERN.test(pin.trim())) {
    process.stderr.write('\nThe PIN must be 4 to 12 digits.\n');
    return 2;
  }
  process.stdout.write(`${await hashPin(pin.trim())}\n`);
  return 0;
}

main().then((code) => process.exit(code));
