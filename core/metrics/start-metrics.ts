// Starts the metrics endpoint when the configuration asks for it (docs/monitoring.md). Called by
// the processes that run a kiosk — the Electron main process and the browser transport's start
// script, both through createKiosk's `serveMetrics` — never by CLI commands. Refuses a token file
// that group or others can read, like ssh refuses such a key: the token would be no secret.
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log/logger';
import type { Result } from '../result';
import { err, ok } from '../result';
import type { MetricsConfig } from './metrics-config';
import { parseListen } from './metrics-config';
import type { KioskMetrics } from './metrics';
import { startMetricsServer, type MetricsServer } from './metrics-server';

export const STARTS_FILE = 'kiosk-starts.count';

/** Why a token file is unusable, or the token. */
export function readTokenFile(path: string): Result<string> {
  try {
    const st = statSync(path);
    if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      return err('CONFIG_INVALID', { reason: 'token-file-readable-by-others' });
    }
    const token = readFileSync(path, 'utf8').trim();
    if (!/^[\x21-\x7e]{16,512}$/.test(token)) return err('CONFIG_INVALID', { reason: 'token-file-malformed' });
    return ok(token);
  } catch {
    return err('CONFIG_INVALID', { reason: 'token-file-unreadable' });
  }
}

/** Adds one to the data directory's start counter and returns the new total (0 if unwritable). */
export function countStart(dataDir: string): number {
  const file = join(dataDir, STARTS_FILE);
  let total = 0;
  try {
    total = Number.parseInt(readFileSync(file, 'utf8'), 10) || 0;
  } catch {
    // first start
  }
  total += 1;
  try {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${total}\n`, { mode: 0o600 });
    renameSync(tmp, file);
  } catch {
    return 0;
  }
  return total;
}

export async function startKioskMetrics(opts: {
  readonly config: MetricsConfig | undefined;
  readonly metrics: KioskMetrics;
  readonly dataDir: string;
  readonly log: Logger;
}): Promise<Result<MetricsServer | undefined>> {
  const { config, log } = opts;
  if (!config) return ok(undefined);
  const listen = parseListen(config.listen);
  if (!listen) return err('CONFIG_INVALID', { reason: 'metrics-listen' });
  let token: string | undefined;
  if (config.tokenFile) {
    const read = readTokenFile(config.tokenFile);
    if (!read.ok) {
      log.error('metrics.start-failed', { cause: String(read.error.details?.reason ?? 'token') });
      return read;
    }
    token = read.value;
  }
  opts.metrics.countStarts(countStart(opts.dataDir));
  try {
    const server = await startMetricsServer(opts.metrics, listen, token);
    log.info('metrics.listening', { port: server.port, state: token ? 'token' : 'open' });
    return ok(server);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown';
    log.error('metrics.start-failed', { code });
    return err('CONFIG_INVALID', { reason: 'metrics-listen-failed', code });
  }
}
