// A loopback TCP proxy that delays every chunk by a fixed time in each direction (bench
// lookup_tls_*): a stand-in for a city network between the kiosk and the health office, so a
// round trip costs 2 × delayMs and the handshake's round trips show up as they would there.
// Chunks keep their order (timers of equal delay fire in the order they were set) and an end of
// stream is delayed like data, so TLS sees exactly the byte stream it sent, only later.
import net from 'node:net';

export interface DelayProxy {
  readonly port: number;
  /** Connections accepted so far (one per TCP connection the client opened). */
  readonly connections: () => number;
  close(): Promise<void>;
}

/**
 * Forwards `from` → `to`, each chunk (and the end of stream) `delayMs` after it arrived, the
 * first not before `notBefore` (ms, performance.now() clock). One queue per direction keeps order.
 */
function delayedPipe(
  from: net.Socket,
  to: net.Socket,
  delayMs: number,
  notBefore: number,
  timers: Set<NodeJS.Timeout>,
): void {
  const queue: { due: number; run: () => void }[] = [];
  let lastDue = notBefore;
  let timer: NodeJS.Timeout | undefined;
  const drain = () => {
    if (timer) timers.delete(timer);
    timer = undefined;
    while (queue.length > 0 && queue[0]!.due <= performance.now()) queue.shift()!.run();
    if (queue.length > 0) {
      timer = setTimeout(drain, Math.max(0, queue[0]!.due - performance.now()));
      timers.add(timer);
    }
  };
  const push = (run: () => void) => {
    lastDue = Math.max(performance.now() + delayMs, lastDue);
    queue.push({ due: lastDue, run });
    if (!timer) drain();
  };
  from.on('data', (chunk: Buffer) => push(() => to.destroyed || to.write(chunk)));
  from.on('end', () => push(() => to.destroyed || to.end()));
  from.on('close', () => push(() => to.destroy()));
  from.on('error', () => to.destroy());
}

export async function startDelayProxy(target: { host: string; port: number }, delayMs: number): Promise<DelayProxy> {
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    accepted++;
    const upstream = net.connect({ ...target, allowHalfOpen: true, noDelay: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    // On loopback the TCP handshake is instant; on the network the client sends its first bytes
    // only after SYN → SYN-ACK (one round trip), so they reach the server a round trip later.
    delayedPipe(client, upstream, delayMs, performance.now() + 3 * delayMs, timers);
    delayedPipe(upstream, client, delayMs, 0, timers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    connections: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Median round trip of one byte echoed through a delay proxy: the network's own cost as this
 * machine delivers it right now (2 × delayMs plus timer lateness under load), to read the
 * lookup figures against.
 */
export async function echoRoundTripMs(delayMs: number, pings: number): Promise<number> {
  const echo = net.createServer((s) => s.pipe(s));
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  const proxy = await startDelayProxy({ host: '127.0.0.1', port: (echo.address() as net.AddressInfo).port }, delayMs);
  const client = net.connect({ port: proxy.port, host: '127.0.0.1', noDelay: true });
  try {
    await new Promise((resolve) => client.once('connect', resolve));
    const times: number[] = [];
    for (let i = 0; i < pings; i++) {
      const start = performance.now();
      const echoed = new Promise((resolve) => client.once('data', resolve));
      client.write('x');
      await echoed;
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[times.length >> 1]!;
  } finally {
    client.destroy();
    await proxy.close();
    await new Promise<void>((resolve) => echo.close(() => resolve()));
  }
}
