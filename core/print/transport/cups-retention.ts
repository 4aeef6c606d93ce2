// Does CUPS keep finished jobs on disk? A spooled A4 job (d* data file) holds a name, a date of
// birth and a usable QR; CUPS keeps it for a day by default (`PreserveJobFiles`), and the job's
// history (c* control file) for ever (`PreserveJobHistory`). scripts/setup-cups.sh sets both to
// `No`; this check runs at start-up and its answer is shown on the clerk status
// (docs/printing-privacy.md). The running scheduler is asked first (`cupsctl` prints the settings
// in effect); when it cannot be asked, cupsd.conf is read.
import { readFileSync } from 'node:fs';
import { runTool } from './run-tool';

export interface CupsRetention {
  /** true: CUPS keeps job files or history after a job; false: both are off. */
  readonly keepsJobs: boolean;
  readonly preserveJobFiles: string;
  readonly preserveJobHistory: string;
  readonly source: 'scheduler' | 'config-file' | 'unknown';
}

/** CUPS defaults when a directive is absent: history Yes, files kept one day. */
const DEFAULTS = { PreserveJobFiles: '86400', PreserveJobHistory: 'Yes' } as const;
const OFF = /^(no|off|false|0)$/i;

/** `Name=Value` lines (cupsctl) or `Name Value` lines (cupsd.conf) → the two settings. */
export function parseRetention(
  text: string,
  separator: '=' | ' ',
): Pick<CupsRetention, 'preserveJobFiles' | 'preserveJobHistory'> {
  const found: Record<string, string> = { ...DEFAULTS };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    const m = separator === '=' ? /^(\w+)=(.*)$/.exec(line) : /^(\w+)\s+(.*)$/.exec(line);
    if (m && m[1]! in DEFAULTS) found[m[1]!] = m[2]!.trim();
  }
  return { preserveJobFiles: found.PreserveJobFiles!, preserveJobHistory: found.PreserveJobHistory! };
}

const judge = (
  s: Pick<CupsRetention, 'preserveJobFiles' | 'preserveJobHistory'>,
  source: CupsRetention['source'],
): CupsRetention => ({
  ...s,
  source,
  keepsJobs: !OFF.test(s.preserveJobFiles) || !OFF.test(s.preserveJobHistory),
});

export async function readCupsRetention(
  opts: { configFile?: string; timeoutMs?: number } = {},
): Promise<CupsRetention> {
  const out = await runTool('cupsctl', [], { timeoutMs: opts.timeoutMs ?? 3000 });
  if (out.exitCode === 0 && /^\w+=/m.test(out.stdout)) return judge(parseRetention(out.stdout, '='), 'scheduler');
  try {
    return judge(parseRetention(readFileSync(opts.configFile ?? '/etc/cups/cupsd.conf', 'utf8'), ' '), 'config-file');
  } catch {
    // Neither scheduler nor configuration readable: assume the CUPS defaults, which keep jobs.
    return judge(DEFAULTS_VIEW, 'unknown');
  }
}

const DEFAULTS_VIEW = { preserveJobFiles: DEFAULTS.PreserveJobFiles, preserveJobHistory: DEFAULTS.PreserveJobHistory };
