// The built-in health-office simulator (docs/record-sources.md, demo mode and tests): a real HTTP server on
// 127.0.0.1 speaking the DiKoMa contract (docs/dikoma-openapi.yaml) from a fixture, so demo mode
// exercises exactly the code path a real DiKoMa deployment uses. Latency and faults (hang,
// 500, malformed or oversized body, trickled body, 401) can be switched at run time, for the
// failure-mode tests and for showing the clerk screen's "service unavailable" states.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  DIKOMA_HEALTH_PATH,
  DIKOMA_LOOKUP_PATH,
  dikomaLookupRequestSchema,
  type DikomaLookupResponse,
} from './dikoma-contract';
import { findInFixture, indexFixture, type Fixture } from './fixture';
import { createFaultDraw, type SimulatorFaultMode, type SimulatorFaults } from './simulator-faults';

export { SIMULATOR_FAULT_MODES, type SimulatorFaultMode, type SimulatorFaults } from './simulator-faults';

export interface SimulatorOptions {
  /** A fixture, or a function giving the current one (demo dates relative to "now"). */
  readonly fixture: Fixture | (() => Fixture);
  readonly port?: number;
  readonly host?: '127.0.0.1';
  readonly latencyMs?: number;
  readonly faults?: SimulatorFaults;
  /** When set, requests must carry `Authorization: Bearer <token>`. */
  readonly bearerToken?: string;
  readonly random?: () => number;
  /** Serve HTTPS (PEM strings); with `ca` + `requestCert`, clients must present a cert (mTLS). */
  readonly tls?: { readonly cert: string; readonly key: string; readonly ca?: string; readonly requestCert?: boolean };
}

export interface RunningSimulator {
  readonly url: string;
  readonly port: number;
  setLatency(ms: number): void;
  setFaults(faults: SimulatorFaults): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 16 * 1024;
const OVERSIZED_BYTES = 1024 * 1024;
const TRICKLE_INTERVAL_MS = 250;

export async function startSimulator(opts: SimulatorOptions): Promise<RunningSimulator> {
  let latency = opts.latencyMs ?? 0;
  const faults = createFaultDraw(opts.faults, opts.random);
  const timers = new Set<NodeJS.Timeout>();
  const currentIndex = (() => {
    if (typeof opts.fixture !== 'function') {
      const fixed = indexFixture(opts.fixture);
      return () => fixed;
    }
    const make = opts.fixture;
    return () => indexFixture(make());
  })();

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const respondWithFault = (mode: SimulatorFaultMode, res: http.ServerResponse): boolean => {
    switch (mode) {
      case 'none':
        return false;
      case 'timeout':
        return true; // never answer; close() destroys the socket
      case 'http500':
        json(res, 500, { error: 'internal' });
        return true;
      case 'refuse401':
        json(res, 401, { error: 'unauthorized' });
        return true;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"result":"match","person":{"familyName":');
        return true;
      case 'oversized':
        // Chunked (no content-length): the client must count, not trust a header.
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"result":"no-match","padding":"');
        res.write('x'.repeat(OVERSIZED_BYTES));
        res.end('"}');
        return true;
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const body = `${' '.repeat(4000)}{"result":"no-match"}`;
        let at = 0;
        const drip = () => {
          if (res.destroyed) return;
          res.write(body.charAt(at++));
          if (at < body.length) later(TRICKLE_INTERVAL_MS, drip);
          else res.end();
        };
        drip();
        return true;
      }
    }
  };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) => {
    // mTLS: like a reverse proxy in front of DiKoMa, answer an untrusted or missing client
    // certificate with 403 (deterministic for tests; see docs/record-sources.md).
    if (opts.tls?.requestCert && !(req.socket as TLSSocket).authorized) {
      json(res, 403, { error: 'client-certificate-required' });
      return;
    }
    if (opts.bearerToken !== undefined && req.headers.authorization !== `Bearer ${opts.bearerToken}`) {
      json(res, 401, { error: 'unauthorized' });
      return;
    }
    if (respondWithFault(faults.next(), res)) return;
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === DIKOMA_HEALTH_PATH) {
      json(res, 200, { status: 'ok' });
      return;
    }
    if (req.method !== 'POST' || path !== DIKOMA_LOOKUP_PATH) {
      json(res, 404, { error: 'not-found' });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      json(res, 400, { error: 'bad-request' });
      return;
    }
    const parsed = dikomaLookupRequestSchema.safeParse(body);
    if (!parsed.success) {
      json(res, 400, { error: 'bad-request' });
      return;
    }
    const record = findInFixture(currentIndex(), parsed.data);
    const answer: DikomaLookupResponse = record
      ? {
          result: 'match',
          person: { givenName: record.givenName, familyName: record.familyName, dateOfBirth: record.dateOfBirth },
          firstPositivePcrDate: record.firstPositiveTest,
        }
      : { result: 'no-match' };
    json(res, 200, answer);
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => later(latency, () => handle(req, res, Buffer.concat(chunks))));
  };
  const tls = opts.tls;
  const server = tls
    ? https.createServer(
        {
          cert: tls.cert,
          key: tls.key,
          ...(tls.ca ? { ca: tls.ca } : {}),
          requestCert: tls.requestCert ?? false,
          rejectUnauthorized: false,
        },
        onRequest,
      )
    : http.createServer(onRequest);

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    setLatency: (ms) => {
      latency = Math.max(0, ms);
    },
    setFaults: (f) => faults.set(f),
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
