// A stand-in for the issuer's hash-signing service (docs/remote-signing.md), for demos, tests
// and benchmarks: `POST /api/certify/v2/issue/hash` over HTTPS with a client certificate
// required (mTLS), an optional bearer token, the interface's header checks (X-UBIRCH-DCCType,
// X-Location-Id and X-Transaction-Id as SHA-256 hex) and a body of exactly one base64 SHA-256.
// It answers a COSE_Sign1 skeleton (tag 18, nil payload) with its protected header and a raw
// r‖s signature over the received hash. Fault modes make it misbehave the ways the kiosk must
// survive; `count` limits a fault to the first N requests (then it behaves).
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Tag } from 'cbor-x';
import { p256 } from '@noble/curves/nist.js';
import { createHash } from 'node:crypto';
import { encodeCbor } from '../cbor';
import { COSE_SIGN1_TAG } from '../cose';
import { parseDsc } from '../x509';
import { HASH_SIGNING_PATH, protectedHeaderFor } from './remote-signer';
import type { SimulatorPki } from './signing-sim-pki';

/** The faults the simulator can play, for the remote signer's failure tests. */
export const SIGNING_FAULT_MODES = [
  'none',
  'slow',
  '4xx',
  '5xx',
  'reset',
  'garbage',
  'other-kid',
  'der-signature',
  'wrong-signature',
] as const;
/** One of SIGNING_FAULT_MODES. */
export type SigningFaultMode = (typeof SIGNING_FAULT_MODES)[number];

/** What the simulator received, so tests can check that only a hash left the kiosk. */
export interface SigningRequestSeen {
  readonly transactionId: string;
  readonly locationId: string;
  readonly dccType: string;
  /** The raw request body (must be 44 base64 characters: nothing else leaves the kiosk). */
  readonly body: string;
  readonly signed: boolean;
}

/** A running simulator: its URL, the requests it saw, and a switch for faults. */
export interface SigningSimulator {
  readonly url: string;
  readonly port: number;
  setFault(mode: SigningFaultMode, opts?: { count?: number; slowMs?: number }): void;
  readonly requests: SigningRequestSeen[];
  close(): Promise<void>;
}

/** The simulator's PKI, port, expected bearer token and initial fault. */
export interface SigningSimulatorOptions {
  readonly pki: SimulatorPki;
  readonly port?: number;
  readonly bearerToken?: string;
  readonly fault?: SigningFaultMode;
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Starts an HTTPS hash-signing service on loopback that behaves like the issuer's (mTLS, bearer
 * token, COSE skeleton answers) and can play faults.
 * @param o - PKI, port, token, fault
 * @returns the running simulator
 */
export async function startSigningSimulator(o: SigningSimulatorOptions): Promise<SigningSimulator> {
  const dsc = parseDsc(o.pki.dscPem);
  if (!dsc.ok) throw new Error('simulator DSC unreadable');
  const protectedBytes = protectedHeaderFor(dsc.value.kid);
  const otherKid = protectedHeaderFor(new Uint8Array(8).fill(0x42));
  const state = { mode: o.fault ?? ('none' as SigningFaultMode), remaining: Infinity, slowMs: 60_000 };
  const requests: SigningRequestSeen[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const sign = (hash: Uint8Array, format: 'compact' | 'der' = 'compact') =>
    p256.sign(hash, o.pki.dscSecret, { prehash: false, format });
  const skeleton = (header: Uint8Array, signature: Uint8Array) =>
    Buffer.from(encodeCbor(new Tag([header, new Map(), null, signature], COSE_SIGN1_TAG)));

  const server = https.createServer(
    {
      cert: o.pki.serverCertPem,
      key: o.pki.serverKeyPem,
      ca: o.pki.caPem,
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= 4096) chunks.push(c);
      });
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('latin1');
        const send = (status: number, payload: Buffer | string, type = 'application/json') => {
          res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(payload) });
          res.end(payload);
        };
        // Client certificate required; refused with 401/403 like a gateway with optional client
        // verification (a TLS-level refusal looks to a TLS 1.3 client like a dropped connection).
        const tls = req.socket as import('node:tls').TLSSocket;
        if (!tls.authorized) {
          const presented = Object.keys(tls.getPeerCertificate() ?? {}).length > 0;
          return send(presented ? 403 : 401, '{"error":"client certificate required"}');
        }
        if (req.method !== 'POST' || req.url !== HASH_SIGNING_PATH) return send(404, '{"error":"not found"}');
        const auth = req.headers.authorization;
        if (o.bearerToken !== undefined && auth === undefined) return send(401, '{"error":"credential missing"}');
        if (o.bearerToken !== undefined && auth !== `Bearer ${o.bearerToken}`)
          return send(403, '{"error":"credential invalid"}');
        const h = (name: string) => String(req.headers[name] ?? '');
        const hash = Buffer.from(body, 'base64');
        const valid =
          ['V', 'T', 'R'].includes(h('x-ubirch-dcctype')) &&
          HEX64.test(h('x-location-id')) &&
          HEX64.test(h('x-transaction-id')) &&
          hash.length === 32 &&
          hash.toString('base64') === body;
        const faulty = state.mode !== 'none' && state.remaining > 0;
        if (faulty) state.remaining--;
        const mode = faulty ? state.mode : 'none';
        const seen = {
          transactionId: h('x-transaction-id'),
          locationId: h('x-location-id'),
          dccType: h('x-ubirch-dcctype'),
          body,
        };
        if (!valid) {
          requests.push({ ...seen, signed: false });
          return send(400, '{"error":"invalid request"}');
        }
        const signs = !['4xx', '5xx', 'garbage'].includes(mode);
        requests.push({ ...seen, signed: signs });
        switch (mode) {
          case '4xx':
            return send(400, '{"error":"invalid request"}');
          case '5xx':
            return send(500, '{"error":"internal error"}');
          case 'garbage':
            return send(200, Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0x6f, 0x6b, 0x22]), 'application/cbor');
          case 'reset':
            sign(hash); // signed, but the answer is lost on the way
            return req.socket.destroy();
          case 'slow': {
            const t = setTimeout(
              () => (timers.delete(t), send(200, skeleton(protectedBytes, sign(hash)), 'application/cbor')),
              state.slowMs,
            );
            timers.add(t);
            return;
          }
          case 'other-kid':
            return send(200, skeleton(otherKid, sign(hash)), 'application/cbor');
          case 'der-signature':
            return send(200, skeleton(protectedBytes, sign(hash, 'der')), 'application/cbor');
          case 'wrong-signature':
            return send(
              200,
              skeleton(protectedBytes, sign(createHash('sha256').update(hash).digest())),
              'application/cbor',
            );
          case 'none':
            return send(200, skeleton(protectedBytes, sign(hash)), 'application/cbor');
        }
      });
    },
  );
  server.on('secureConnection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    requests,
    setFault(mode, opts = {}) {
      state.mode = mode;
      state.remaining = opts.count ?? Infinity;
      state.slowMs = opts.slowMs ?? 60_000;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
