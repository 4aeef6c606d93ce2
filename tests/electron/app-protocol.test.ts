// app:// protocol (Electron security checklist items 7 and 18): only files under the renderer's
// build directory are served, every traversal trick is refused, and every response — file or
// error — carries the Content-Security-Policy and nosniff.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  privilegedSchemes,
  registerAppProtocol,
  resolveAppRequest,
  serveAppRequest,
} from '../../electron/main/app-protocol';
import { FakeProtocol, makeTempDir, removeTempDirs } from './fakes';

let root: string;
let outside: string;
beforeAll(() => {
  const base = makeTempDir('kiosk-app-proto-');
  root = join(base, 'renderer');
  outside = join(base, 'secret');
  mkdirSync(join(root, 'assets'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'font.woff2'), 'woff2');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(outside, 'key.pem'), '-----BEGIN PRIVATE KEY-----');
  symlinkSync(join(outside, 'key.pem'), join(root, 'assets', 'linked.js'));
});

afterAll(removeTempDirs);

describe('resolveAppRequest', () => {
  it('maps / and paths under the root to files with their content type', () => {
    expect(resolveAppRequest('app://kiosk/', root)).toEqual({
      kind: 'file',
      filePath: join(resolve(root), 'index.html'),
      contentType: 'text/html; charset=utf-8',
      cacheControl: 'no-cache',
    });
    expect(resolveAppRequest(APP_ENTRY_URL, root)).toMatchObject({
      kind: 'file',
      filePath: join(resolve(root), 'index.html'),
    });
    expect(resolveAppRequest('app://kiosk/assets/app-1234.js?v=1#x', root)).toEqual({
      kind: 'file',
      filePath: join(resolve(root), 'assets', 'app-1234.js'),
      contentType: 'text/javascript; charset=utf-8',
      cacheControl: 'public, max-age=31536000, immutable',
    });
    expect(resolveAppRequest('app://kiosk/assets/font.woff2', root)).toMatchObject({ contentType: 'font/woff2' });
  });

  it.each([
    ['app://kiosk/..%2f..%2fetc%2fpasswd', 403],
    ['app://kiosk/assets/..%2F..%2F..%2Fsecret%2Fkey.pem', 403],
    ['app://kiosk/%2e%2e%2f%2e%2e%2fsecret/key.pem', 403],
    ['app://kiosk/..\\..\\secret\\key.pem', 403],
    ['app://kiosk/assets%5c..%5c..%5csecret%5ckey.pem', 403],
    ['app://kiosk//etc/passwd', 403],
    ['app://kiosk/%2Fetc%2Fpasswd', 403],
    ['app://kiosk/C:%5CWindows%5Cwin.ini', 403],
    ['app://kiosk/C:/Windows/win.ini', 403],
    ['app://kiosk/index.html%00.js', 403],
    ['app://kiosk/assets/', 403],
    ['app://evil/index.html', 403],
    ['app://kiosk.evil/index.html', 403],
    ['app://kiosk:1/index.html', 403],
    ['app://u:p@kiosk/index.html', 403],
    ['file:///etc/passwd', 403],
    ['https://kiosk/index.html', 403],
    ['app:kiosk/index.html', 403],
    ['app://kiosk/%E0%A4%A', 400],
    ['not a url', 400],
    ['app://kiosk/.env', 404],
    ['app://kiosk/assets/.hidden.js', 404],
    ['app://kiosk/package.json.map', 404],
    ['app://kiosk/keys/dsc.pem', 404],
    ['app://kiosk/assets/app.ts', 404],
    ['app://kiosk/assets', 404],
  ])('refuses %s with %i', (url, status) => {
    expect(resolveAppRequest(url, root)).toEqual({ kind: 'error', status });
  });

  it('lets the URL parser resolve dot segments, which can never climb above the root', () => {
    expect(resolveAppRequest('app://kiosk/assets/%2e%2e/%2E%2e/%2e%2e/index.html', root)).toMatchObject({
      filePath: join(resolve(root), 'index.html'),
    });
    expect(resolveAppRequest('app://kiosk/a/../../../../etc/passwd.js', root)).toMatchObject({
      filePath: join(resolve(root), 'etc', 'passwd.js'),
    });
  });

  it('answers only GET and HEAD', () => {
    expect(resolveAppRequest(APP_ENTRY_URL, root, 'POST')).toEqual({ kind: 'error', status: 405 });
    expect(resolveAppRequest(APP_ENTRY_URL, root, 'HEAD')).toMatchObject({ kind: 'file' });
  });

  it('never resolves outside the root, whatever the path (property)', () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2e',
        '%2f',
        '%5c',
        '\\',
        '',
        'assets',
        'index.html',
        'a.js',
        '%00',
        'C:',
        '~',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (parts) => {
        const r = resolveAppRequest(`app://kiosk/${parts.join('/')}`, root);
        if (r.kind === 'error') return true;
        const rel = relative(resolve(root), r.filePath);
        return rel !== '' && !rel.startsWith('..') && !rel.split(/[\\/]/).includes('..');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('serveAppRequest', () => {
  const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, root);

  it('serves a file with CSP, nosniff, revalidation for index.html and its content type', async () => {
    const res = await get(APP_ENTRY_URL);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>kiosk</title>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('puts the same security headers on errors', async () => {
    for (const [url, status] of [
      ['app://kiosk/..%2f..%2fsecret%2fkey.pem', 403],
      ['app://kiosk/missing.js', 404],
    ] as const) {
      const res = await get(url);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe('');
    }
  });

  it('refuses a symlink that leads out of the root', async () => {
    const res = await get('app://kiosk/assets/linked.js');
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('PRIVATE KEY');
  });

  it('HEAD has headers but no body', async () => {
    const res = await get(APP_ENTRY_URL, 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('registerAppProtocol installs the handler for the app scheme', async () => {
    const protocol = new FakeProtocol();
    registerAppProtocol(protocol, root);
    const res: Response = await protocol.handlers.get('app')!({ url: 'app://kiosk/assets/app-1234.js', method: 'GET' });
    expect(await res.text()).toBe('console.log(1)');
  });
});

describe('CSP and scheme privileges', () => {
  it('allows only self scripts and styles, no inline, no eval, no frames, no remote connections', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|http:|https:|blob:/);
  });

  it('app:// is standard and secure, and bypasses nothing', () => {
    expect(privilegedSchemes()).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });
});
