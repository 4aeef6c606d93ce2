// The one HTTP(S) client every health-office adapter uses (DiKoMa, SORMAS, the simulator via
// the DiKoMa contract). Built on node:http/node:https rather than fetch because we need mTLS
// (client cert/key, private CA), a hard deadline that also covers a server trickling its body,
// a body-size cap, and exact control over which failures are retried. Failures become the four
// RecordFailureCodes; nothing about the request body (name, date of birth, ID) is logged —
// only source, operation, attempt, status, duration and the error's code.
//
// Decisions (docs/record-sources.md, "Failure codes"):
// - `timeoutMs` is the citizen's whole wait: all attempts and backoffs fit inside it.
//   `attemptTimeoutMs` (optional) caps one attempt so a hung attempt can still be retried.
// - Retried (idempotent requests only): connection refused/reset, 500/502/503/504, an attempt
//   timeout. Never retried: 4xx, TLS failures, malformed/oversized bodies.
// - Connections are kept alive in a bounded pool (connection-pool.ts). A kept connection that
//   the server closed as we reused it fails before any answer: an idempotent request gets one
//   immediate retry on a fresh connection (outside `retries`); any other is never sent twice.
// - TLS verification failures (unknown CA, self-signed, name mismatch, expired) and a server
//   rejecting our client certificate are SOURCE_REFUSED: the network works but trust was
//   refused — a configuration/security matter for the operator, like 401/403, not an outage.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { fail, ok, type Err, type Result } from '../result';
import type { RecordFailureCode } from './record-source';
import { createConnectionPool, DEFAULT_CONNECTION_POOL, type ConnectionPoolConfig } from './connection-pool';
import { createDeadline } from './deadline';

export type RecordSourceLog = (event: string, fields: Record<string, string | number | boolean>) => void;

export type HttpAuth =
  { readonly bearerToken: string } | { readonly basic: { readonly user: string; readonly password: string } };

export interface HttpClientConfig {
  /** 'dikoma' | 'sormas' | 'simulator', for log lines. */
  readonly source: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly attemptTimeoutMs?: number;
  readonly retries: number;
  readonly auth?: HttpAuth;
  readonly clientCertPath?: string;
  readonly clientKeyPath?: string;
  readonly caPath?: string;
  readonly maxBodyBytes?: number;
  /** First backoff in ms; doubles per retry (jittered). */
  readonly backoffMs?: number;
  /** Kept-alive connections; default DEFAULT_CONNECTION_POOL, maxConnections 0 = none. */
  readonly connections?: ConnectionPoolConfig;
  readonly log?: RecordSourceLog;
}

export interface JsonRequest {
  readonly method: 'GET' | 'POST';
  /** Path below baseUrl, already percent-encoded. */
  readonly path: string;
  readonly body?: unknown;
  /** Non-personal operation name for logs, e.g. 'lookup'. */
  readonly operation: string;
  /** Non-2xx statuses the caller handles itself (e.g. SORMAS 404 = unknown case). */
  readonly passStatuses?: readonly number[];
  /** 'json' (default) parses the body; 'text' returns it as a string (SORMAS specificCase). */
  readonly responseType?: 'json' | 'text';
  /**
   * Sending it twice has the effect of sending it once (a lookup, a query): only such requests
   * are ever retried. Default: true for GET, false otherwise.
   */
  readonly idempotent?: boolean;
}

/** An answer: its status and its parsed body. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** The answer, or why there was none worth reading. */
export type HttpOutcome = Result<HttpAnswer, RecordFailureCode>;

export interface JsonHttpClient {
  request(req: JsonRequest, signal?: AbortSignal): Promise<HttpOutcome>;
  /**
   * Opens a kept-alive connection with `probe` (a cheap GET) unless one is open or busy already,
   * so the next citizen's lookup does not pay for the handshake. Never rejects.
   */
  warm(probe: JsonRequest): Promise<void>;
  /** Closes the kept connections. */
  close(): void;
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

type AttemptFailure = {
  code: RecordFailureCode;
  transient: boolean;
  cause: string;
  /** Failed on a reused kept-alive connection before any answer: the connection was stale. */
  stale?: boolean;
};
type Attempt = Result<{ status: number; body: Buffer }, AttemptFailure>;
const failed = (f: AttemptFailure): Err<AttemptFailure> => fail(f);

const TRANSIENT_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);
const STALE_ERRNO = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);
const isTlsError = (code: string): boolean =>
  /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/u.test(code);
