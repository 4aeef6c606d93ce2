// Runs a CUPS command-line tool (lp, lpstat, cancel) without a shell, with a hard timeout and the
// C locale so its messages can be parsed. Never throws: a missing binary is a result like any other.
import { spawn } from 'node:child_process';

export interface ToolOutput {
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** The tool could not be started (not installed). */
  readonly missing: boolean;
}

export function runTool(
  command: string,
  args: readonly string[],
  opts: { timeoutMs: number; input?: Uint8Array },
): Promise<ToolOutput> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    let timedOut = false;
    let settled = false;
    const finish = (exitCode: number | null, missing: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        exitCode,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(errOut).toString('utf8'),
        timedOut,
        missing,
      });
    };
    const child = spawn(command, [...args], {
      env: { ...process.env, LANG: 'C', LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => errOut.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => finish(null, e.code === 'ENOENT'));
    child.on('close', (code) => finish(code, false));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ? Buffer.from(opts.input) : undefined);
  });
}
