// One POST to the issuer's hash-signing service (docs/remote-signing.md): HTTPS with the kiosk's
// client certificate (mTLS) and optionally a bearer token, a hard deadline that covers connect,
// upload and a trickling answer, and a cap on the answer's size. Every way it can fail becomes
// one SIGNER_REMOTE_* code, and the transport says whether the request can have reached the
// service: failing to connect cannot, a connection lost after sending can (the service may have
// signed — harmless, nothing is released without a verified certificate).
import https from 'node:https';
import { fail, ok, type Result } from '../../result';
import type { SignerFailureCode } from './signer-failure';

/** The kiosk's client certificate and key (mTLS), and the CA that vouches for the service. */
export interface RemoteTls {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca?: Buffer;
}

/** Why a request got no answer: the code, and a short non-secret reason for the log. */
export interface PostFailure {
  readonly code: SignerFailureCode;
  readonly reason: string;
}

/** The service's answer, whatever its HTTP status, or why there was none. */
export type PostOutcome = Result<{ readonly status: number; readonly body: Buffer }, PostFailure>;

/** A COSE_Sign1 skeleton is ~100 bytes; anything near this is not one. */
export const MAX_ANSWER_BYTES = 16 * 1024;

/** TLS trust failures: the network works, but the service's identity is not the expected one. */
const TLS_TRUST = /CERT|SELF_SIGNED|UNABLE_TO|ERR_TLS|ERR_SSL|HOSTNAME|ALERT/;

/**
 * POSTs one hash to the hash-signing service.
 * @param url - the service endpoint
 * @param tls - client certificate, key and CA
 * @param headers - the request headers (bearer token, transaction id)
 * @param body - the base64 SHA-256 of the Sig_structure (nothing else leaves the kiosk)
 * @param signal - the deadline for connect, upload and answer together
 * @returns the answer with its status, or the SIGNER_REMOTE_* code of why there was none. Never rejects.
 */
export function postHash(
  url: URL,
  tls: RemoteTls,
  headers: Readonly<Record<string, string>>,
  body: string,
  signal: AbortSignal,
): Promise<PostOutcome> {
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const done = (o: PostOutcome) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(o);
    };
    const req = https.request(url, {
      method: 'POST',
      headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) },
      cert: tls.cert,
      key: tls.key,
      ...(tls.ca ? { ca: tls.ca } : {}),
      agent: false,
      minVersion: 'TLSv1.2',
    });
    const onAbort = () => {
      done(fail({ code: 'SIGNER_REMOTE_TIMEOUT', reason: connected ? 'no-answer-in-time' : 'connect-timeout' }));
      req.destroy();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('socket', (s) => s.once('secureConnect', () => (connected = true)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? '';
      if (TLS_TRUST.test(code) || /alert|certificate/i.test(e.message)) {
        done(fail({ code: 'SIGNER_REMOTE_AUTH_FAILED', reason: 'tls-trust' }));
      } else if (connected) {
        done(fail({ code: 'SIGNER_REMOTE_CONNECTION_LOST', reason: code || 'socket-closed' }));
      } else {
        done(fail({ code: 'SIGNER_REMOTE_UNREACHABLE', reason: code || 'connect-failed' }));
      }
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_ANSWER_BYTES) {
          done(fail({ code: 'SIGNER_REMOTE_BAD_RESPONSE', reason: 'answer-too-large' }));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => done(ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) })));
      res.on('error', () => done(fail({ code: 'SIGNER_REMOTE_CONNECTION_LOST', reason: 'answer-cut-off' })));
      res.on('aborted', () => done(fail({ code: 'SIGNER_REMOTE_CONNECTION_LOST', reason: 'answer-cut-off' })));
    });
    req.end(body);
  });
}

/** What an HTTP status other than 200 means (the interface's 400/401/403/406/500). */
export function statusFailure(status: number): PostFailure {
  if (status === 401 || status === 403) return { code: 'SIGNER_REMOTE_AUTH_FAILED', reason: `http-${status}` };
  if (status >= 400 && status < 500) return { code: 'SIGNER_REMOTE_REFUSED', reason: `http-${status}` };
  if (status >= 500) return { code: 'SIGNER_REMOTE_SERVER_ERROR', reason: `http-${status}` };
  return { code: 'SIGNER_REMOTE_BAD_RESPONSE', reason: `http-${status}` };
}
