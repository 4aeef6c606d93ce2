// Kept-alive connections to the health office (docs/record-sources.md, "Connections"): lookups
// reuse one connection, a connection opened again resumes the TLS session, the pool stays within
// its bound, warm-up opens a connection ahead of the lookup, and a kept connection the server
// closed is retried once on a fresh connection — only when the request is idempotent, because
// the server may have acted on a request before the connection died.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDikomaSource } from '../../core/records/dikoma-client';
import { createHttpClient, type HttpClientConfig } from '../../core/records/http-client';
import { lookupLabel, type RecordQuery } from '../../core/records/record-source';
import { createTestPki, type TestPki } from './helpers/tls-certs';

const erika: RecordQuery = { genesenenId: 'RZJQMTFB84WV', familyName: 'Mustermann', dateOfBirth: '1964-08-12' };
let pki: TestPki;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  pki = await createTestPki();
});
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
afterAll(async () => {
  for (const c of cleanups.splice(0)) await c();
});

interface CountingServer {
  readonly url: string;
  /** One entry per accepted connection (TLS: per completed handshake): was the session resumed? */
  readonly connections: boolean[];
  /** Requests seen per connection, in order of arrival. */
  readonly requests: string[];
  maxOpen: number;
}

type Behaviour = (req: http.IncomingMessage, res: http.ServerResponse, nthOnSocket: number) => void;

const noMatch: Behaviour = (_req, res) => {
  const body = JSON.stringify({ result: 'no-match' });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
};

