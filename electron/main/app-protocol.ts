// The renderer is served from `app://kiosk/…`, never from file:// (Electron security checklist
// item 18) and never over the network (item 1). `resolveAppRequest` is the pure decision which
// file under the renderer's root a URL names — other hosts refused here, traversal (`..`, `%2e%2e`,
// encoded slashes, backslashes), absolute and drive paths, dotfiles and unknown file types by the
// resolver the browser transport shares (core/api/renderer-files.ts) — and `serveAppRequest`
// answers with the Content-Security-Policy (item 7) on every response.
import { realpath as fsRealpath, readFile as fsReadFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import {
  RENDERER_ERROR_HEADERS,
  rendererFileHeaders,
  resolveRendererFile,
  type RendererFile,
} from '../../core/api/renderer-files';

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

export type AppResolution = RendererFile | { readonly kind: 'error'; readonly status: 403 | 405 };

const fail = (status: 400 | 403 | 405): AppResolution => ({ kind: 'error', status });

/** The method and the origin are app://'s own checks; the path rules are the shared resolver's. */
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
  return resolveRendererFile(u.pathname, rootDir);
}

export interface AppFileSystem {
  readFile(path: string): Promise<Uint8Array>;
  realpath(path: string): Promise<string>;
}

const nodeFs: AppFileSystem = { readFile: (p) => fsReadFile(p), realpath: (p) => fsRealpath(p) };

const errorResponse = (status: number): Response => new Response(null, { status, headers: RENDERER_ERROR_HEADERS });

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
  const headers = rendererFileHeaders(resolution, body.byteLength);
  return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), { status: 200, headers });
}

/** After 'ready': serve the renderer's build output on the given session's protocol object. */
export function registerAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string, fs?: AppFileSystem): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rootDir, fs));
}
