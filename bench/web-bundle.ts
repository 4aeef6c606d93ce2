// What the first screen has to load (bench web_first_screen's extra fields): the built renderer's
// JavaScript that index.html loads (the other languages' chunks, loaded later, are `laterJsBytes`)
// and CSS, and the font files index.html preloads for the welcome screen, in bytes as they lie
// in dist/renderer (the kiosk serves them uncompressed from local disk).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { RENDERER_DIR } from '../server/start-web';

export interface BundleSizes {
  readonly jsBytes: number;
  readonly laterJsBytes: number;
  readonly cssBytes: number;
  readonly firstScreenFontBytes: number;
  readonly allFontBytes: number;
}

export function bundleSizes(): BundleSizes {
  const assets = join(RENDERER_DIR, 'assets');
  const files = readdirSync(assets);
  const size = (f: string) => statSync(join(assets, f)).size;
  const sum = (fs: readonly string[]) => fs.reduce((n, f) => n + size(f), 0);
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  const fonts = files.filter((f) => f.endsWith('.woff2'));
  const js = files.filter((f) => f.endsWith('.js'));
  const loadedByPage = (f: string) => html.includes(`src="./assets/${f}"`) || html.includes(`href="./assets/${f}"`);
  return {
    jsBytes: sum(js.filter(loadedByPage)),
    laterJsBytes: sum(js.filter((f) => !loadedByPage(f))),
    cssBytes: sum(files.filter((f) => f.endsWith('.css'))),
    firstScreenFontBytes: sum(
      fonts.filter((f) => html.includes(`rel="preload" as="font" type="font/woff2" href="./assets/${f}"`)),
    ),
    allFontBytes: sum(fonts),
  };
}
