// Which file of the built renderer (dist/renderer) a URL path names, for both shells that serve it:
// electron/'s app://kiosk protocol and server/'s loopback HTTP. One set of traversal rules, one
// content-type table and one caching rule, so the two transports answer the same path alike
// (docs/architecture.md). The security headers (CSP and friends) are renderer-policy.ts's.
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { SECURITY_HEADERS } from './renderer-policy';

/** The file types the renderer's build contains; anything else is not ours to serve (404). */
export const RENDERER_CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
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

/**
 * Vite writes every bundled file to `assets/` with a content hash in its name (renderer/vite.config.ts),
 * so such a file never changes under its name: cached for good. Everything else (index.html names
 * the current hashes) is revalidated on every load, so a new build shows at once.
 */
const HASHED_ASSETS_DIR = 'assets';
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_REVALIDATE = 'no-cache';

export type RendererFile =
  | { readonly kind: 'file'; readonly filePath: string; readonly contentType: string; readonly cacheControl: string }
  | { readonly kind: 'error'; readonly status: 400 | 403 | 404 };

const refuse = (status: 400 | 403 | 404): RendererFile => ({ kind: 'error', status });
// Refused inside a decoded path segment: separators (an encoded `/` or `\` would smuggle in a
// path), NUL, and `:` (Windows drive letters and alternate data streams).
const FORBIDDEN_IN_SEGMENT = /[/\\\0:]/;

/**
 * The file under `rootDir` that a URL path names, decided without touching the disk.
 *
 * @param pathname - the URL's path, still percent-encoded, without query or fragment (`/` is index.html)
 * @returns the file with its content type and Cache-Control, or 400 (undecodable), 403 (traversal:
 *   `..`, `.`, empty segments, encoded separators, backslashes, NUL, drive letters) or 404 (dotfiles,
 *   file types the renderer has not)
 */
export function resolveRendererFile(pathname: string, rootDir: string): RendererFile {
  if (pathname.includes('\\')) return refuse(403);
  const raw = pathname === '/' ? ['index.html'] : pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const part of raw) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return refuse(400);
    }
    if (decoded === '' || decoded === '.' || decoded === '..' || FORBIDDEN_IN_SEGMENT.test(decoded)) return refuse(403);
    if (decoded.startsWith('.')) return refuse(404);
    segments.push(decoded);
  }
  const contentType = RENDERER_CONTENT_TYPES[extname(segments[segments.length - 1] ?? '').toLowerCase()];
  if (!contentType) return refuse(404);
  const root = resolve(rootDir);
  const filePath = join(root, ...segments);
  const rel = relative(root, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return refuse(403);
  const hashed = segments.length > 1 && segments[0] === HASHED_ASSETS_DIR;
  return { kind: 'file', filePath, contentType, cacheControl: hashed ? CACHE_IMMUTABLE : CACHE_REVALIDATE };
}

/** The headers of a served renderer file: the security headers, its type, size and caching rule. */
export function rendererFileHeaders(
  file: { readonly contentType: string; readonly cacheControl: string },
  size: number,
): Record<string, string> {
  return {
    ...SECURITY_HEADERS,
    'Content-Type': file.contentType,
    'Content-Length': String(size),
    'Cache-Control': file.cacheControl,
  };
}

/** The headers of a refusal (no body): the security headers, never cached. */
export const RENDERER_ERROR_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Content-Type': 'text/plain; charset=utf-8',
};
