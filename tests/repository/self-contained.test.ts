// The repository stands on its own: a fresh clone with nothing beside it must run every test, and a
// reader must be able to open everything a comment points to. So no tracked text file may refer to a
// path outside the repository (the sibling `shared` folder of the developers' machines, absolute
// machine paths, `../` paths that climb above the root), cite the former implementer's summary by its
// file name instead of docs/dcc-notes.md, or cite a tracker issue number in a comment or test title.
// Upstream reference data under tests/fixtures/ is exempt: it is copied verbatim (tests/fixtures/dcc/SOURCES.md).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** A problem found on one line, with the text that gave it away. */
export interface Finding {
  readonly rule: 'outside-path' | 'spec-citation' | 'issue-number';
  readonly text: string;
}

const SHARED_SIBLING = /(?:\.\.[\\/])+shared\b/u;
// The developers' machines keep the repository and its sibling folders under /work. Home folders such as
// /home/k appear in tests as simulated users' paths and are fine.
const MACHINE_PATH = /(?:^|[\s'"`(=])\/work\/[\w.-]+/u;
const CLIMBING_PATH = /['"`(]((?:\.\.\/)+[\w.@-][^'"`)\s]*)/gu;
const SPEC_CITATION = /\bSPEC\.md\b|\bSPEC §/u;
const ISSUE_NUMBER = /\b[Ii]ssues? #?\d/u;
const TEST_TITLE = /\b(?:it|describe|test)(?:\.\w+)*\(\s*(['"`])(.*?)\1/u;

const HASH_COMMENTS = new Set(['.sh', '.yaml', '.yml', '.service', '', '.gitignore']);
const PROSE = new Set(['.md', '.txt']);

/** The comment part of a line ('' when it has none); prose files are all comment. */
export function commentOf(line: string, ext: string, inBlock: boolean): { text: string; inBlock: boolean } {
  if (PROSE.has(ext)) return { text: line, inBlock: false };
  if (HASH_COMMENTS.has(ext)) {
    const at = line.search(/(?:^|\s)#/u);
    return { text: at < 0 ? '' : line.slice(at), inBlock: false };
  }
  let text = '';
  let rest = line;
  let block = inBlock;
  while (rest.length > 0) {
    if (block) {
      const end = rest.indexOf('*/');
      text += end < 0 ? rest : rest.slice(0, end);
      if (end < 0) break;
      block = false;
      rest = rest.slice(end + 2);
      continue;
    }
    const lineComment = rest.search(/(?<![:\\])\/\//u);
    const blockStart = rest.indexOf('/*');
    if (lineComment >= 0 && (blockStart < 0 || lineComment < blockStart)) {
      text += rest.slice(lineComment);
      break;
    }
    if (blockStart < 0) break;
    block = true;
    rest = rest.slice(blockStart + 2);
  }
  return { text, inBlock: block };
}

/** Every rule one line of `file` (repository-relative) breaks. */
export function findingsInLine(file: string, line: string, comment: string): Finding[] {
  const found: Finding[] = [];
  const shared = SHARED_SIBLING.exec(line) ?? MACHINE_PATH.exec(line);
  if (shared) found.push({ rule: 'outside-path', text: shared[0].trim() });
  for (const m of line.matchAll(CLIMBING_PATH)) {
    const target = resolve(root, dirname(file), m[1]!);
    const inside = relative(root, target);
    if (inside.startsWith('..') || isAbsolute(inside)) found.push({ rule: 'outside-path', text: m[1]! });
  }
  const spec = SPEC_CITATION.exec(line);
  if (spec) found.push({ rule: 'spec-citation', text: spec[0] });
  const title = TEST_TITLE.exec(line)?.[2] ?? '';
  const issue = ISSUE_NUMBER.exec(comment) ?? ISSUE_NUMBER.exec(title);
  if (issue) found.push({ rule: 'issue-number', text: issue[0] });
  return found;
}

/** All findings in one file's text, as "file:line rule text". */
export function findingsInFile(file: string, content: string): string[] {
  const ext = extname(file);
  let inBlock = false;
  return content.split('\n').flatMap((line, i) => {
    const comment = commentOf(line, ext, inBlock);
    inBlock = comment.inBlock;
    return findingsInLine(file, line, comment.text).map((f) => `${file}:${i + 1} ${f.rule} ${f.text}`);
  });
}

const BINARY = /\.(?:png|jpe?g|gif|ico|pdf|ttf|otf|woff2?|der|bin|sqlite)$/iu;

function trackedTextFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((f) => f !== '' && !f.startsWith('tests/fixtures/') && !BINARY.test(f));
}

// Built from pieces so that this file itself passes its own scan.
const SHARED = `../${'shared'}`;
const SPEC = `${'SPEC'}.md`;
const ISSUE = `${'iss'}ue`;
const MACHINE = `/${'work'}/main`;
const UP3 = ['..', '..', '..'].join('/');

describe('the matcher', () => {
  it.each([
    ['tests/dcc/helpers/vectors.ts', `export const dir = resolve(repoRoot, '${SHARED}/dcc');`, 'outside-path'],
    ['core/dcc/README.md', `Implements \`${SHARED}/dcc/x\` for the kiosk.`, 'outside-path'],
    ['tests/a.test.ts', `const data = readFileSync('${MACHINE}/data.json');`, 'outside-path'],
    ['tests/dcc/a.test.ts', `const up = resolve(import.meta.dirname, '${UP3}/sibling');`, 'outside-path'],
    ['core/dcc/base45.ts', `// Strict Base45 (${SPEC} §5).`, 'spec-citation'],
    ['core/audit/audit-log.ts', `// Append-only audit log (${ISSUE} 3): JSON lines.`, 'issue-number'],
    ['renderer/a.css', `/* Screen layouts (${ISSUE} 4), portrait */`, 'issue-number'],
    ['.ci/run', `# The long runs (${ISSUE} 8): 8 processes`, 'issue-number'],
    ['docs/x.md', `Tracked as ${ISSUE}s 2–8.`, 'issue-number'],
    ['tests/a.test.ts', `  it('keeps the ${ISSUE} #12 guarantee', () => {`, 'issue-number'],
  ])('flags %s: %s', (file, line, rule) => {
    expect(findingsInFile(file, line).join('\n')).toContain(` ${rule} `);
  });

  it.each([
    ['tests/dcc/helpers/vectors.ts', `export const repoRoot = resolve(import.meta.dirname, '${UP3}');`],
    ['core/dcc/base45.ts', '// Strict Base45 (docs/dcc-notes.md §5), see https://example.org/a//b.'],
    ['tests/server/web-server.test.ts', `    expect(log).toMatch(/POST \\/api\\/${ISSUE} 200/u);`],
    ['core/registry/registry.ts', `// reports already-issued with the ${ISSUE} time`],
    ['renderer/app/flow.ts', "import { ok } from '../../core/result';"],
  ])('accepts %s: %s', (file, line) => {
    expect(findingsInFile(file, line)).toEqual([]);
  });

  it('sees an issue number inside a multi-line block comment', () => {
    const text = ['/**', ` * Clerk mode (${ISSUE} 3): a PIN.`, ' */', 'const a = 1;'].join('\n');
    expect(findingsInFile('core/clerk/x.ts', text)).toEqual([`core/clerk/x.ts:2 issue-number ${ISSUE} 3`]);
  });
});

describe('the repository', () => {
  const files = trackedTextFiles();

  it('tracks the source, tests and docs it is scanned for', () => {
    expect(files).toContain('tests/dcc/helpers/vectors.ts');
    expect(files).toContain('docs/dcc-notes.md');
    expect(files.length).toBeGreaterThan(300);
  });

  it('refers to no path outside itself, cites docs/ instead of SPEC or issue numbers', () => {
    const findings = files.flatMap((f) => {
      const content = readFileSync(resolve(root, f), 'utf8');
      return content.includes('\0') ? [] : findingsInFile(f, content);
    });
    expect(findings).toEqual([]);
  });
});
