// A loopback TCP server standing in for a network receipt printer (port 9100 style). It reads the
// byte stream command by command (escpos-parser) and answers status requests like the hardware:
// Epson DLE EOT 1/2/4 real-time bytes and GS r 1 after the preceding job data, Star ESC ACK SOH
// with a 9-byte Automatic Status Back. Modes reproduce the faults a kiosk meets.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { parseCommands, type CommandSetName } from './escpos-parser';

export type FakeMode =
  | 'online'
  | 'paper-low'
  | 'paper-out'
  | 'cover-open'
  | 'offline'
  /** Never answers anything (hung firmware). */
  | 'silent'
  /** Status fine, then hangs up after part of the job. */
  | 'drop-mid-job'
  /** Status fine before the job; paper runs out while printing (GS r 1 never answered). */
  | 'paper-out-mid-job';

export interface FakePrinter {
  readonly uri: string;
  /** All bytes received, per connection, in order. */
  readonly connections: Uint8Array[];
  /** Pairs of connections whose data exchanges interleaved (should stay 0 for one printer). */
  readonly overlaps: number;
  close(): Promise<void>;
}

interface State {
  paperOut: boolean;
  coverOpen: boolean;
  offline: boolean;
  paperLow: boolean;
}

function epsonRealtime(n: number, s: State): number {
  if (n === 1) return 0x12 | (s.offline || s.paperOut || s.coverOpen ? 0x08 : 0);
  if (n === 2) return 0x12 | (s.coverOpen ? 0x04 : 0) | (s.paperOut ? 0x20 : 0);
  if (n === 4) return 0x12 | (s.paperOut ? 0x60 : 0) | (s.paperLow ? 0x0c : 0);
  return 0x12;
}

function starAsb(s: State): Buffer {
  const asb = Buffer.alloc(9);
  asb[0] = 0x23; // 9 bytes: bits 1–3 = 001, bit 5 = 1, bit 0 fixed
  asb[1] = 0x04;
  asb[2] = (s.coverOpen ? 0x20 : 0) | (s.offline || s.paperOut || s.coverOpen ? 0x08 : 0);
  asb[5] = (s.paperOut ? 0x08 : 0) | (s.paperLow ? 0x04 : 0);
  return asb;
}

export async function startFakePrinter(set: CommandSetName, mode: FakeMode): Promise<FakePrinter> {
  const connections: Uint8Array[] = [];
  const sockets = new Set<Socket>();
  /** Per connection: sequence numbers of its first and last data event. */
  const spans: [number, number][] = [];
  let sequence = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const state: State = {
      paperOut: mode === 'paper-out',
      coverOpen: mode === 'cover-open',
      offline: mode === 'offline',
      paperLow: mode === 'paper-low',
    };
    const index = connections.push(new Uint8Array()) - 1;
    let pending = Buffer.alloc(0);
    let jobCommands = 0;
    socket.on('data', (chunk: Buffer) => {
      sequence++;
      spans[index] = [spans[index]?.[0] ?? sequence, sequence];
      connections[index] = Buffer.concat([connections[index]!, chunk]);
      if (mode === 'silent') return;
      pending = Buffer.concat([pending, chunk]);
      const { commands, consumed } = parseCommands(pending, set);
      pending = pending.subarray(consumed);
      for (const c of commands) {
        if (mode === 'drop-mid-job' && jobCommands > 0) {
          socket.destroy();
          return;
        }
        if (c.kind === 'statusRealtime') socket.write(Buffer.from([epsonRealtime(c.n, state)]));
        else if (c.kind === 'statusStar') socket.write(starAsb(state));
        else if (c.kind === 'statusPaper') {
          if (!state.paperOut) socket.write(Buffer.from([state.paperLow ? 0x03 : 0x00]));
        } else if (c.kind === 'raster' || c.kind === 'qrStore' || c.kind === 'text') {
          jobCommands++;
          if (mode === 'paper-out-mid-job') state.paperOut = true;
        }
      }
      if (mode === 'drop-mid-job' && jobCommands > 0) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `tcp://127.0.0.1:${port}`,
    connections,
    get overlaps() {
      let count = 0;
      spans.forEach((a, i) =>
        spans.forEach((b, j) => {
          if (i < j && a && b && a[0] <= b[1] && b[0] <= a[1]) count++;
        }),
      );
      return count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens (bound, then released). */
export async function closedPortUri(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `tcp://127.0.0.1:${port}`;
}
