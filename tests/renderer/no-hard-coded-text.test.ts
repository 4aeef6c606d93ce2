// No user-facing text is written into the renderer's components: everything goes through i18n.
// (Its import boundaries — only types from core, no Node or Electron — are lint rules:
// eslint.config.js, proven active by tests/architecture/lint-boundaries.test.ts.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../renderer');
const sources = (dir = root): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(ts|tsx)$/u.test(e.name) && e.name !== 'vite.config.ts' ? [full] : [];
  });
const rel = (file: string) => path.relative(root, file);

describe('renderer texts', () => {
  const files = sources();

  it('finds the renderer sources', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('has no hard-coded words in JSX text or visible attributes', () => {
    for (const file of files.filter((f) => f.endsWith('.tsx'))) {
      const text = readFileSync(file, 'utf8');
      // Text between tags (code between JSX elements has operators and parentheses; words do not).
      // An arrow's `=>` is no tag end: `(): Promise<T>` between two arrows is a type, not text.
      const jsxText = [...text.matchAll(/(?<!=)>\s*([^<>{}\n()?:=&|;]*\p{L}{2,}[^<>{}\n()?:=&|;]*)\s*</gu)].map(
        (m) => m[1],
      );
      expect(jsxText, rel(file)).toEqual([]);
      const attributes = [...text.matchAll(/\b(aria-label|alt|title|placeholder)="([^"]*\p{L}[^"]*)"/gu)].map(
        (m) => m[0],
      );
      expect(attributes, rel(file)).toEqual([]);
    }
  });
});
