// Test harness for the browser suites: the real core (createKiosk, demo mode, a fresh
// temp data dir, optional config object written as a file) behind the real HTTP transport
// (startWebServer), serving the real renderer build. Nothing here is a fake.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKiosk, type Kiosk } from '../../../core/api/create-kiosk-api';
import type { Fixture } from '../../../core/records/fixture';
import { ensureRendererBuilt, RENDERER_DIR } from '../../../server/start-web';
import { startWebServer, type WebServer } from '../../../server/web-server';

export interface RunningKiosk {
  readonly url: string;
  readonly kiosk: Kiosk;
  readonly server: WebServer;
  readonly dataDir: string;
  /** Every log line the transport wrote (tests check no personal data appears). */
  readonly transportLog: string[];
  close(): Promise<void>;
}

export interface KioskServerOptions {
  /** Written to <dataDir>/kiosk.json and passed as configPath; absent = demo defaults. */
  readonly config?: Record<string, unknown>;
  /** Records for the simulator instead of the demo people (written to <dataDir>/records.json). */
  readonly fixture?: Fixture;
  readonly now?: () => Date;
  /** Another renderer build to serve (e.g. an older one, to compare); default dist/renderer. */
  readonly staticDir?: string;
}

export async function startKioskServer(opts: KioskServerOptions = {}): Promise<RunningKiosk> {
  if (!opts.staticDir) await ensureRendererBuilt(() => {}, { whenStale: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kiosk-e2e-'));
  let configPath: string | undefined;
  const config: Record<string, unknown> = { ...(opts.config ?? {}) };
  if (opts.fixture) {
    writeFileSync(path.join(dataDir, 'records.json'), JSON.stringify(opts.fixture));
    config.recordSource = { kind: 'simulator', fixture: 'records.json' };
  }
  if (Object.keys(config).length > 0) {
    configPath = path.join(dataDir, 'kiosk.json');
    writeFileSync(configPath, JSON.stringify(config));
  }
  const created = await createKiosk({
    dataDir,
    ...(configPath ? { configPath } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    logSink: () => {},
  });
  if (!created.ok)
    throw new Error(`createKiosk failed: ${created.error.code} ${JSON.stringify(created.error.details ?? {})}`);
  const transportLog: string[] = [];
  const server = await startWebServer({
    api: created.value.api,
    staticDir: opts.staticDir ?? RENDERER_DIR,
    log: (l) => transportLog.push(l),
  });
  return {
    url: server.url,
    kiosk: created.value,
    server,
    dataDir,
    transportLog,
    close: async () => {
      await server.close();
      await created.value.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
