// A throwaway PostgreSQL cluster for the fleet registry tests (docs/fleet.md): `initdb` into a
// temporary directory, `pg_ctl start` on a free loopback port, removed afterwards. The server
// refuses to run as root, so when the tests run as root every PostgreSQL binary runs as the
// unprivileged `postgres` user (`runuser -u postgres --`) and the directory is chown'd to it.
// Tests skip with a printed reason only when Debian's binaries are missing (.ci/run installs them).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : undefined;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function pgSkipReason(): string | undefined {
  if (!pgBinDir()) return 'PostgreSQL binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)';
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface PgCluster {
  readonly port: number;
  readonly dir: string;
  /** A URL for database `name` as the superuser `kiosk` (trust auth on loopback). */
  url(name?: string): string;
  createDatabase(name: string): Promise<string>;
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], db?: string): Promise<T[]>;
  /** `pg_ctl restart -m immediate`: a crash of the server, recovered from its WAL. */
  restartImmediate(): void;
  stop(mode?: 'fast' | 'immediate'): void;
  start(): void;
  /** `pg_ctl promote`: a standby becomes a primary (waits until it accepts writes). */
  promote(): void;
  destroy(): void;
}

const asRoot = userInfo().uid === 0;

function run(bin: string, args: string[]): string {
  const cmd = asRoot ? 'runuser' : bin;
  const argv = asRoot ? ['-u', 'postgres', '--', bin, ...args] : args;
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/** A temporary directory the server's user owns (PostgreSQL refuses group/world access to it). */
function serverDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-pg-'));
  chmodSync(dir, 0o700);
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  return dir;
}

export async function startPgCluster(opts: { readonly settings?: Record<string, string> } = {}): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error(pgSkipReason());
  const dir = serverDir();
  run(join(bin, 'initdb'), [
    '-D',
    join(dir, 'data'),
    '-U',
    'kiosk',
    '-A',
    'trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale',
    'C',
  ]);
  return startServer(bin, dir, await freePort(), opts.settings);
}

/**
 * A streaming standby of `primary` (`pg_basebackup -R`: a base backup that starts as a standby
 * following the primary's WAL), on its own loopback port. With `synchronous`, the primary then
 * waits for the standby before it acknowledges a commit (docs/fleet.md: a commit a kiosk saw
 * acknowledged survives the promotion).
 */
export async function startStandby(
  primary: PgCluster,
  opts: { readonly synchronous?: boolean } = {},
): Promise<PgCluster> {
  const bin = pgBinDir();
  if (!bin) throw new Error(pgSkipReason());
  const dir = serverDir();
  const from = ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'kiosk'];
  run(join(bin, 'pg_basebackup'), [...from, '-D', join(dir, 'data'), '-R', '-X', 'stream', '--no-sync']);
  const standby = await startServer(bin, dir, await freePort(), {});
  const deadline = Date.now() + 60_000;
  while ((await primary.query("SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'")).length === 0) {
    if (Date.now() > deadline) throw new Error('standby did not start streaming within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  if (opts.synchronous) {
    await primary.query("ALTER SYSTEM SET synchronous_standby_names = '*'");
    await primary.query('SELECT pg_reload_conf()');
    while ((await primary.query("SELECT 1 FROM pg_stat_replication WHERE sync_state = 'sync'")).length === 0) {
      if (Date.now() > deadline) throw new Error('standby did not become synchronous within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return standby;
}

async function startServer(
  bin: string,
  dir: string,
  port: number,
  extra: Record<string, string> | undefined,
): Promise<PgCluster> {
  const data = join(dir, 'data');
  const settings = {
    listen_addresses: "'127.0.0.1'",
    port: String(port),
    unix_socket_directories: `'${dir}'`,
    fsync: 'on',
    max_connections: '200',
    shared_buffers: '32MB',
    ...extra,
  };
  const options = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  const ctl = (args: string[]) => run(join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '60', ...args]);
  const start = () => void ctl(['-l', join(dir, 'server.log'), '-o', options, 'start']);
  start();
  const url = (name = 'postgres') => `postgres://kiosk@127.0.0.1:${port}/${name}`;
  const query = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = [], db = 'postgres') => {
    const client = new pg.Client({ connectionString: url(db) });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  let destroyed = false;
  return {
    port,
    dir,
    url,
    query,
    async createDatabase(name) {
      await query(`CREATE DATABASE ${name}`);
      return url(name);
    },
    restartImmediate: () => void ctl(['-m', 'immediate', '-l', join(dir, 'server.log'), '-o', options, 'restart']),
    stop: (mode = 'fast') => void ctl(['-m', mode, 'stop']),
    start,
    promote: () => void ctl(['promote']),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      try {
        ctl(['-m', 'immediate', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database on `cluster` and a fleet ID-hash key file in `dir`: the config's `registry`. */
export async function pgRegistryConfig(
  cluster: PgCluster,
  name: string,
  dir: string,
  extra: Record<string, unknown> = {},
): Promise<{ kind: 'postgres'; url: string; idHashKeyFile: string; [k: string]: unknown }> {
  const url = await cluster.createDatabase(name);
  const idHashKeyFile = join(dir, `${name}.key`);
  writeFileSync(idHashKeyFile, randomBytes(32), { mode: 0o600 });
  return { kind: 'postgres', url, idHashKeyFile, ...extra };
}
