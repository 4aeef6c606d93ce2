// A misbehaving health-office server for the "failing neighbours" tests (docs/reliability.md): speaks the
// DiKoMa contract (docs/dikoma-openapi.yaml) for one known person when `behaviour` is 'ok', and
// otherwise fails the way real servers and networks do — hangs, trickles, resets, answers with
// an HTTP error, garbage, too much, or someone else's record. HTTP or HTTPS (any certificate).
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TestPerson } from '../issuance/kiosk-helpers';

export type Behaviour =
  | 'ok'
  | 'hang'
  | 'trickle'
  | 'reset-mid-body'
  | { readonly status: number }
  | 'malformed'
  | 'wrong-schema'
  | 'oversized-declared'
  | 'oversized-chunked'
  | 'someone-else'
  | { readonly raw: Buffer; readonly status?: number; readonly contentType?: string };

export interface FakeDikoma {
  readonly url: string;
  behaviour: Behaviour;
  /** Requests received (each retry counts). */
  readonly requests: () => number;
  close(): Promise<void>;
}

export async function startFakeDikoma(person: TestPerson, tls?: { cert: string; key: string }): Promise<FakeDikoma> {
  let count = 0;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const state: { behaviour: Behaviour } = { behaviour: 'ok' };
  const match = () =>
    JSON.stringify({
      result: 'match',
      person: { givenName: person.givenName, familyName: person.familyName, dateOfBirth: person.dateOfBirth },
      firstPositivePcrDate: person.firstPositiveTest,
    });
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    count++;
    req.resume();
    req.on('end', () => {
      const b = state.behaviour;
      const json = (status: number, body: string) =>
        res
          .writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
          .end(body);
      if (b === 'ok') return json(200, req.url?.endsWith('/health') ? '{"status":"ok"}' : match());
      if (b === 'hang') return;
      if (b === 'trickle') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const body = match();
        let i = 0;
        const t = setInterval(() => (i < body.length ? res.write(body[i++]!) : (clearInterval(t), res.end())), 200);
        timers.add(t);
        return;
      }
      if (b === 'reset-mid-body') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 500 });
        res.write(match().slice(0, 40));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      if (b === 'malformed') return json(200, match().slice(0, -7));
      if (b === 'wrong-schema')
        return json(200, JSON.stringify({ result: 'match', person: { name: person.familyName } }));
      if (b === 'oversized-declared') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': 10 * 1024 * 1024 });
        res.write('{"result":"no-match"');
        return;
      }
      if (b === 'oversized-chunked') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"result":"no-match","pad":"');
        for (let i = 0; i < 40; i++) res.write('x'.repeat(16 * 1024));
        return void res.end('"}');
      }
      if (b === 'someone-else') {
        return json(
          200,
          JSON.stringify({
            result: 'match',
            person: { givenName: 'Ann', familyName: 'Anderswo', dateOfBirth: '1950-01-01' },
            firstPositivePcrDate: person.firstPositiveTest,
          }),
        );
      }
      if ('status' in b && !('raw' in b)) return json(b.status, '{"error":"x"}');
      if ('raw' in b) {
        res.writeHead(b.status ?? 200, {
          'content-type': b.contentType ?? 'application/json',
          'content-length': b.raw.length,
        });
        return void res.end(b.raw);
      }
    });
  };
  const server = tls ? https.createServer({ cert: tls.cert, key: tls.key }, handler) : http.createServer(handler);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    get behaviour() {
      return state.behaviour;
    },
    set behaviour(b: Behaviour) {
      state.behaviour = b;
    },
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
