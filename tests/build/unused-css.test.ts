// The renderer build's pruning of KERN UX's style sheet (build/unused-css.ts): a rule goes only when
// every one of its selectors needs a class the UI's sources never name; classes built in templates,
// classes inside :not()/:is()/:has() and attribute selectors keep their rules.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dropUnusedRules, isSelectorUsed, requiredClasses, usedWords, usedWordsOf } from '../../build/unused-css';

const used = usedWords([
  `<div className="kern-btn kern-btn--primary kiosk-btn" />`,
  'const tone: Tone = "danger"; <div className={`kern-alert kern-alert--${tone}`} />',
]);

describe('which selectors stay', () => {
  it('a selector stays when all its classes are words of the sources', () => {
    expect(isSelectorUsed('.kern-btn', used)).toBe(true);
    expect(isSelectorUsed('.kern-btn.kern-btn--primary:hover', used)).toBe(true);
    expect(isSelectorUsed('.kern-btn .kern-table', used)).toBe(false);
    expect(isSelectorUsed('.kern-accordion', used)).toBe(false);
  });

  it('a class built in a template stays for each value the sources write', () => {
    expect(isSelectorUsed('.kern-alert--danger', used)).toBe(true);
    expect(isSelectorUsed('.kern-alert--sparkle', used)).toBe(false);
  });

  it('classes that need not match, and selectors without classes, keep the rule', () => {
    expect(isSelectorUsed('*:not(.kern-table)', used)).toBe(true);
    expect(isSelectorUsed('body:has(.kern-dialog[open])', used)).toBe(true);
    expect(isSelectorUsed('[class*=kern-level-] a', used)).toBe(true);
    expect(isSelectorUsed('[data-kern-theme=light]', used)).toBe(true);
    expect(isSelectorUsed('html', used)).toBe(true);
    expect(requiredClasses('.kern-w-1\\/2:focus')).toEqual(['kern-w-1/2']);
  });
});

/** A stand-in for the parts of PostCSS's tree that dropUnusedRules walks. */
function tree(spec: (string | [string, (string | [string, string[]])[]])[]) {
  type Node = { type: string; name?: string; selectors?: string[]; nodes?: Node[]; parent?: Node; remove(): void };
  const make = (s: string | [string, unknown[]], parent: Node): Node => {
    const node: Node = {
      type: typeof s === 'string' ? 'rule' : 'atrule',
      remove() {
        node.parent!.nodes!.splice(node.parent!.nodes!.indexOf(node), 1);
      },
      parent,
    };
    if (typeof s === 'string') node.selectors = s.split(',');
    else {
      node.name = s[0];
      node.nodes = (s[1] as (string | [string, unknown[]])[]).map((c) => make(c, node));
    }
    return node;
  };
  const root: Node & { walkRules(f: (n: Node) => void): void; walkAtRules(f: (n: Node) => void): void } = {
    type: 'root',
    remove() {},
    walkRules(f) {
      const walk = (n: Node) => [...(n.nodes ?? [])].forEach((c) => (c.type === 'rule' ? f(c) : walk(c)));
      walk(root);
    },
    walkAtRules(f) {
      const walk = (n: Node) => [...(n.nodes ?? [])].forEach((c) => c.type === 'atrule' && (f(c), walk(c)));
      walk(root);
    },
  };
  root.nodes = spec.map((s) => make(s as string | [string, unknown[]], root));
  const show = (n: Node): unknown => (n.type === 'rule' ? n.selectors!.join(',') : [n.name, n.nodes!.map(show)]);
  return { root, show: () => root.nodes!.map(show) };
}

describe('pruning a style sheet', () => {
  it('drops unused rules and selectors, empty @media blocks, never @keyframes', () => {
    const { root, show } = tree([
      '.kern-btn,.kern-table',
      '.kern-accordion',
      ['media', ['.kern-table', ['supports', ['.kern-card']]]],
      ['media', ['.kern-btn--primary']],
      ['keyframes', ['from', 'to']],
    ]);
    expect(dropUnusedRules(root as never, used)).toBe(3);
    expect(show()).toEqual(['.kern-btn', ['media', ['.kern-btn--primary']], ['keyframes', ['from', 'to']]]);
  });
});

it('every KERN class the renderer names survives the pruning', () => {
  const renderer = path.resolve(__dirname, '../../renderer');
  const words = usedWordsOf(renderer);
  const kern = readFileSync(path.resolve(__dirname, '../../node_modules/@kern-ux/native/dist/kern.min.css'), 'utf8');
  const kernClasses = new Set([...kern.matchAll(/\.(kern-[\w-]+)/gu)].map((m) => m[1]!));
  // The classes written literally in className strings of the sources.
  const named = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx$/u.test(entry.name))
        for (const m of readFileSync(full, 'utf8').matchAll(/\bkern-[a-z0-9_-]*[a-z0-9]/gu)) named.add(m[0]);
    }
  };
  walk(renderer);
  const lost = [...named].filter((c) => kernClasses.has(c) && !isSelectorUsed(`.${c}`, words));
  expect(lost).toEqual([]);
  expect(named.size).toBeGreaterThan(20);
});
