// Where the kiosk's data and configuration come from, and starting core with them — in the main
// process only (docs/release.md: signing keys never reach the renderer; nothing but KioskApi results
// crosses IPC). Data directory: `--data-dir DIR`, else KIOSK_DATA_DIR, else the same per-user
// folder the CLI and the browser transport use (core/paths.ts), so all three share one registry
// and "issued exactly once" holds across them. Configuration: `--config FILE`, else KIOSK_CONFIG,
// else `<dataDir>/config.json|yaml|yml` if present, else none (demo mode).
import { join } from 'node:path';
import type { KioskApi } from '../../core/api/kiosk-api';
import { KIOSK_METHODS } from '../../core/api/kiosk-methods';
import { errorName, type Logger } from '../../core/log/logger';
import type { ElectronPdfPrint } from '../../core/print/printer-config';
import { err, type AppError, type Result } from '../../core/result';

export interface KioskPaths {
  readonly dataDir: string;
  readonly configPath?: string;
}

export const CONFIG_FILE_NAMES = ['config.json', 'config.yaml', 'config.yml'] as const;

/** `--name value` or `--name=value` anywhere in argv; Chromium's own switches are left alone. */
export function argValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === `--${name}`) {
      const next = argv[i + 1];
      return next !== undefined && !next.startsWith('--') ? next : undefined;
    }
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

export function resolveKioskPaths(input: {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly defaultDataDir: string;
  readonly exists: (path: string) => boolean;
}): KioskPaths {
  const nonEmpty = (v: string | undefined) => (v !== undefined && v !== '' ? v : undefined);
  const dataDir =
    nonEmpty(argValue(input.argv, 'data-dir')) ?? nonEmpty(input.env.KIOSK_DATA_DIR) ?? input.defaultDataDir;
  const explicit = nonEmpty(argValue(input.argv, 'config')) ?? nonEmpty(input.env.KIOSK_CONFIG);
  if (explicit) return { dataDir, configPath: explicit };
  const found = CONFIG_FILE_NAMES.map((name) => join(dataDir, name)).find((p) => input.exists(p));
  return found ? { dataDir, configPath: found } : { dataDir };
}

/** Chromium's profile (cache, storage) lives inside the data directory too: nothing is written outside it. */
export const chromiumProfileDir = (dataDir: string): string => join(dataDir, 'chromium-profile');

/** B1's factory (core/api/create-kiosk-api.ts), as the shell uses it. */
export type CreateKiosk = (opts: {
  dataDir: string;
  configPath?: string;
  now?: () => Date;
  electronPrint?: ElectronPdfPrint;
  /** The kiosk process serves the metrics endpoint when configured (docs/monitoring.md). */
  serveMetrics?: boolean;
}) => Promise<Result<{ api: KioskApi; config: unknown; close(): Promise<void> }>>;

/** A KioskApi that answers every call with the same error: the UI shows "out of service". */
export function createUnavailableApi(error: AppError): KioskApi {
  const api: Record<string, () => Promise<Result<never>>> = {};
  for (const method of KIOSK_METHODS) api[method] = async () => err(error.code, error.details);
  return api as unknown as KioskApi;
}

export interface LoadedKiosk {
  readonly api: KioskApi;
  /** Null when core is running; the error the UI shows otherwise. */
  readonly startupError: AppError | null;
  close(): Promise<void>;
}

/** Starts core; a broken configuration or key still yields a window that says what is wrong. */
export async function loadKiosk(deps: {
  readonly createKiosk: CreateKiosk;
  readonly paths: KioskPaths;
  readonly electronPrint: ElectronPdfPrint;
  readonly logger: Logger;
}): Promise<LoadedKiosk> {
  let result: Awaited<ReturnType<CreateKiosk>>;
  try {
    result = await deps.createKiosk({ ...deps.paths, electronPrint: deps.electronPrint, serveMetrics: true });
  } catch (e) {
    deps.logger.error('main.kiosk-start-threw', { errorName: errorName(e) });
    result = err('INTERNAL');
  }
  if (!result.ok) {
    deps.logger.error('main.kiosk-start-failed', { code: result.error.code });
    return { api: createUnavailableApi(result.error), startupError: result.error, close: async () => undefined };
  }
  deps.logger.info('main.kiosk-started');
  const { api, close } = result.value;
  return { api, startupError: null, close: () => close() };
}
