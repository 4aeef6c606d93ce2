// Fuzzing the browser transport (docs/reliability.md; server/web-server.ts): raw HTTP requests with any
// method, path (API names, traversal attempts, encodings), Host, Origin, Sec-Fetch-Site and
// Content-Type, and any body (bytes, JSON of anything, valid payloads with garbage fields).
// Every answer is a known status; API answers are typed Results; a Host or Origin that is not the
// server's own is refused with 403 before anything reaches KioskApi; nothing is served from
// outside the static directory; the server keeps answering. Plus: it listens on loopback only.
import http from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KioskApi } from '../../../core/api/kiosk-api';
import { KIOSK_METHODS } from '../../../core/api/kiosk-api-contract';
import { startWebServer, type WebServer } from '../../../server/web-server';
import { countCases, runs } from '../fuzz-budget';
import { openFuzzKiosk, type FuzzKiosk } from './fuzz-kiosk';
import { expectTypedResult } from './typed';

const SECRET_OUTSIDE = 'outside-the-static-dir-secret';
const headerText = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789.:-_/[]@%'.split('')),
  maxLength: 40,
});

interface Reply {
  readonly status: number;
  readonly body: string;
}

function send(
  port: number,
  req: { method: string; path: string; headers: Record<string, string>; body: Buffer },
): Promise<Reply> {
  const withBody = req.method !== 'GET' && req.method !== 'HEAD';
  // Explicit framing: Node's client sends a DELETE/OPTIONS body unframed otherwise.
  const headers = withBody ? { ...req.headers, 'content-length': String(req.body.length) } : req.headers;
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    r.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNRESET' || e.code === 'EPIPE' ? resolve({ status: -1, body: '' }) : reject(e),
    );
    r.end(withBody ? req.body : undefined);
  });
}

export function fuzzHttp(): void {
  let f: FuzzKiosk;
  let server: WebServer;
  let apiCalls = 0;
  beforeAll(async () => {
    f = await openFuzzKiosk();
    const root = mkdtempSync(join(tmpdir(), 'kiosk-static-'));
    writeFileSync(join(root, SECRET_OUTSIDE), SECRET_OUTSIDE);
    const staticDir = join(root, 'www');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>kiosk</title>');
    const counting = Object.fromEntries(
      KIOSK_METHODS.map((m) => [
        m,
        (input: never) => (apiCalls++, (f.kiosk.api[m] as (i: never) => Promise<unknown>)(input)),
      ]),
    ) as unknown as KioskApi;
    server = await startWebServer({ api: counting, staticDir });
  });
  afterAll(async () => {
    await server?.close();
    await f?.close();
  });

  describe('browser transport (HTTP)', () => {
    it(
      'any request: a known status, typed API answers, foreign Host/Origin refused before the API',
      { timeout: 600_000 },
      async () => {
        const numRuns = runs(400, 12_000);
        const own = () => [`127.0.0.1:${server.port}`, `localhost:${server.port}`];
        const request = fc.record({
          method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'),
          path: fc.oneof(
            fc.constantFrom(...KIOSK_METHODS).map((m) => `/api/${m}`),
            headerText.map((s) => `/api/${encodeURIComponent(s)}`),
            fc.constantFrom(
              '/',
              '/index.html',
              `/../${SECRET_OUTSIDE}`,
              `/%2e%2e/${SECRET_OUTSIDE}`,
              `/..%2f${SECRET_OUTSIDE}`,
              '/%00',
              '/.env',
              '/api/',
              '/api/../index.html',
            ),
            headerText.map((s) => `/${s}`),
          ),
          host: fc.oneof(
            fc.constantFrom('own', 'own', 'own', 'localhost-own'),
            headerText.filter((h) => h.length > 0),
          ),
          origin: fc.oneof(
            fc.constantFrom('none', 'none', 'own'),
            headerText.map((s) => `http://${s}`),
          ),
          site: fc.constantFrom('none', 'absent', 'absent', 'same-origin', 'cross-site', 'same-site'),
          contentType: fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'text/plain',
            'application/x-www-form-urlencoded',
            '',
          ),
          body: fc.oneof(
            fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
            fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v))),
            fc
              .constantFrom(...KIOSK_METHODS)
              .map(() =>
                Buffer.from('{"genesenenId":"RZJQ-MTFB-84WV","familyName":"x","dateOfBirth":"1964","lang":"de"}'),
              ),
            fc.nat(40_000).map((n) => Buffer.alloc(n, 0x7b)),
          ),
        });
        await fc.assert(
          fc.asyncProperty(request, async (q) => {
            const host = q.host === 'own' ? own()[0]! : q.host === 'localhost-own' ? own()[1]! : q.host;
            const origin = q.origin === 'own' ? `http://${own()[0]}` : q.origin;
            const headers: Record<string, string> = { host };
            if (origin !== 'none') headers.origin = origin;
            if (q.site !== 'absent') headers['sec-fetch-site'] = q.site;
            if (q.contentType) headers['content-type'] = q.contentType;
            const before = apiCalls;
            const reply = await send(server.port, { method: q.method, path: q.path, headers, body: q.body });
            const foreign =
              !own().includes(host) ||
              (origin !== 'none' &&
                !own()
                  .map((h) => `http://${h}`)
                  .includes(origin)) ||
              !['none', 'absent', 'same-origin'].includes(q.site);
            if (foreign) {
              expect(reply.status).toBe(403);
              expect(apiCalls).toBe(before);
              return;
            }
            // 403 on an own request is only a refused static path (traversal, core/api/renderer-files.ts).
            const known = q.path.startsWith('/api/')
              ? [200, 304, 400, 404, 405, 413, 415, -1]
              : [200, 304, 400, 403, 404, 405, -1];
            expect(known).toContain(reply.status);
            expect(reply.body).not.toContain(SECRET_OUTSIDE);
            if (q.path.startsWith('/api/') && reply.status !== -1 && q.method !== 'HEAD')
              expectTypedResult(JSON.parse(reply.body));
          }),
          { numRuns },
        );
        // Still serving after all that.
        const ok = await send(server.port, {
          method: 'POST',
          path: '/api/getInfo',
          headers: { host: own()[0]!, 'content-type': 'application/json' },
          body: Buffer.from('{}'),
        });
        expect(ok.status).toBe(200);
        await f.kiosk.api.endSession({});
        countCases('http: requests', numRuns);
      },
    );

    it(
      'listens on 127.0.0.1 only: the same port on any other address of this machine refuses',
      { timeout: 30_000 },
      async () => {
        const addresses = Object.values(networkInterfaces())
          .flat()
          .filter((a) => a && !a.internal)
          .map((a) => a!.address);
        for (const address of [...addresses, '127.0.0.2']) {
          const outcome = await new Promise<string>((resolve) => {
            const s = net.connect({ host: address, port: server.port });
            s.once('connect', () => (s.destroy(), resolve('connected')));
            s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
          });
          expect(outcome, address).not.toBe('connected');
        }
      },
    );
  });
}
