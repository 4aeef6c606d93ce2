// Two-way byte stream to a network receipt printer (`tcp://host:port`) with deadlines on
// connect, write and read, so no print or status call waits longer than the printer's timeoutMs.
// node-thermal-printer's Network interface was not enough here: it resolves on the first data chunk
// (Star status is 7–31 bytes), closes right after writing (a printer that drops the job mid-way is
// never noticed) and cannot hold one connection for status → job → status (README.md).
import { Socket } from 'node:net';
import { err, ok, type AppError, type Result } from '../../result';

/** The printing error codes of core/errors.ts. */
export type PrintErrorCode =
  | 'PRINTER_NOT_CONFIGURED'
  | 'PRINTER_NOT_FOUND'
  | 'PRINTER_OFFLINE'
  | 'PRINTER_PAPER_OUT'
  | 'PRINTER_COVER_OPEN'
  | 'PRINTER_TIMEOUT'
  | 'PRINT_FAILED';
export type LinkError = AppError<PrintErrorCode>;
export type LinkResult<T> = Result<T, LinkError>;

const remaining = (deadline: number): number => Math.max(0, deadline - Date.now());

export class ByteLink {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private closed = false;
  private wake: (() => void) | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.chunks.push(d);
      this.buffered += d.length;
      this.wake?.();
    });
    const onEnd = (): void => {
      this.closed = true;
      this.wake?.();
    };
    socket.on('close', onEnd);
    socket.on('end', onEnd);
    socket.on('error', onEnd);
  }

  static connect(host: string, port: number, deadline: number): Promise<LinkResult<ByteLink>> {
    return new Promise((resolve) => {
      const socket = new Socket();
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(err('PRINTER_TIMEOUT', { phase: 'connect' }));
      }, remaining(deadline));
      socket.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        const code = e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN' ? 'PRINTER_NOT_FOUND' : 'PRINTER_OFFLINE';
        resolve(err(code, { phase: 'connect', errno: e.code ?? 'unknown' }));
      });
      socket.connect({ host, port }, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        socket.setNoDelay(true);
        resolve(ok(new ByteLink(socket)));
      });
    });
  }

  /** Resolves when the bytes are handed to the OS; PRINT_FAILED when the printer hung up. */
  write(bytes: Uint8Array, deadline: number, phase: string): Promise<LinkResult<void>> {
    if (this.closed) return Promise.resolve(err('PRINT_FAILED', { phase, reason: 'disconnected' }));
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(err('PRINTER_TIMEOUT', { phase })), remaining(deadline));
      this.socket.write(bytes, (e) => {
        clearTimeout(timer);
        resolve(e || this.closed ? err('PRINT_FAILED', { phase, reason: 'disconnected' }) : ok(undefined));
      });
    });
  }

  /** Exactly `n` bytes; fewer by the deadline is PRINTER_TIMEOUT, a hang-up is PRINT_FAILED. */
  async read(n: number, deadline: number, phase: string): Promise<LinkResult<Uint8Array>> {
    while (this.buffered < n) {
      if (this.closed) return err('PRINT_FAILED', { phase, reason: 'disconnected' });
      const wait = remaining(deadline);
      if (wait === 0) return err('PRINTER_TIMEOUT', { phase });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
    const all = Buffer.concat(this.chunks);
    this.chunks.length = 0;
    this.chunks.push(all.subarray(n));
    this.buffered = all.length - n;
    return ok(new Uint8Array(all.subarray(0, n)));
  }

  /** Drops bytes received so far (a late answer to an earlier, timed-out request). */
  discardInput(): void {
    this.chunks.length = 0;
    this.buffered = 0;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    this.socket.end();
    this.socket.destroySoon();
    setTimeout(() => this.socket.destroy(), 1000).unref();
  }
}
