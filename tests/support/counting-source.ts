// A health-office server (DiKoMa contract) that knows nobody and counts the lookups it gets: the
// attempt-limit burst tests count guesses where they would reach the health office. Each answer
// is delayed so that concurrent guesses overlap in flight.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountingSource {
  readonly url: string;
  readonly lookups: () => number;
  close(): Promise<void>;
}

export async function startCountingSource(delayMs = 150): Promise<CountingSource> {
  let lookups = 0;
  const server = http.createServer((req, res) => {
    const health = req.url?.endsWith('/health') ?? false;
    if (!health) lookups++;
    req.resume();
    req.on('end', () => {
      const body = health ? '{"status":"ok"}' : '{"result":"no-match"}';
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body), health ? 0 : delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    lookups: () => lookups,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
