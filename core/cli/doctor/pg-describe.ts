// How `cli doctor` names a PostgreSQL server and a failure to reach it (docs/monitoring.md,
// "Installation check"): from the URL's role, hosts and database only, and from error codes only.
// A URL may carry a password (in its user part or its query) and an error message may quote the
// URL, so neither is ever copied into a doctor line.

/**
 * `postgres://role@host:port/db` without the password and the query (which may hold one too).
 * By hand, not with `URL`: libpq's multi-host form `host1:5432,host2:5432` is no WHATWG host. A
 * URL whose split is ambiguous (a raw `@`, `/`, `?` or `#` in a password) is not shown at all.
 */
export function describePgUrl(url: string): string {
  const scheme = /^postgres(?:ql)?:\/\//.exec(url);
  if (!scheme) return 'postgres (URL not parseable)';
  const rest = url.slice(scheme[0].length);
  const at = rest.indexOf('@');
  let role = '';
  let server = rest;
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    if (rest.indexOf('@', at + 1) >= 0 || /[/?#]/.test(userinfo))
      return 'postgres (URL not shown: percent-encode special characters in it)';
    role = userinfo.split(':')[0]!;
    server = rest.slice(at + 1);
  }
  server = server.split(/[?#]/)[0]!;
  try {
    role = decodeURIComponent(role);
  } catch {
    // shown as written
  }
  return `postgres://${role ? `${role}@` : ''}${server}`;
}

/** A readable reason from a pg, socket or TLS error's code; the message is never shown. */
export function pgFailureReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  const known: Record<string, string> = {
    ECONNREFUSED: 'connection refused (server stopped or wrong port)',
    ENOTFOUND: 'host name not found',
    EHOSTUNREACH: 'host unreachable',
    ETIMEDOUT: 'connection timed out',
    ECONNRESET: 'connection reset by the server',
    '28P01': 'authentication failed',
    '28000': 'role not allowed to connect',
    '3D000': 'database does not exist',
    '57P03': 'server is starting up or shutting down',
    '25006': 'read-only (a standby?)',
    '42501': 'permission denied',
    '53300': 'too many connections',
    '42P01': 'a table of the registry schema is missing',
  };
  if (typeof code === 'string') return known[code] ?? (/CERT|TLS|SSL/.test(code) ? `TLS: ${code}` : `error ${code}`);
  // pg's own connection timeout (connectionTimeoutMillis) carries no code, only this wording.
  if (e instanceof Error && /timeout/i.test(e.message)) return 'no answer within the deadline';
  return `unexpected ${(e as { constructor?: { name?: string } } | null)?.constructor?.name ?? 'error'}`;
}
