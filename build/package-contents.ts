// What the packaged app.asar must and must not contain (docs/release.md, `npm run package:check`): the
// built app only — bundles, fonts, renderer, package.json and the native module — and never
// sources, tests, source maps, keys, secrets, databases or build intermediates. Pure functions
// over the archive's entry list, so the rules are unit-tested without packaging.
import { builtinModules } from 'node:module';

export const REQUIRED_ENTRIES = [
  '/package.json',
  '/.vite/build/main.cjs',
  '/.vite/build/preload.cjs',
  '/.vite/fonts/DejaVuSans.ttf',
  '/.vite/fonts/DejaVuSans-Bold.ttf',
  '/dist/renderer/index.html',
] as const;

export const FORBIDDEN_ENTRIES: readonly { readonly pattern: RegExp; readonly why: string }[] = [
  { pattern: /\.(ts|tsx|mts|cts)$/, why: 'TypeScript source' },
  { pattern: /\.map$/, why: 'source map' },
  { pattern: /\.(pem|key|p8|p12|pfx|crt|cer|der|csr|jks)$/i, why: 'key or certificate' },
  { pattern: /(^|\/)[^/]*\.secret$|(^|\/)secrets?(\/|$)/i, why: 'secret' },
  { pattern: /(^|\/)\.env(\.|$)/, why: 'environment file' },
  { pattern: /\.(sqlite|sqlite3|db)(-wal|-shm|-journal)?$/i, why: 'database' },
  {
    pattern:
      /^\/(tests?|core|electron|renderer|server|bench|build|docs|scripts|shared|\.ci|\.git|\.github|release)(\/|$)/,
    why: 'source, test or tooling directory',
  },
  { pattern: /(^|\/)(__tests__|__mocks__|tests?|spec|fixtures?|testdata)\//, why: 'test files' },
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?$/, why: 'test file' },
  { pattern: /(^|\/)node_modules\/\.bin(\/|$)/, why: 'npm .bin links' },
  { pattern: /^\/node_modules\/better-sqlite3\/(src|deps|docs)(\/|$)/, why: 'native module sources' },
  {
    pattern: /(^|\/)build\/Release\/(obj|obj\.target|\.deps)(\/|$)|\.(o|a|obj|lib|pdb|mk|gypi?)$/,
    why: 'native build intermediates',
  },
  { pattern: /test_extension\.node$/, why: 'SQLite test extension' },
  { pattern: /(^|\/)\.vite\/renderer(\/|$)/, why: 'Forge dev-server renderer build' },
];

export interface ContentProblem {
  readonly entry: string;
  readonly reason: string;
}

/** Entries are asar paths as @electron/asar lists them: `/dir/file`, directories included. */
export function checkAsarEntries(entries: readonly string[]): ContentProblem[] {
  const present = new Set(entries);
  const problems: ContentProblem[] = REQUIRED_ENTRIES.filter((e) => !present.has(e)).map((entry) => ({
    entry,
    reason: 'missing',
  }));
  for (const entry of entries) {
    const hit = FORBIDDEN_ENTRIES.find((f) => f.pattern.test(entry));
    if (hit) problems.push({ entry, reason: hit.why });
  }
  return problems;
}

const BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** The package a bare import names: `a/b` → `a`, `@s/a/b` → `@s/a`. */
export const packageOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/**
 * Every module the main bundle leaves to `require` at run time must be a Node built-in, Electron,
 * shipped in the asar, or explicitly optional (loaded in a try/catch by its user).
 */
export function checkExternals(
  externals: readonly string[],
  entries: readonly string[],
  optional: Readonly<Record<string, string>>,
): ContentProblem[] {
  const present = new Set(entries);
  const problems: ContentProblem[] = [];
  for (const ext of externals) {
    if (BUILTINS.has(ext) || ext === 'electron' || ext.startsWith('electron/')) continue;
    const pkg = packageOf(ext);
    if (Object.prototype.hasOwnProperty.call(optional, pkg)) continue;
    if (!present.has(`/node_modules/${pkg}/package.json`))
      problems.push({ entry: ext, reason: 'required by main.cjs but not in app.asar' });
  }
  return problems;
}

/** The packaged package.json: entry point right, no npm scripts. */
export function checkPackagedManifest(manifest: { main?: unknown; scripts?: unknown }): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (manifest.main !== '.vite/build/main.cjs')
    problems.push({ entry: '/package.json', reason: `main is ${String(manifest.main)}` });
  if (manifest.scripts !== undefined) problems.push({ entry: '/package.json', reason: 'npm scripts shipped' });
  return problems;
}
