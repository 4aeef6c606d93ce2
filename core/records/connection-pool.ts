// Kept-alive connections to the health office (docs/record-sources.md, "Connections"). A new
// mutual-TLS connection costs the TCP round trip, the TLS round trip and both sides' handshake
// signatures before the lookup's own round trip starts; on a city network that is most of the
// citizen's wait. A small bounded pool of kept-alive connections (https.Agent, LIFO so the
// freshest connection is reused and the others can time out) leaves one round trip per request.
// TLS sessions are cached by the agent, so a connection that had to be opened again (the server
// closed it while the kiosk was idle) resumes the session instead of a full handshake.
//
// Idle connections are closed after `idleConnectionMs`, or earlier when the server's
// `Keep-Alive: timeout=N` hint is shorter (Node's agent then closes them 1 s before the server
// would), which keeps the window in which a request meets a half-closed connection small.
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';

export interface ConnectionPoolConfig {
  /** At most this many connections at once; 0 = no pool, a fresh connection per request. */
  readonly maxConnections: number;
  /** A kept connection unused this long is closed. */
  readonly idleConnectionMs: number;
}

export const DEFAULT_CONNECTION_POOL: ConnectionPoolConfig = { maxConnections: 2, idleConnectionMs: 30_000 };

/** TLS sessions kept for resumption (one origin per client; a few in case the server rotates). */
const CACHED_TLS_SESSIONS = 4;

export interface ConnectionPool {
  /** The agent requests go through; false = a fresh connection per request (pool disabled). */
  readonly agent: http.Agent | false;
  /** Open connections waiting for a request. */
  idle(): number;
  /** Connections carrying a request right now. */
  busy(): number;
  /**
   * Closes the idle connections: after one kept connection turned out broken the others (same
   * age, same server) are suspect too, and the retry must get a fresh connection.
   */
  dropIdle(): void;
  close(): void;
}

const countSockets = (byOrigin: NodeJS.ReadOnlyDict<Socket[]>): number =>
  Object.values(byOrigin).reduce((n, list) => n + (list?.length ?? 0), 0);

export function createConnectionPool(protocol: string, config: ConnectionPoolConfig): ConnectionPool {
  if (config.maxConnections === 0) {
    return { agent: false, idle: () => 0, busy: () => 0, dropIdle: () => {}, close: () => {} };
  }
  const options: http.AgentOptions = {
    keepAlive: true,
    maxSockets: config.maxConnections,
    maxTotalSockets: config.maxConnections,
    maxFreeSockets: config.maxConnections,
    // On an idle (pooled) connection the agent closes it when this passes; a busy request's own
    // deadline is the client's business (http-client.ts), the agent does not act on it.
    timeout: config.idleConnectionMs,
    scheduling: 'lifo',
  };
  const agent =
    protocol === 'https:'
      ? new https.Agent({ ...options, maxCachedSessions: CACHED_TLS_SESSIONS })
      : new http.Agent(options);
  return {
    agent,
    idle: () => countSockets(agent.freeSockets),
    busy: () => countSockets(agent.sockets),
    dropIdle: () => {
      for (const list of Object.values(agent.freeSockets)) for (const socket of [...(list ?? [])]) socket.destroy();
    },
    close: () => agent.destroy(),
  };
}
