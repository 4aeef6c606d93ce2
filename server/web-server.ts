// The browser transport: serves the built renderer and carries KioskApi over HTTP, for
// tests in Chromium and for running the kiosk without Electron. Loopback only (127.0.0.1).
// Every API request passes the same gate as Electron IPC — dispatchKioskCall validates the method
// name and the input against kiosk-api-contract.ts — after these HTTP-specific checks:
//   - Host must be 127.0.0.1:<port> or localhost:<port>, and Origin (when sent) the same origin:
//     a web page elsewhere cannot reach the kiosk through DNS rebinding or a cross-site POST (403);
//   - POST only, Content-Type application/json (forces a CORS preflight, which is never granted),
//     body at most 16 KB;
//   - static files only from `staticDir`, never outside it, by the same rules, content types and caching
//     as app:// (core/api/renderer-files.ts); a strict CSP on every response.
// Logs name the method, status and duration — never a body, so nothing personal reaches a log.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dispatchKioskCall } from '../core/api/dispatch';
import type { KioskApi } from '../core/api/kiosk-api';
import {
  RENDERER_ERROR_HEADERS,
  rendererFileHeaders,
  resolveRendererFile,
  type RendererFile,
} from '../core/api/renderer-files';
import { err, type Result } from '../core/result';
import { SECURITY_HEADERS } from '../core/api/renderer-policy';

export const LOOPBACK_HOST = '127.0.0.1';
export const MAX_BODY_BYTES = 16 * 1024;

export interface WebServerOptions {
  readonly api: KioskApi;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  /** One line per request, without bodies. Default: silent. */
  readonly log?: (line: string) => void;
}

export interface WebServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

type Reply = { status: number; body: Result<unknown> };

/**
 * `serverMs`: the time the API took inside this process, sent as Server-Timing so the page (and
 * bench web_confirm_to_qr) can tell the back end's share of a call from the transport's
 * (docs/performance.md). A duration only: nothing about the request or the person.
 */
function sendJson(res: ServerResponse, { status, body }: Reply, serverMs?: number): void {
  const json = JSON.stringify(body);
  const closeAfter = status === 413;
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...(serverMs !== undefined ? { 'Server-Timing': `api;dur=${serverMs.toFixed(1)}` } : {}),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-store',
    ...(closeAfter ? { Connection: 'close' } : {}),
  });
  res.end(json, () => {
    if (closeAfter) res.socket?.destroy();
  });
}

/** The request's Host and Origin must name this server itself. */
function isOwnRequest(req: IncomingMessage, port: number): boolean {
  const allowedHosts = [`${LOOPBACK_HOST}:${port}`, `localhost:${port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin)) return false;
  const site = req.headers['sec-fetch-site'];
  return site === undefined || site === 'same-origin' || site === 'none';
}

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop reading; the 413 goes out with Connection: close and the socket ends after it.
        req.pause();
        resolve('too-large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function handleApi(api: KioskApi, req: IncomingMessage, method: string): Promise<Reply> {
  if (req.method !== 'POST') return { status: 405, body: err('INVALID_INPUT') };
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') return { status: 415, body: err('INVALID_INPUT') };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return { status: 413, body: err('INVALID_INPUT') };
  const raw = await readBody(req);
  if (raw === 'too-large') return { status: 413, body: err('INVALID_INPUT') };
  let input: unknown;
  try {
    input = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
  } catch {
    return { status: 400, body: err('INVALID_INPUT') };
  }
  const result = await dispatchKioskCall(api, method, input);
  if (!result.ok && result.error.code === 'UNKNOWN_CHANNEL') return { status: 404, body: result };
  return { status: 200, body: result };
}

/**
 * The file a URL path names under `root` by the rules app:// uses too (core/api/renderer-files.ts),
 * then on disk: a symlink that leads out of the root is refused like `..`, a directory is not found.
 */
async function resolveStatic(root: string, urlPath: string): Promise<RendererFile> {
  // Dot segments (`/a/../b`, `%2e%2e`) are resolved as a URL parser does, the way app:// and every
  // browser see the path, so both transports answer the same path alike.
  let pathname: string;
  try {
    pathname = new URL(urlPath, 'http://kiosk').pathname;
  } catch {
    return { kind: 'error', status: 400 };
  }
  const resolution = resolveRendererFile(pathname, root);
  if (resolution.kind === 'error') return resolution;
  try {
    const real = await realpath(resolution.filePath);
    if (!real.startsWith(root + path.sep)) return { kind: 'error', status: 403 };
    return (await stat(real)).isFile() ? { ...resolution, filePath: real } : { kind: 'error', status: 404 };
  } catch {
    return { kind: 'error', status: 404 };
  }
}

async function handleStatic(root: string, req: IncomingMessage, res: ServerResponse, urlPath: string): Promise<number> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...RENDERER_ERROR_HEADERS, Allow: 'GET, HEAD' }).end();
    return 405;
  }
  const file = await resolveStatic(root, urlPath);
  if (file.kind === 'error') {
    res.writeHead(file.status, RENDERER_ERROR_HEADERS).end();
    return file.status;
  }
  res.writeHead(200, rendererFileHeaders(file, (await stat(file.filePath)).size));
  if (req.method === 'HEAD') res.end();
  else createReadStream(file.filePath).pipe(res);
  return 200;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const root = await realpath(path.resolve(opts.staticDir));
  const log = opts.log ?? (() => {});
  let port = 0;

  const server = createServer((req, res) => {
    const started = performance.now();
    const finish = (status: number, what: string) =>
      log(`${req.method ?? '?'} ${what} ${status} ${Math.round(performance.now() - started)}ms`);
    const urlPath = (req.url ?? '/').split('?')[0] ?? '/';
    if (!isOwnRequest(req, port)) {
      sendJson(res, { status: 403, body: err('FORBIDDEN_SENDER') });
      return finish(403, 'refused (host/origin)');
    }
    if (urlPath.startsWith('/api/')) {
      const method = urlPath.slice('/api/'.length);
      // Only a known method name reaches the log line (the contract's names, nothing typed).
      const label = /^[A-Za-z]{1,32}$/u.test(method) ? `/api/${method}` : '/api/?';
      handleApi(opts.api, req, method)
        .catch((): Reply => ({ status: 500, body: err('INTERNAL') }))
        .then((reply) => {
          sendJson(res, reply, performance.now() - started);
          finish(reply.status, label);
        });
      return;
    }
    handleStatic(root, req, res, urlPath)
      .then((status) => finish(status, status === 200 ? 'static' : 'static (refused)'))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS).end();
        finish(500, 'static');
      });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, LOOPBACK_HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK_HOST}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
