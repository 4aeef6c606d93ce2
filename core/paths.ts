// Where the kiosk keeps its state (registry, audit log, logs, demo keys): one data directory per
// installation, the OS's per-user application-data folder unless `--data-dir` says otherwise.
// Nothing else is written outside it; the one exception is the generated audit key in the separate
// `<dataDir>-secrets` directory (docs/audit.md), which must not live inside it.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'genesenen-kiosk';

export interface PlatformEnv {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
}

const currentPlatform = (): PlatformEnv => ({ platform: process.platform, env: process.env, home: homedir() });

/**
 * `%APPDATA%\genesenen-kiosk` on Windows, `~/Library/Application Support/genesenen-kiosk` on macOS,
 * `$XDG_DATA_HOME/genesenen-kiosk` (default `~/.local/share/genesenen-kiosk`) elsewhere.
 */
export function defaultDataDir(p: PlatformEnv = currentPlatform()): string {
  if (p.platform === 'win32') {
    const appData = p.env.APPDATA ?? join(p.home, 'AppData', 'Roaming');
    return join(appData, APP_DIR_NAME);
  }
  if (p.platform === 'darwin') return join(p.home, 'Library', 'Application Support', APP_DIR_NAME);
  const xdg = p.env.XDG_DATA_HOME;
  // XDG: a relative XDG_DATA_HOME is invalid and must be ignored.
  const base = xdg && xdg.startsWith('/') ? xdg : join(p.home, '.local', 'share');
  return join(base, APP_DIR_NAME);
}

/** The fixed layout inside a data directory. */
export const dataPaths = (dataDir: string) =>
  ({
    registry: join(dataDir, 'registry.sqlite'),
    auditDir: join(dataDir, 'audit'),
    logDir: join(dataDir, 'logs'),
  }) as const;
