// A loopback TCP proxy between kiosks and PostgreSQL, for the fleet fault tests (docs/fleet.md,
// "During an outage or failover"). It stands for the network and for the name or virtual IP that a
// failover tool moves: `drop()` resets every open connection (a switch restarting, a VIP moved),
// `blackhole()` keeps connections open but lets no byte through either way until `heal()` (a cable
// pulled, a firewall dropping packets: no reset, only deadlines notice; bytes held back arrive late
// on heal, as TCP's retransmissions would deliver them), `retarget()` sends new connections to
// another server (the promoted standby). Counts are facts for the tests to assert.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Replaces `:<target port>/` in a postgres URL with the proxy's port. */
  via(url: string): string;
  /** Resets every open connection (both sides); new connections work at once. */
  drop(): number;
  /** Holds back every byte both ways, on open and new connections, until heal(). */
  blackhole(): void;
  heal(): void;
  /** New connections go to `port` from now on; open ones are reset (the old server is gone). */
  retarget(port: number): void;
  readonly stats: { accepted: number; dropped: number; heldBytes: number };
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  let target = targetPort;
  let holed = false;
  const pairs = new Set<{ down: Socket; up: Socket }>();
  const held: (() => void)[] = [];
  const stats = { accepted: 0, dropped: 0, heldBytes: 0 };

  const forward = (from: Socket, to: Socket) =>
    from.on('data', (chunk: Buffer) => {
      if (!holed) return void to.write(chunk);
      stats.heldBytes += chunk.length;
      held.push(() => to.writable && to.write(chunk));
    });

  const link = (down: Socket) => {
    const up = createConnection({ host: '127.0.0.1', port: target });
    const pair = { down, up };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      down.destroy();
      up.destroy();
    };
    for (const s of [down, up]) {
      s.on('error', end);
      s.on('close', end);
    }
    forward(down, up);
    forward(up, down);
  };

  const server: Server = createServer((down) => {
    stats.accepted += 1;
    if (!holed) return link(down);
    // Not even the connection gets through: it is made on heal, bytes sent meanwhile wait.
    const early: Buffer[] = [];
    const keep = (chunk: Buffer) => early.push(chunk);
    down.on('data', keep);
    down.on('error', () => down.destroy());
    held.push(() => {
      down.off('data', keep);
      if (down.destroyed) return;
      link(down);
      const up = [...pairs].find((p) => p.down === down)?.up;
      for (const chunk of early) up?.write(chunk);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  const drop = (): number => {
    const n = pairs.size;
    for (const p of [...pairs]) {
      p.down.resetAndDestroy();
      p.up.destroy();
      pairs.delete(p);
    }
    stats.dropped += n;
    return n;
  };

  return {
    port,
    via: (url) => url.replace(/:(\d+)\//, `:${port}/`),
    drop,
    blackhole: () => void (holed = true),
    heal() {
      holed = false;
      for (const deliver of held.splice(0)) deliver();
    },
    retarget(p) {
      target = p;
      drop();
    },
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        drop();
        server.close(() => resolve());
      }),
  };
}
