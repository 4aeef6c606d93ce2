// One network printer address whose printer can change state (docs/reliability.md: the printer recovers):
// a TCP relay on a fixed 127.0.0.1 port in front of the print suite's fake printers
// (tests/print/helpers/fake-printer.ts). `use(mode)` swaps the printer behind the address;
// `unplug()` closes the port (connection refused), `plugIn()` opens it again.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { startFakePrinter, type FakeMode, type FakePrinter } from '../print/helpers/fake-printer';

export interface SwitchablePrinter {
  readonly uri: string;
  /** The fake printer currently behind the address (its received bytes, per connection). */
  readonly current: () => FakePrinter | undefined;
  use(mode: FakeMode): Promise<void>;
  unplug(): Promise<void>;
  plugIn(): Promise<void>;
  close(): Promise<void>;
}

export async function startSwitchablePrinter(): Promise<SwitchablePrinter> {
  let backend: FakePrinter | undefined;
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        sockets.add(client);
        client.on('close', () => sockets.delete(client));
        client.on('error', () => undefined);
        if (!backend) return void client.destroy();
        const { port: to } = new URL(backend.uri.replace('tcp://', 'http://'));
        const upstream = connect(Number(to), '127.0.0.1');
        sockets.add(upstream);
        upstream.on('close', () => (sockets.delete(upstream), client.destroy()));
        upstream.on('error', () => client.destroy());
        client.on('close', () => upstream.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });

  await listen();
  return {
    uri: `tcp://127.0.0.1:${port}`,
    current: () => backend,
    async use(mode) {
      const old = backend;
      backend = await startFakePrinter('epson', mode);
      await old?.close();
    },
    unplug: stop,
    plugIn: listen,
    async close() {
      await stop();
      await backend?.close();
    },
  };
}
