// Response headers of the browser transport. The CSP allows only the kiosk's own files:
// no inline script or style, no eval, images from self and data: (the QR is an SVG data: URL),
// no frames, no forms, API calls to self only. The policy itself lives in core/api/renderer-policy.ts,
// shared with electron/'s app:// protocol.
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../core/api/renderer-policy';

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};
