// The HTTP endpoint Prometheus scrapes (docs/monitoring.md). Its own server on its own address —
// never a route of the citizen-facing transport (server/web-server.ts) or Electron's app://, so a
// browser on the kiosk cannot reach it. Only `GET /metrics`; with a token configured, every
// request must carry `Authorization: Bearer <token>` (compared in constant time), else 401.
import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ListenAddress } from './metrics-config';
import type { KioskMetrics } from './metrics';

export interface MetricsServer {
  /** `http://host:port/metrics` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** True when the header carries exactly the token (hash first: equal lengths for timingSafeEqual). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer ([^\s]+)$/.exec(header ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
}

export async function startMetricsServer(
  metrics: KioskMetrics,
  listen: ListenAddress,
  token: string | undefined,
): Promise<MetricsServer> {
  const server = createServer((req, res) => {
    const plain = (status: number, body: string, extra: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
      res.end(body);
    };
    if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
      return plain(401, 'unauthorised\n', { 'WWW-Authenticate': 'Bearer realm="kiosk-metrics"' });
    }
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== '/metrics') return plain(404, 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return plain(405, 'method not allowed\n', { Allow: 'GET, HEAD' });
    metrics.scrape().then(
      (text) => {
        res.writeHead(200, { 'Content-Type': metrics.contentType, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      () => plain(500, 'scrape failed\n'),
    );
  });
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostPart = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${hostPart}:${port}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
