// The browser transport: loopback only; foreign Host/Origin refused with 403 before
// anything reaches the kiosk (DNS rebinding, CSRF); the request gate is the IPC gate
// (INVALID_INPUT, UNKNOWN_CHANNEL); size and type limits; no file outside dist/renderer; a strict
// CSP; no personal data in the transport log. Runs against the real core in demo mode; a
// counting wrapper shows whether a refused request reached the API at all.
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskApi } from '../../core/api/kiosk-api';
import { KIOSK_METHODS } from '../../core/api/kiosk-api-contract';
import { main as startWebMain } from '../../server/start-web';
import { startWebServer, type WebServer } from '../../server/web-server';
import { startKioskServer, type RunningKiosk } from '../e2e/support/kiosk-server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

let running: RunningKiosk;
let server: WebServer;
const calls: string[] = [];

const own = () => ({ Host: `127.0.0.1:${server.port}` });
const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
  send(server.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { ...own(), 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const code = (r: Reply) => (JSON.parse(r.body) as { error?: { code: string } }).error?.code;

beforeAll(async () => {
  running = await startKioskServer();
  // A second server on the same core whose API records which methods were actually called.
  const counting = Object.fromEntries(
    KIOSK_METHODS.map((m) => [
      m,
      (input: unknown) => (calls.push(m), (running.kiosk.api[m] as (i: unknown) => Promise<unknown>)(input)),
    ]),
  ) as unknown as KioskApi;
  server = await startWebServer({ api: counting, staticDir: (await import('../../server/start-web')).RENDERER_DIR });
});

afterAll(async () => {
  await server?.close();
  await running?.close();
});

describe('browser transport', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && !a.internal)
      .map((a) => a!.address);
    for (const address of [...others, '::1']) {
      const refused = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: server.port });
        socket.once('connect', () => (socket.destroy(), resolve(false)));
        socket.once('error', () => resolve(true));
      });
      expect(refused, address).toBe(true);
    }
  });

  it('refuses to start on anything but loopback', async () => {
    expect(await startWebMain(['--host', '0.0.0.0'])).toBe(2);
  });

  it('serves the app with a strict CSP and security headers', async () => {
    const r = await send(server.port, { path: '/', headers: own() });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<div id="root">');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain('unsafe');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/u); // no inline script
    expect(r.body).not.toMatch(/\sstyle=/u);
  });

  it('answers API calls from its own origin (127.0.0.1 and localhost)', async () => {
    const r = await api('getInfo', {}, { Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { demoSigner: true, simulatedRecords: true } });
    const viaLocalhost = await api(
      'getInfo',
      {},
      { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` },
    );
    expect(viaLocalhost.status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) or Origin (CSRF) with 403 before the API is reached', async () => {
    calls.length = 0;
    const cases: Record<string, string>[] = [
      { Host: `evil.example:${server.port}` },
      { Host: `127.0.0.1:${server.port + 1}` },
      { Origin: 'http://evil.example' },
      { Origin: `http://127.0.0.1:${server.port + 1}` },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
    ];
    for (const headers of cases) {
      const r = await api(
        'issue',
        { genesenenId: 'RZJQ-MTFB-84WV', familyName: 'Mustermann', dateOfBirth: '1964-08-12', lang: 'de' },
        headers,
      );
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(code(r)).toBe('FORBIDDEN_SENDER');
    }
    const page = await send(server.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('validates exactly like IPC: bad payloads are INVALID_INPUT, unknown methods UNKNOWN_CHANNEL', async () => {
    calls.length = 0;
    expect(code(await api('validateId', { genesenenId: 42 }))).toBe('INVALID_INPUT');
    expect(code(await api('validateId', { genesenenId: 'RZJQ-MTFB-84WV', extra: 1 }))).toBe('INVALID_INPUT');
    expect(
      code(await api('issue', { genesenenId: 'X'.repeat(65), familyName: 'A', dateOfBirth: '1990', lang: 'de' })),
    ).toBe('INVALID_INPUT');
    expect(code(await api('print', { certificateId: 'c', format: 'letter', lang: 'de' }))).toBe('INVALID_INPUT');
    expect(calls).toEqual([]);
    for (const method of ['nope', '__proto__', 'constructor', 'toString', 'getInfo%00']) {
      const r = await api(method, {});
      expect(r.status, method).toBe(404);
      expect(code(r), method).toBe('UNKNOWN_CHANNEL');
    }
    expect(calls).toEqual([]);
  });

  it('requires POST, JSON and at most 16 KB', async () => {
    const get = await send(server.port, { path: '/api/getInfo', headers: own() });
    expect(get.status).toBe(405);
    const text = await send(server.port, {
      method: 'POST',
      path: '/api/getInfo',
      headers: { ...own(), 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect([text.status, code(text)]).toEqual([415, 'INVALID_INPUT']);
    const broken = await send(server.port, {
      method: 'POST',
      path: '/api/getInfo',
      headers: { ...own(), 'Content-Type': 'application/json' },
      body: '{"',
    });
    expect([broken.status, code(broken)]).toEqual([400, 'INVALID_INPUT']);
    const big = await api('validateId', { genesenenId: 'A'.repeat(20_000) });
    expect([big.status, code(big)]).toEqual([413, 'INVALID_INPUT']);
  });

  it('serves no file outside dist/renderer', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/..%2f..%2fpackage.json',
      '/..%5cpackage.json',
      '/%00index.html',
      '/.env',
      '/assets/%ZZ',
    ]) {
      const r = await send(server.port, { path, headers: own() });
      // Refused by the rules app:// shares (tests/server/renderer-files.test.ts has the statuses).
      expect([400, 403, 404], path).toContain(r.status);
      expect(r.body, path).not.toContain('"dependencies"');
    }
  });

  it('writes no personal data to its log', async () => {
    await api('issue', {
      genesenenId: 'RZJQ-MTFB-84WV',
      familyName: 'Logtestname',
      dateOfBirth: '1964-08-12',
      lang: 'de',
    });
    const lines = running.transportLog.concat();
    const kioskServerLog: string[] = [];
    const logged = await startWebServer({
      api: running.kiosk.api,
      staticDir: (await import('../../server/start-web')).RENDERER_DIR,
      log: (l) => kioskServerLog.push(l),
    });
    try {
      await send(logged.port, {
        method: 'POST',
        path: '/api/issue',
        headers: { Host: `127.0.0.1:${logged.port}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          genesenenId: 'RZJQ-MTFB-84WV',
          familyName: 'Logtestname',
          dateOfBirth: '1964-08-12',
          lang: 'de',
        }),
      });
    } finally {
      await logged.close();
    }
    expect(kioskServerLog.join('\n')).toMatch(/POST \/api\/issue 200/u);
    for (const line of [...lines, ...kioskServerLog]) {
      expect(line).not.toMatch(/Logtestname|1964|RZJQ/u);
    }
  });
});
