// `cli doctor`: CUPS must keep no job files (docs/monitoring.md). A kept job file is the printed
// certificate — name, date of birth and QR code — lying in /var/spool/cups. CUPS's default
// (PreserveJobFiles 86400, one day) keeps them, so the setting must say No explicitly. Read from
// the running scheduler (`cupsctl`), else from cupsd.conf; `--cupsd-conf FILE` reads that file only.
import { readFile } from 'node:fs/promises';
import { runTool } from '../../print/transport/run-tool';
import { fail, pass, skip, type CheckResult, type DoctorContext } from './doctor-check';

export const DEFAULT_CUPSD_CONF = '/etc/cups/cupsd.conf';
const NAME = 'cups job files';

/** The PreserveJobFiles value in cupsctl output (`PreserveJobFiles=No`) or cupsd.conf text. */
export function preserveJobFiles(text: string): string | undefined {
  let value: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^\s*PreserveJobFiles(?:\s+|=)(\S+)/i.exec(line);
    if (m) value = m[1];
  }
  return value;
}

const keepsNothing = (v: string): boolean => /^(no|off|false|0)$/i.test(v);

export async function checkCupsJobFiles(ctx: DoctorContext): Promise<CheckResult> {
  let text: string | undefined;
  let from: string;
  if (ctx.cupsdConf) {
    from = ctx.cupsdConf;
  } else {
    const out = await runTool('cupsctl', [], { timeoutMs: 5000 });
    if (out.exitCode === 0 && /=/.test(out.stdout)) {
      text = out.stdout;
      from = 'cupsctl';
    } else from = DEFAULT_CUPSD_CONF;
  }
  if (text === undefined) {
    try {
      text = await readFile(from, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const usesCups = ctx.config.printers.some((p) => p.kind !== 'escpos');
      if (code === 'ENOENT' && !usesCups && !ctx.cupsdConf) return skip(NAME, 'CUPS not installed');
      return fail(NAME, `${from}: ${code ?? 'unreadable'}`);
    }
  }
  const value = preserveJobFiles(text);
  if (value === undefined)
    return fail(
      NAME,
      `${from}: PreserveJobFiles not set (CUPS keeps job files 1 day by default); set PreserveJobFiles No`,
    );
  return keepsNothing(value)
    ? pass(NAME, `${from}: PreserveJobFiles ${value}`)
    : fail(NAME, `${from}: PreserveJobFiles ${value}; set No`);
}
