// Configuration of the Prometheus endpoint (docs/monitoring.md). Off unless the `metrics` block
// is present. `listen` is host:port of a management interface (default loopback); a bearer token
// file is required whenever the endpoint listens on anything but loopback, because the figures,
// though never personal, tell an outsider when a kiosk is out of paper or cannot sign.
import { isIP } from 'node:net';
import { z } from 'zod';

export const DEFAULT_METRICS_LISTEN = '127.0.0.1:9464';

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** `127.0.0.1:9464`, `[::1]:9464` or `10.0.0.5:9464` → host and port; undefined when malformed. */
export function parseListen(listen: string): ListenAddress | undefined {
  const m = /^(?:\[([0-9a-fA-F:]+)\]|([0-9.]+)):(\d{1,5})$/.exec(listen);
  if (!m) return undefined;
  const host = m[1] ?? m[2]!;
  const port = Number(m[3]);
  if (isIP(host) === 0 || port < 0 || port > 65535) return undefined;
  return { host, port };
}

export const isLoopback = (host: string): boolean => host === '::1' || /^127\./.test(host);

export const metricsConfigSchema = z
  .strictObject({
    /** IP:port to listen on; an IP literal so the bound interface is unambiguous. */
    listen: z
      .string()
      .refine((l) => parseListen(l) !== undefined, 'must be IP:port, e.g. 127.0.0.1:9464 or [::1]:9464')
      .default(DEFAULT_METRICS_LISTEN),
    /** File holding the bearer token (one line); must not be readable by group or others. */
    tokenFile: z.string().min(1).max(1024).optional(),
  })
  .refine((m) => m.tokenFile !== undefined || isLoopback(parseListen(m.listen)?.host ?? '127.0.0.1'), {
    path: ['tokenFile'],
    message: 'required when metrics listen on an address other than loopback',
  });

export type MetricsConfig = z.output<typeof metricsConfigSchema>;
