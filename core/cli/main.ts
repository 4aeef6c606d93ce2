// `npm run cli -- <command> ...`: one entry point; each command lives in commands/<name>.ts and
// exports `run(argv): Promise<number>` (the process exit code). Commands are loaded lazily so
// that `verify` does not pay for SQLite and `keys` does not pay for the PDF library.
import { UsageError } from './args';

const COMMANDS = {
  keys: 'keys demo --dir DIR | generate (--out DIR | --pkcs11 --module SO --token-label T --key-label L --pin-file F) | csr --subject /C=DE/O=…/CN=… (--key KEY.pem | --pkcs11 …) [--out FILE] | check --config FILE',
  encode: 'encode --payload FILE --key KEY.pem --cert DSC.pem [--json]',
  verify: 'verify --cert DSC.pem [--json] [--now ISO] HC1-STRING|-   (- reads the HC1 from stdin)',
  qr: 'qr --out FILE.png|FILE.svg HC1-STRING',
  issue:
    'issue --genesenen-id ID --name LASTNAME --dob YYYY-MM-DD [--config FILE] [--records FIXTURE.json] [--json] [--data-dir DIR]',
  id: 'id new [--count N]',
  rules: 'rules check FILE|builtin:NAME [--country DE] [--json]   (exit 0: the kiosk would accept the rule file)',
  doctor: 'doctor --config FILE [--data-dir DIR] [--cupsd-conf FILE] [--json]',
  stats: 'stats --from DATE --to DATE [--by day|kiosk|office] [--format csv|json] [--config FILE,…] [--data-dir DIR]',
  revoke: 'revoke --data-dir DIR --uvci UVCI --reason TEXT [--key FILE]',
  revocation: 'revocation export --data-dir DIR --since YYYY-MM-DD --out FILE [--key FILE]',
  audit:
    'audit anchor (--data-dir DIR [--key FILE] [--kiosk-id ID] | --config FILE --key FILE) --out FILE | ' +
    'audit verify (--data-dir DIR [--key FILE] | --config FILE [--key FILE[,FILE]]) [--anchor FILE[,FILE]]',
  registry:
    'registry import --from-sqlite PATH [--from-sqlite PATH …] --config FILE [--json]   (docs/fleet.md, "Moving a city over")',
  clerk:
    'clerk add --id ID [--config FILE] [--pepper-file FILE] (PIN twice on stdin) | clerk remove --id ID --config FILE | clerk list --config FILE',
  print:
    'print --format receipt-80|receipt-58|a4 [--lang CODE] [--printer tcp://HOST:PORT|cups:QUEUE | --out FILE] [--command-set epson|star] [--qr native|raster] [--timeout MS] [--demo] HC1-STRING',
} as const;

type CommandName = keyof typeof COMMANDS;
const isCommand = (name: string | undefined): name is CommandName =>
  name !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, name);

function usage(): string {
  return ['usage: npm run cli -- <command> [options]', '', ...Object.values(COMMANDS).map((l) => `  ${l}`)].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!isCommand(name)) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  const mod = (await import(`./commands/${name}.ts`)) as { run(argv: readonly string[]): Promise<number> };
  try {
    return await mod.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${name}: ${e.message}\n${COMMANDS[name]}\n`);
      return 2;
    }
    throw e;
  }
}

const invokedDirectly = process.argv[1]?.endsWith('main.ts') ?? false;
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      // No personal data in messages: only the error's class and code reach the terminal.
      const code = (e as { code?: unknown })?.code;
      process.stderr.write(`internal error${typeof code === 'string' ? ` (${code})` : ''}\n`);
      process.exit(1);
    },
  );
}
