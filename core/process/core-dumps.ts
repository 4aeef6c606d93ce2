// Core dumps would hold names, dates of birth and, with a PEM signer, the signing key. What Node and
// Electron allow (docs/memory-secrets.md):
// - Node has no setrlimit() and no prctl(PR_SET_DUMPABLE) binding, and this project loads no native
//   addon for it; RLIMIT_CORE=0 therefore comes from the service manager (`LimitCORE=0` in
//   build/systemd/genesenen-kiosk.service, or `ulimit -c 0` in a start script).
// - On Linux a process may clear its own /proc/self/coredump_filter: a dump then carries no memory
//   mappings (anonymous, file-backed or shared), only register state. Child processes forked later
//   (Chromium's zygote, renderers, the GPU process) inherit the filter, so this runs first.
// - Chromium's own crash reports (crashpad minidumps) are off: the shell never calls
//   crashReporter.start().
import { writeFileSync } from 'node:fs';

export type CoreDumpGuard = 'coredump-filter-cleared' | 'not-linux' | 'not-permitted';

export function limitCoreDumps(platform: NodeJS.Platform = process.platform, write = writeFileSync): CoreDumpGuard {
  if (platform !== 'linux') return 'not-linux';
  try {
    write('/proc/self/coredump_filter', '0');
    return 'coredump-filter-cleared';
  } catch {
    return 'not-permitted';
  }
}
