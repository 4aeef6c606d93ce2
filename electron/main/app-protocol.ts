// The renderer is served from `app://kiosk/…`, never from file:// (Electron security checklist
// item 18) and never over the network (item 1). `resolveAppRequest` is the pure decision which
// file under the renderer's root a URL names — refusing traversal (`..`, `%2e%2e`, encoded
// slashes, backslashes), absolute and drive paths, dotfiles, other hosts and unknown file types —
// and `serveAppRequest` answers with the Content-Security-Policy (item 7) on every response.
import { realpath as fsRealpath, readFile as fsReadFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { SECURITY_HEADERS } from '../../core/api/renderer-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The renderer's CSP and security headers: the same on app:// as over the browser transport. */
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../core/api/renderer-policy';

/** Must run before app 'ready'. Standard + secure: a real origin, localStorage, no mixed content. */
export const privilegedSchemes = (): CustomScheme[] => [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
];

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

export type AppResolution =
  | { readonly kind: 'file'; readonly filePath: string; readonly contentType: string }
  | { readonly kind: 'error'; readonly status: 400 | 403 | 404 | 405 };

const fail = (status: 400 | 403 | 404 | 405): AppResolution => ({ kind: 'error', status });
// Refused inside a decoded path segment: separators (an encoded `/` or `\` would smuggle in a
// path), NUL, and `:` (Windows drive letters and alternate data streams).
const FORBIDDEN_IN_SEGMENT = /[/\\\0:]/;

export function resolveAppRequest(url: string, rootDir: string, method = 'GET'): AppResolution {
  if (method !== 'GET' && method !== 'HEAD') return fail(405);
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return fail(400);
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST || u.username !== '' || u.password !== '')
    return fail(403);
  // A backslash is a literal in non-special URLs; it never belongs in our paths.
  if (u.pathname.includes('\\')) return fail(403);
  const raw = u.pathname === '/' ? ['index.html'] : u.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const part of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return fail(400);
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || FORBIDDEN_IN_SEGMENT.test(decoded)) return fail(403);
    if (decoded.startsWith('.')) return fail(404);
    segments.push(decoded);
  }
  const contentType = CONTENT_TYPES[extname(segments[segments.length - 1] ?? '').toLowerCase()];
  if (!contentType) return fail(404);
  const root = resolve(rootDir);
  const filePath = join(root, ...segments);
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return fail(403);
  return { kind: 'file', filePath, contentType };
}

export interface AppFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  realpath(path: string): Promise<string>;
}

const nodeFs: AppFileSystem = { readFile: (p) => fsReadFile(p), realpath: (p) => fsRealpath(p) };

const errorResponse = (status: number): Response =>
  new Response(null, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });

/** Answers one app:// request. A symlink that leads out of the root is refused like `..`. */
export async function serveAppRequest(
  request: { readonly url: string; readonly method: string },
  rootDir: string,
  fs: AppFileSystem = nodeFs,
): Promise<Response> {
  const resolution = resolveAppRequest(request.url, rootDir, request.method);
  if (resolution.kind === 'error') return errorResponse(resolution.status);
  let body: Uint8Array;
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(resolve(rootDir)), fs.realpath(resolution.filePath)]);
    if (!realFile.startsWith(realRoot + sep)) return errorResponse(403);
    body = await fs.readFile(realFile);
  } catch {
    return errorResponse(404);
  }
  const headers = {
    ...SECURITY_HEADERS,
    'Content-Type': resolution.contentType,
    'Content-Length': String(body.byteLength),
  };
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

/** After 'ready': serve the renderer's build output on the given session's protocol object. */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string, fs?: AppFileSystem): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rootDir, fs));
}
