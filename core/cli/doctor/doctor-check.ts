// Shared shape of `cli doctor` checks (docs/monitoring.md, "Installation check"). Each check is a
// small async function from the doctor's context to one or more result lines, so a new component
// adds its check to the list in run-doctor.ts without touching the others. A check never throws: an unexpected exception becomes a FAIL line naming
// the exception's class, never its message (which could quote a file's content).
import { stat } from 'node:fs/promises';
import type { KioskConfig } from '../../config/load-config';
import { errorName } from '../../log/logger';

export type CheckStatus = 'ok' | 'FAIL' | 'skip';

export interface CheckResult {
  /** Stable name, e.g. `registry`, `printer Bon`; tests and installers grep for it. */
  readonly check: string;
  readonly status: CheckStatus;
  /** What was found: facts and codes, never personal data or secrets. */
  readonly detail: string;
}

export interface DoctorContext {
  readonly config: KioskConfig;
  readonly dataDir: string;
  readonly now: () => Date;
  /** cupsd.conf to read instead of asking the running scheduler (`--cupsd-conf`). */
  readonly cupsdConf?: string;
  /** Clock of the registry (SQLite: the local clock as SQLite reads it); set by the registry check. */
  registryNow?: () => Promise<Date>;
  /** Whose clock `registryNow` reads and how far ours may differ; absent: SQLite's defaults. */
  registryClock?: { readonly name: string; readonly maxSkewMs: number; readonly roundTripMs?: number };
  /** Issued certificates in the registry; set by the registry check (the ID-hash key check needs it). */
  registryIssued?: number;
}

export type DoctorCheck = (ctx: DoctorContext) => Promise<CheckResult | readonly CheckResult[]>;

export const pass = (check: string, detail: string): CheckResult => ({ check, status: 'ok', detail });
export const fail = (check: string, detail: string): CheckResult => ({ check, status: 'FAIL', detail });
export const skip = (check: string, detail: string): CheckResult => ({ check, status: 'skip', detail });

/** Runs a check; an exception is a failure of that check, reported by class name. */
export async function runCheck(name: string, check: DoctorCheck, ctx: DoctorContext): Promise<readonly CheckResult[]> {
  try {
    const r = await check(ctx);
    return Array.isArray(r) ? r : [r as CheckResult];
  } catch (e) {
    return [fail(name, `unexpected ${errorName(e)}`)];
  }
}

/** A file holding a secret: must exist, belong to this user and be closed to group and others. */
export async function privateFileProblem(path: string): Promise<string | undefined> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    return `missing or unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (process.platform === 'win32') return undefined;
  if ((st.mode & 0o077) !== 0)
    return `readable by others: mode ${(st.mode & 0o777).toString(8).padStart(4, '0')} (want 0600)`;
  if (typeof process.getuid === 'function' && st.uid !== process.getuid())
    return `owned by uid ${st.uid}, not the kiosk user`;
  return undefined;
}
