// Build step of the renderer (renderer/vite.config.ts; docs/performance.md, "First screen"): drops
// the rules of a style sheet library whose selectors name a class the kiosk's UI never uses. KERN UX
// ships ~340 KB of CSS for every component and every responsive utility; the kiosk uses a few dozen
// classes, and Chromium parses every rule and builds its rule sets before the first frame.
//
// Conservative by construction — a rule goes only when *each* of its selectors requires a class
// that is certainly absent:
//   - the classes the UI can use are the words of the renderer's sources (renderer/**/*.ts(x),
//     index.html), as PurgeCSS's default extractor finds them;
//   - a class built in a template (`kern-alert--${tone}`) is kept when its prefix is written so and
//     the rest is a word of the sources (the tones are literals somewhere: 'danger', 'info', …);
//   - classes inside :not(), :is(), :where(), :has() and other functional pseudo-classes are
//     ignored (such a selector may match without them), so is everything in [attribute] brackets;
//   - element, attribute, id and custom-property rules, @font-face and @keyframes stay.
// An emptied @media or @supports block is removed. Only files whose path matches `only` are
// touched; the kiosk's own style sheets are kept whole.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of PostCSS's AST this step uses (Vite brings PostCSS; the kiosk does not import it). */
interface CssNode {
  readonly type: string;
  readonly parent?: CssContainer | undefined;
  remove(): void;
}
interface CssContainer extends CssNode {
  readonly nodes?: CssNode[] | undefined;
}
interface CssRule extends CssContainer {
  selectors: string[];
}
interface CssAtRule extends CssContainer {
  readonly name: string;
}
interface CssRoot extends CssContainer {
  readonly source?: { readonly input?: { readonly file?: string } };
  walkRules(callback: (rule: CssRule) => void): void;
  walkAtRules(callback: (atRule: CssAtRule) => void): void;
}

export interface UsedWords {
  /** Every word of the sources: a class is used when it is one of them. */
  readonly words: ReadonlySet<string>;
  /** Prefixes written before `${` in a template literal (`kern-alert--`). */
  readonly templatePrefixes: readonly string[];
}

const SOURCE_FILE = /\.(tsx?|html)$/u;
const WORD = /[A-Za-z0-9_-]+/gu;
const TEMPLATE_PREFIX = /([A-Za-z0-9_-]+)\$\{/gu;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return SOURCE_FILE.test(entry.name) ? [full] : [];
  });
}

/** The words (and template prefixes) of the given texts. */
export function usedWords(texts: readonly string[]): UsedWords {
  const words = new Set<string>();
  const prefixes = new Set<string>();
  for (const text of texts) {
    for (const [word] of text.matchAll(WORD)) words.add(word);
    for (const [, prefix] of text.matchAll(TEMPLATE_PREFIX)) if (prefix) prefixes.add(prefix);
  }
  return { words, templatePrefixes: [...prefixes] };
}

/** The words of every source file under `dir`. */
export function usedWordsOf(dir: string): UsedWords {
  return usedWords(sourceFiles(dir).map((file) => readFileSync(file, 'utf8')));
}

export function isClassUsed(name: string, used: UsedWords): boolean {
  if (used.words.has(name)) return true;
  return used.templatePrefixes.some((p) => name.startsWith(p) && used.words.has(name.slice(p.length)));
}

/** A selector without what need not match: functional pseudo-classes' arguments, attribute brackets. */
function requiredPart(selector: string): string {
  let out = '';
  let depth = 0;
  let bracket = false;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i]!;
    if (ch === '\\') {
      if (depth === 0 && !bracket) out += selector.slice(i, i + 2);
      i++;
    } else if (bracket) {
      if (ch === ']') bracket = false;
    } else if (ch === '[') {
      bracket = true;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')') {
      depth = Math.max(0, depth - 1);
    } else if (depth === 0) {
      out += ch;
    }
  }
  return out;
}

const CLASS_IN_SELECTOR = /\.((?:\\.|[A-Za-z0-9_-])+)/gu;

/** The classes a selector cannot match without (escapes such as `w-1\/2` undone). */
export function requiredClasses(selector: string): string[] {
  return [...requiredPart(selector).matchAll(CLASS_IN_SELECTOR)].map(([, name]) => name!.replace(/\\(.)/gu, '$1'));
}

export function isSelectorUsed(selector: string, used: UsedWords): boolean {
  return requiredClasses(selector).every((name) => isClassUsed(name, used));
}

const KEEP_INSIDE = new Set(['keyframes', '-webkit-keyframes', 'font-face', 'page']);
const PRUNE_WHEN_EMPTY = new Set(['media', 'supports', 'layer', 'container']);

function insideKeptAtRule(node: CssNode): boolean {
  for (let p = node.parent; p; p = p.parent)
    if (p.type === 'atrule' && KEEP_INSIDE.has((p as CssAtRule).name)) return true;
  return false;
}

/** Removes unused rules from one parsed style sheet; returns how many rules were dropped. */
export function dropUnusedRules(root: CssRoot, used: UsedWords): number {
  let dropped = 0;
  root.walkRules((rule) => {
    if (insideKeptAtRule(rule)) return;
    const kept = rule.selectors.filter((s) => isSelectorUsed(s, used));
    if (kept.length === 0) {
      rule.remove();
      dropped++;
    } else if (kept.length < rule.selectors.length) {
      rule.selectors = kept;
    }
  });
  // Innermost first, so a block left empty by an emptied inner block goes too.
  const blocks: CssAtRule[] = [];
  root.walkAtRules((atRule) => void blocks.push(atRule));
  for (const block of blocks.reverse())
    if (PRUNE_WHEN_EMPTY.has(block.name) && (block.nodes?.length ?? 0) === 0) block.remove();
  return dropped;
}

/** A PostCSS plugin (an object: Vite runs it on every style sheet it bundles). */
export function unusedCssPlugin(opts: { readonly sourcesDir: string; readonly only: RegExp }) {
  let used: UsedWords | undefined;
  return {
    postcssPlugin: 'kiosk-drop-unused-css',
    Once(root: CssRoot) {
      const file = root.source?.input?.file ?? '';
      if (!opts.only.test(file.replaceAll('\\', '/'))) return;
      used ??= usedWordsOf(opts.sourcesDir);
      dropUnusedRules(root, used);
    },
  };
}