const isIdempotent = (req: JsonRequest): boolean => req.idempotent ?? req.method === 'GET';

export function createHttpClient(config: HttpClientConfig): JsonHttpClient {
  const base = new URL(config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`);
  const transport = base.protocol === 'https:' ? https : http;
  const maxBody = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const log = config.log ?? (() => {});
  const pool = createConnectionPool(base.protocol, config.connections ?? DEFAULT_CONNECTION_POOL);
  let tls: { cert?: Buffer; key?: Buffer; ca?: Buffer } | 'unreadable' | undefined;

  const tlsMaterial = () => {
    if (tls === undefined) {
      try {
        tls = {
          ...(config.clientCertPath ? { cert: readFileSync(config.clientCertPath) } : {}),
          ...(config.clientKeyPath ? { key: readFileSync(config.clientKeyPath) } : {}),
          ...(config.caPath ? { ca: readFileSync(config.caPath) } : {}),
        };
      } catch {
        tls = 'unreadable';
      }
    }
    return tls;
  };

  const headersFor = (payload: Buffer | undefined): Record<string, string> => {
    const h: Record<string, string> = { accept: 'application/json', 'user-agent': 'genesenen-kiosk' };
    if (payload) {
      h['content-type'] = 'application/json';
      h['content-length'] = String(payload.length);
    }
    if (config.auth && 'bearerToken' in config.auth) h.authorization = `Bearer ${config.auth.bearerToken}`;
    if (config.auth && 'basic' in config.auth) {
      const { user, password } = config.auth.basic;
      h.authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
    }
    return h;
  };

  const attemptOnce = (url: URL, req: JsonRequest, payload: Buffer | undefined, abort: AbortSignal): Promise<Attempt> =>
    new Promise((resolve) => {
      const material = tlsMaterial();
      if (material === 'unreadable') {
        resolve(failed({ code: 'SOURCE_REFUSED', transient: false, cause: 'tls-material-unreadable' }));
        return;
      }
      let settled = false;
      const finish = (a: Attempt) => {
        if (settled) return;
        settled = true;
        abort.removeEventListener('abort', onAbort);
        // A complete answer leaves the connection to the pool; anything else may have left it
        // mid-message, so it must never carry another request.
        if (!a.ok) request.destroy();
        resolve(a);
      };
      const onAbort = () => finish(failed({ code: 'SOURCE_TIMEOUT', transient: true, cause: 'deadline' }));
      let request: http.ClientRequest;
      try {
        request = transport.request(url, {
          method: req.method,
          headers: headersFor(payload),
          agent: pool.agent,
          ...(base.protocol === 'https:' ? material : {}),
        });
      } catch {
        // Unusable credentials (a PEM that does not parse, a token with a line break): config.
        resolve(failed({ code: 'SOURCE_REFUSED', transient: false, cause: 'credentials-invalid' }));
        return;
      }
      // A reset right after a completed TLS handshake often means the server dropped our client
      // certificate without an alert; it stays SOURCE_UNREACHABLE, but the log says so.
      let handshakeDone = false;
      let answered = false;
      request.on('socket', (socket) => {
        if (request.reusedSocket)
          handshakeDone = true; // a kept connection: one listener per socket
        else socket.once('secureConnect', () => (handshakeDone = true));
      });
      request.on('error', (e: NodeJS.ErrnoException) => {
        const code = e.code ?? 'UNKNOWN';
        if (isTlsError(code)) finish(failed({ code: 'SOURCE_REFUSED', transient: false, cause: code }));
        else if (request.reusedSocket && !answered && STALE_ERRNO.has(code)) {
          finish(
            failed({
              code: 'SOURCE_UNREACHABLE',
              transient: true,
              cause: `${code}-on-kept-connection`,
              stale: true,
            }),
          );
        } else {
          const cause = handshakeDone ? `${code}-after-tls-handshake` : code;
          finish(failed({ code: 'SOURCE_UNREACHABLE', transient: TRANSIENT_ERRNO.has(code), cause }));
        }
      });
      request.on('response', (res) => {
        answered = true;
        const status = res.statusCode ?? 0;
        const declared = Number(res.headers['content-length'] ?? '0');
        if (declared > maxBody) {
          finish(failed({ code: 'SOURCE_BAD_RESPONSE', transient: false, cause: 'oversized' }));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBody) finish(failed({ code: 'SOURCE_BAD_RESPONSE', transient: false, cause: 'oversized' }));
          else chunks.push(chunk);
        });
        res.on('end', () => finish(ok({ status, body: Buffer.concat(chunks) })));
        const aborted = () => finish(failed({ code: 'SOURCE_UNREACHABLE', transient: true, cause: 'body-aborted' }));
        res.on('error', aborted);
        res.on('close', () => res.complete || aborted());
      });
      if (abort.aborted) onAbort();
      else abort.addEventListener('abort', onAbort);
      request.end(payload);
    });

  const classify = (a: Attempt, req: JsonRequest): Result<{ status: number; body: unknown }, AttemptFailure> => {
    if (!a.ok) return a;
    const { status, body } = a.value;
    const passed = req.passStatuses?.includes(status) ?? false;
    if (status === 401 || status === 403)
      return failed({ code: 'SOURCE_REFUSED', transient: false, cause: `http-${status}` });
    if ((status < 200 || status > 299) && !passed) {
      return failed({ code: 'SOURCE_BAD_RESPONSE', transient: TRANSIENT_STATUS.has(status), cause: `http-${status}` });
    }
    if (body.length === 0) return ok({ status, body: undefined });
    if (req.responseType === 'text') return ok({ status, body: body.toString('utf8') });
    try {
      return ok({ status, body: JSON.parse(body.toString('utf8')) as unknown });
    } catch {
      return failed({ code: 'SOURCE_BAD_RESPONSE', transient: false, cause: 'malformed-json' });
    }
  };

  const request = async (req: JsonRequest, signal?: AbortSignal): Promise<HttpOutcome> => {
    const url = new URL(req.path.replace(/^\//u, ''), base);
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body), 'utf8');
    const started = Date.now();
    const overall = createDeadline(config.timeoutMs, signal);
    try {
      return await attemptAll(url, req, payload, overall.signal, started);
    } finally {
      overall.dispose();
    }
  };

  const attemptAll = async (
    url: URL,
    req: JsonRequest,
    payload: Buffer | undefined,
    deadline: AbortSignal,
    started: number,
  ): Promise<HttpOutcome> => {
    let backoff = config.backoffMs ?? 150;
    const idempotent = isIdempotent(req);
    let retried = 0;
    let freshRetried = false;
    for (let attempt = 1; ; attempt++) {
      const perAttempt = config.attemptTimeoutMs ? createDeadline(config.attemptTimeoutMs, deadline) : undefined;
      const t0 = Date.now();
      const classified = classify(await attemptOnce(url, req, payload, perAttempt?.signal ?? deadline), req);
      perAttempt?.dispose();
      const fields = { source: config.source, operation: req.operation, attempt, durationMs: Date.now() - t0 };
      if (classified.ok) {
        log('record-source.http', { ...fields, status: classified.value.status, outcome: 'ok' });
        return classified;
      }
      const result = classified.error;
      if (result.stale && idempotent && !freshRetried && !deadline.aborted) {
        freshRetried = true;
        pool.dropIdle();
        log('record-source.http', { ...fields, outcome: 'retry-fresh-connection', cause: result.cause });
        continue;
      }
      const canRetry = result.transient && idempotent && retried < config.retries && !deadline.aborted;
      const wait = Math.round(backoff * (0.5 + Math.random()));
      const remaining = config.timeoutMs - (Date.now() - started);
      const retrying = canRetry && remaining > wait;
      log('record-source.http', { ...fields, outcome: retrying ? 'retry' : result.code, cause: result.cause });
      if (!retrying) return fail(deadline.aborted ? 'SOURCE_TIMEOUT' : result.code);
      retried++;
      await sleep(wait, deadline);
      if (deadline.aborted) return fail('SOURCE_TIMEOUT');
      backoff *= 2;
    }
  };

  let warming: Promise<void> | undefined;
  const warm = (probe: JsonRequest): Promise<void> => {
    if (pool.agent === false || pool.idle() + pool.busy() > 0) return Promise.resolve();
    const done = () => (warming = undefined);
    warming ??= request(probe).then(done, done);
    return warming;
  };

  return { request, warm, close: pool.close };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