async function startCounting(kind: 'http' | 'mtls', behaviour: Behaviour = noMatch): Promise<CountingServer> {
  const perSocket = new WeakMap<Socket, number>();
  const open = new Set<Socket>();
  const state: CountingServer = { url: '', connections: [], requests: [], maxOpen: 0 };
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const n = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, n);
    req.resume();
    req.on('end', () => {
      state.requests.push(`${req.method} ${req.url}`);
      behaviour(req, res, n);
    });
  };
  const server =
    kind === 'mtls'
      ? https.createServer({ ...pki.server, ca: pki.ca, requestCert: true, rejectUnauthorized: true }, handler)
      : http.createServer(handler);
  const track = (socket: Socket) => {
    open.add(socket);
    state.maxOpen = Math.max(state.maxOpen, open.size);
    socket.on('close', () => open.delete(socket));
  };
  if (kind === 'mtls') {
    server.on('secureConnection', (s: TLSSocket) => {
      state.connections.push(s.isSessionReused());
      track(s);
    });
  } else server.on('connection', (s: Socket) => (state.connections.push(false), track(s)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return Object.assign(state, { url: `${kind === 'mtls' ? 'https' : 'http'}://127.0.0.1:${port}` });
}

function clientConfig(baseUrl: string, extra: Partial<HttpClientConfig> = {}) {
  const outcomes: string[] = [];
  const config: HttpClientConfig = {
    source: 'dikoma',
    baseUrl,
    timeoutMs: 5000,
    retries: 2,
    backoffMs: 10,
    ...(baseUrl.startsWith('https')
      ? { caPath: pki.files.ca, clientCertPath: pki.files.clientCert, clientKeyPath: pki.files.clientKey }
      : {}),
    log: (event, fields) => {
      if (event === 'record-source.http') outcomes.push(String(fields.outcome));
    },
    ...extra,
  };
  return { config, outcomes };
}

function dikoma(baseUrl: string, extra: Partial<HttpClientConfig> = {}) {
  const { config, outcomes } = clientConfig(baseUrl, extra);
  const src = createDikomaSource(config);
  cleanups.push(() => src.close?.());
  return { src, outcomes };
}

/** Answers the first request on a connection; drops the connection when a second one arrives on it. */
const closesKeptConnection: Behaviour = (req, res, nth) => (nth >= 2 ? req.socket.destroy() : noMatch(req, res, nth));

describe('kept-alive connections over mutual TLS', () => {
  it('sequential lookups share one connection: one TLS handshake for five lookups', async () => {
    const server = await startCounting('mtls');
    const { src } = dikoma(server.url);
    for (let i = 0; i < 5; i++) expect(lookupLabel(await src.lookup(erika))).toBe('no-match');
    expect(server.requests).toHaveLength(5);
    expect(server.connections).toEqual([false]);
  });

  it('a connection opened again resumes the TLS session instead of a full handshake', async () => {
    const server = await startCounting('mtls', (req, res, n) => {
      res.setHeader('connection', 'close'); // the server keeps no connection alive
      noMatch(req, res, n);
    });
    const { src } = dikoma(server.url);
    for (let i = 0; i < 3; i++) expect(lookupLabel(await src.lookup(erika))).toBe('no-match');
    expect(server.connections).toEqual([false, true, true]);
  });

  it('no more connections than maxConnections, however many lookups run at once', async () => {
    const server = await startCounting('mtls', (req, res, n) => setTimeout(() => noMatch(req, res, n), 30));
    const { src } = dikoma(server.url, { connections: { maxConnections: 2, idleConnectionMs: 10_000 } });
    const results = await Promise.all(Array.from({ length: 8 }, () => src.lookup(erika)));
    expect(results.every((r) => lookupLabel(r) === 'no-match')).toBe(true);
    expect(server.maxOpen).toBe(2);
    expect(server.connections).toHaveLength(2);
  });

  it('warm-up opens the connection the next lookup uses, and opens none while one is kept', async () => {
    const server = await startCounting('mtls');
    const { config } = clientConfig(server.url);
    const client = createHttpClient(config);
    cleanups.push(() => client.close());
    await client.warm({ method: 'GET', path: 'v1/health', operation: 'warm-up' });
    await client.warm({ method: 'GET', path: 'v1/health', operation: 'warm-up' });
    expect(server.requests).toEqual(['GET /v1/health']);
    const res = await client.request({
      method: 'POST',
      path: 'v1/recovery-lookups',
      body: {},
      operation: 'lookup',
      idempotent: true,
    });
    expect(res.ok).toBe(true);
    expect(server.connections).toEqual([false]);
  });

  it('with maxConnections 0 every request opens its own connection', async () => {
    const server = await startCounting('mtls');
    const { src } = dikoma(server.url, { connections: { maxConnections: 0, idleConnectionMs: 10_000 } });
    for (let i = 0; i < 3; i++) expect(lookupLabel(await src.lookup(erika))).toBe('no-match');
    expect(server.connections).toHaveLength(3);
  });
});

describe('a kept connection the server closed', () => {
  it('an idempotent lookup is retried once on a fresh connection (even with retries 0)', async () => {
    const server = await startCounting('http', closesKeptConnection);
    const { src, outcomes } = dikoma(server.url, { retries: 0 });
    expect(lookupLabel(await src.lookup(erika))).toBe('no-match');
    expect(lookupLabel(await src.lookup(erika))).toBe('no-match');
    expect(outcomes).toEqual(['ok', 'retry-fresh-connection', 'ok']);
    expect(server.connections).toHaveLength(2);
    expect(server.requests).toHaveLength(3);
  });

  it('the fresh-connection retry happens once: a second broken connection is a failure', async () => {
    let served = 0;
    const server = await startCounting('http', (req, res, n) =>
      served++ === 0 ? noMatch(req, res, n) : req.socket.destroy(),
    );
    const { src, outcomes } = dikoma(server.url, { retries: 0 });
    expect(lookupLabel(await src.lookup(erika))).toBe('no-match');
    expect(await src.lookup(erika)).toEqual({ ok: false, error: 'SOURCE_UNREACHABLE' });
    expect(outcomes.slice(1, 3)).toEqual(['retry-fresh-connection', 'SOURCE_UNREACHABLE']);
  });

  it('a request that is not idempotent is sent once and fails, even with retries configured', async () => {
    const server = await startCounting('http', closesKeptConnection);
    const { config, outcomes } = clientConfig(server.url, { retries: 2 });
    const client = createHttpClient(config);
    cleanups.push(() => client.close());
    const submit = { method: 'POST', path: 'v1/submissions', body: { n: 1 }, operation: 'submit' } as const;
    expect((await client.request(submit)).ok).toBe(true);
    expect(await client.request(submit)).toEqual({ ok: false, error: 'SOURCE_UNREACHABLE' });
    expect(server.requests).toEqual(['POST /v1/submissions', 'POST /v1/submissions']);
    expect(outcomes).toEqual(['ok', 'SOURCE_UNREACHABLE']);
  });
});
