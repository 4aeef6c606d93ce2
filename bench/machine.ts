// The machine a benchmark run was taken on (docs/performance.md, JSON key "machine"): figures are only
// comparable on the same CPU, core count, Node version and OS, so every report carries them.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly node: string;
  readonly os: string;
  /** ISO 8601, when the run started. */
  readonly date: string;
}

/** PRETTY_NAME from /etc/os-release (Linux), else the kernel's name. */
function distribution(): string | undefined {
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'));
    return m?.[1];
  } catch {
    return undefined;
  }
}

export function machineInfo(started: Date = new Date()): MachineInfo {
  const cpus = os.cpus();
  const kernel = `${os.type()} ${os.release()} ${os.arch()}`;
  const distro = distribution();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism?.() ?? cpus.length,
    node: process.version,
    os: distro ? `${distro} (${kernel})` : kernel,
    date: started.toISOString(),
  };
}
