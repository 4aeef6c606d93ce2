// One resolver for the renderer's files (core/api/renderer-files.ts): the same traversal refusals,
// content types and caching rule, and app:// and the browser transport answer the same path with
// the same status and headers.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskApi } from '../../core/api/kiosk-api';
import { CACHE_IMMUTABLE, CACHE_REVALIDATE, resolveRendererFile } from '../../core/api/renderer-files';
import { CONTENT_SECURITY_POLICY } from '../../core/api/renderer-policy';
import { serveAppRequest } from '../../electron/main/app-protocol';
import { startWebServer, type WebServer } from '../../server/web-server';

let base: string;
let root: string;
let server: WebServer;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'kiosk-renderer-files-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(root, 'favicon.ico'), 'ico');
  writeFileSync(join(root, 'assets', 'index-B1tQUDXo.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'FiraSans-Regular-CGes_AjB.woff2'), 'woff2');
  writeFileSync(join(root, 'assets', 'notes.xyz'), 'unknown type');
  writeFileSync(join(root, '.env'), 'SECRET=1');
  writeFileSync(join(base, 'key.pem'), '-----BEGIN PRIVATE KEY-----');
  symlinkSync(join(base, 'key.pem'), join(root, 'assets', 'linked.js'));
  server = await startWebServer({ api: {} as KioskApi, staticDir: root });
});

afterAll(async () => {
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('resolveRendererFile', () => {
  it('gives index.html for / and revalidates it; hashed assets are immutable', () => {
    expect(resolveRendererFile('/', root)).toEqual({
      kind: 'file',
      filePath: join(resolve(root), 'index.html'),
      contentType: 'text/html; charset=utf-8',
      cacheControl: CACHE_REVALIDATE,
    });
    expect(resolveRendererFile('/assets/index-B1tQUDXo.js', root)).toMatchObject({
      contentType: 'text/javascript; charset=utf-8',
      cacheControl: CACHE_IMMUTABLE,
    });
    expect(resolveRendererFile('/favicon.ico', root)).toMatchObject({ cacheControl: CACHE_REVALIDATE });
  });

  it.each([
    ['/../package.json', 403],
    ['/%2e%2e/package.json', 403],
    ['/assets/..%2f..%2fpackage.json', 403],
    ['/..%5cpackage.json', 403],
    ['/assets\\..\\key.pem', 403],
    ['/%00index.html', 403],
    ['/index.html%00.js', 403],
    ['//etc/passwd', 403],
    ['/C:%5CWindows%5Cwin.ini', 403],
    ['/assets/', 403],
    ['/assets/%ZZ', 400],
    ['/.env', 404],
    ['/assets/.hidden.js', 404],
    ['/assets/notes.xyz', 404],
    ['/assets/app.ts', 404],
    ['/assets', 404],
  ])('refuses %s with %i', (path, status) => {
    expect(resolveRendererFile(path, root)).toEqual({ kind: 'error', status });
  });
});

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | undefined>;
  readonly body: string;
}
const COMPARED = [
  'content-type',
  'content-length',
  'cache-control',
  'content-security-policy',
  'x-content-type-options',
];
const pick = (get: (name: string) => string | undefined) => Object.fromEntries(COMPARED.map((h) => [h, get(h)]));

async function overApp(path: string): Promise<Answer> {
  const res = await serveAppRequest({ url: `app://kiosk${path}`, method: 'GET' }, root);
  return { status: res.status, headers: pick((h) => res.headers.get(h) ?? undefined), body: await res.text() };
}

function overHttp(path: string): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { Host: `127.0.0.1:${server.port}` } });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        done({
          status: res.statusCode ?? 0,
          headers: pick((h) => res.headers[h]?.toString()),
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', fail);
    req.end();
  });
}

describe('app:// and the browser transport', () => {
  it.each([
    '/',
    '/index.html',
    '/favicon.ico',
    '/assets/index-B1tQUDXo.js',
    '/assets/FiraSans-Regular-CGes_AjB.woff2',
    '/assets/missing-0000.js',
    '/assets/notes.xyz',
    '/assets/linked.js',
    '/.env',
    '/%2e%2e/key.pem',
    '/assets/..%2f..%2fkey.pem',
    '/%00index.html',
  ])('answer %s alike: status, type, length, caching, CSP and body', async (path) => {
    const [app, http] = await Promise.all([overApp(path), overHttp(path)]);
    expect(http).toEqual(app);
    expect(app.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(app.body).not.toContain('PRIVATE KEY');
  });

  it('serve index.html revalidated and hashed assets immutable', async () => {
    expect((await overHttp('/')).headers['cache-control']).toBe(CACHE_REVALIDATE);
    expect((await overApp('/assets/index-B1tQUDXo.js')).headers['cache-control']).toBe(CACHE_IMMUTABLE);
  });
});
