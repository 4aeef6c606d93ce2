// `npm run start:web -- [--port N] [--data-dir DIR] [--config FILE]`: the kiosk in any
// browser on this machine, without Electron. Builds the renderer first if dist/renderer is
// missing, creates the kiosk's core (demo mode without --config), serves both on 127.0.0.1 only
// and prints the URL. Ctrl+C closes the server and the core cleanly.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKiosk } from '../core/api/create-kiosk-api';
import { parseArgs, stringFlag, UsageError } from '../core/cli/args';
import { defaultDataDir } from '../core/paths';
import { ensureRendererBuilt, RENDERER_DIR } from './renderer-build';
import { startWebServer } from './web-server';

export { ensureRendererBuilt, RENDERER_DIR };

export const DEFAULT_WEB_PORT = 8377;

const USAGE = 'usage: npm run start:web -- [--port N] [--data-dir DIR] [--config FILE.json|yaml] [--host 127.0.0.1]';

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_WEB_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
  return port;
}

export async function main(argv: readonly string[]): Promise<number> {
  let port: number;
  let dataDir: string;
  let configPath: string | undefined;
  try {
    const args = parseArgs(argv, {
      port: 'string',
      'data-dir': 'string',
      config: 'string',
      host: 'string',
      help: 'boolean',
    });
    if (args.flags.help) {
      console.log(USAGE);
      return 0;
    }
    const host = stringFlag(args, 'host');
    // The browser transport has no authentication of its own: it must never face a network.
    if (host !== undefined && host !== '127.0.0.1' && host !== 'localhost')
      throw new UsageError('the browser transport listens on 127.0.0.1 only');
    port = parsePort(stringFlag(args, 'port'));
    dataDir = path.resolve(stringFlag(args, 'data-dir') ?? defaultDataDir());
    configPath = stringFlag(args, 'config');
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`start:web: ${e.message}\n${USAGE}`);
      return 2;
    }
    throw e;
  }

  await ensureRendererBuilt((line) => console.log(line));
  const kiosk = await createKiosk({
    dataDir,
    serveMetrics: true,
    ...(configPath ? { configPath: path.resolve(configPath) } : {}),
  });
  if (!kiosk.ok) {
    // Codes and field paths only (config errors never echo values).
    console.error(`start:web: the kiosk could not start: ${kiosk.error.code}`, kiosk.error.details ?? '');
    return 1;
  }
  const server = await startWebServer({ api: kiosk.value.api, port, staticDir: RENDERER_DIR });
  const { demoSigner, recordSource } = kiosk.value.config;
  const demoParts = [
    ...(recordSource.kind === 'simulator' ? ['simulated health office'] : []),
    ...(demoSigner ? ['demo signing key'] : []),
  ];
  const mode = demoParts.length > 0 ? `DEMO mode (${demoParts.join(', ')})` : 'configured mode';
  console.log(`Genesenen-Kiosk (${mode}) at ${server.url}  — data dir ${dataDir}`);
  // Its own listener (docs/monitoring.md), never a route of the citizen transport above.
  if (kiosk.value.metricsServer) console.log(`Metrics at ${kiosk.value.metricsServer.url}`);
  const stop = async () => {
    await server.close();
    await kiosk.value.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== 0) process.exit(code);
    },
    (e: unknown) => {
      console.error(`start:web: ${e instanceof Error ? e.name : 'error'}`);
      process.exit(1);
    },
  );
}
