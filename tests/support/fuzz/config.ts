// Fuzzing the configuration file (docs/reliability.md; core/config): arbitrary JSON values, arbitrary text as
// .json/.yaml/.yml files (YAML anchors and tags included), and the documented example with random
// fields replaced, removed or added. loadConfig/parseConfigObject must answer ok or CONFIG_INVALID
// — never throw — and never echo a value (it may be a password or token). Whatever they accept
// must build the kiosk's parts (ID format, record source, printers) without throwing.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { loadConfig, parseConfigObject } from '../../../core/config/load-config';
import { createIdFormat } from '../../../core/id/genesenen-id';
import { createPrintService } from '../../../core/print/print-service';
import { createRecordSource } from '../../../core/records/record-source-config';
import { countCases, runs } from '../fuzz-budget';

const example = JSON.parse(readFileSync(resolve(__dirname, '../../../docs/config.example.json'), 'utf8')) as Record<
  string,
  unknown
>;
const MARKER = 'Geheim-7f3a';

/** ok, or CONFIG_INVALID whose details name fields but never repeat the planted value. */
function expectConfigResult(r: ReturnType<typeof loadConfig>): void {
  if (r.ok) {
    // Accepted configs must turn into working parts.
    expect(() => createIdFormat(r.value.idFormat ?? {})).not.toThrow();
    expect(() => createRecordSource(r.value.recordSource, { now: () => new Date() })).not.toThrow();
    expect(() => createPrintService(r.value.printers)).not.toThrow();
    return;
  }
  expect(r.error.code).toBe('CONFIG_INVALID');
  expect(Object.keys(r.error.details).length).toBeGreaterThan(0);
  expect(Object.values(r.error.details).join(' ')).not.toContain(MARKER);
}

type Path = readonly (string | number)[];
function paths(v: unknown, at: Path = []): Path[] {
  if (v === null || typeof v !== 'object') return [at];
  return [at, ...Object.entries(v as object).flatMap(([k, x]) => paths(x, [...at, Array.isArray(v) ? Number(k) : k]))];
}
/** Every field of the example, plus optional fields it leaves out. */
const allPaths: Path[] = [
  ...paths(example).filter((p) => p.length > 0),
  ['idFormat', 'pattern'],
  ['idFormat', 'aliases'],
  ['recordSource', 'attemptTimeoutMs'],
  ['logDir'],
  ['registryPath'],
];

function mutate(path: Path, op: 'set' | 'delete' | 'add', value: unknown): unknown {
  const copy = structuredClone(example) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (op === 'delete') delete node[last];
  else if (op === 'add' && typeof node === 'object') node[`x${String(last)}`] = value;
  else node[last] = value;
  return copy;
}

const secretish = fc.oneof(
  fc.string({ maxLength: 30 }).map((s) => `${s}${MARKER}`),
  fc.jsonValue({ maxDepth: 2 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    '',
    ' ',
    '../../../etc/shadow',
    'https://user:Geheim-7f3a@evil.example/',
    'http://10.0.0.1/',
    '(a+)+$',
    'X{40}',
    'Z',
    '[',
    null,
    true,
  ),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 1 }), fc.string({ minLength: 1, maxLength: 1 }), { maxKeys: 3 }),
);

/** A city's own ID format: the part of the config with the most ways to be valid yet unusable. */
const patterns = fc.oneof(
  fc.constantFrom('K0E5.*', '[0-9]{4}.*', 'X{40}', 'Z', '(a+)+$', '.*'),
  fc.string({ maxLength: 12 }),
);
const idFormats = fc.oneof(
  fc.record({ pattern: patterns }),
  fc.record(
    {
      alphabet: fc.oneof(
        fc.constantFrom('0123456789', 'ABCDEFGHJKMNPQRSTVWXYZ0123456789', 'AB', 'ÄÖÜ0123456789'),
        fc.string({ maxLength: 12 }),
      ),
      length: fc.integer({ min: 1, max: 42 }),
      groups: fc.array(fc.integer({ min: 0, max: 14 }), { maxLength: 5 }),
      checkRule: fc.constantFrom('luhn-mod-n', 'none'),
      pattern: patterns,
      aliases: fc.dictionary(fc.string({ minLength: 1, maxLength: 1 }), fc.string({ minLength: 1, maxLength: 1 }), {
        maxKeys: 2,
      }),
    },
    { requiredKeys: [] },
  ),
);

export function fuzzConfig(): void {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-config-fuzz-'));

  describe('configuration files (loadConfig / parseConfigObject)', () => {
    it('any JSON value, and the example with any field replaced, removed or added', { timeout: 600_000 }, () => {
      const numRuns = runs(400, 14_000);
      fc.assert(
        fc.property(
          fc.oneof(
            { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
            {
              arbitrary: fc
                .tuple(
                  fc.constantFrom(...allPaths),
                  fc.constantFrom('set', 'delete', 'add') as fc.Arbitrary<'set' | 'delete' | 'add'>,
                  secretish,
                )
                .map(([p, op, v]) => mutate(p, op, v)),
              weight: 4,
            },
            { arbitrary: idFormats.map((f) => mutate(['idFormat'], 'set', f)), weight: 1 },
          ),
          (config) => expectConfigResult(parseConfigObject(config, join(dir, 'kiosk.json'))),
        ),
        { numRuns },
      );
      countCases('config: objects', numRuns);
    });

    it(
      'any text as a .json, .yaml or .yml file; no value quoted, not even in a warning',
      { timeout: 600_000 },
      async () => {
        const numRuns = runs(200, 6_000);
        const billionLaughs = [
          'a: &a ["x","x","x","x","x","x","x","x","x"]',
          ...'bcdefghi'
            .split('')
            .map((c, i) => `${c}: &${c} [*${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}]`),
        ].join('\n');
        const text = fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.jsonValue({ maxDepth: 3 }).map((v) => toYaml(v)),
          fc.tuple(fc.constantFrom(...allPaths), secretish).map(([p, v]) => toYaml(mutate(p, 'set', v))),
          fc.constantFrom(
            billionLaughs,
            '!!js/function "function(){}"',
            'kioskId: !!binary AAAA',
            '%YAML 9.9\n---\na: 1',
            '<<: *x',
            '\ufeff{}',
            '{"kioskId": "a", "kioskId": "b"}',
          ),
          // A mistyped tag next to a secret: the parser's warning quotes the line.
          fc.constantFrom(
            `recordSource:\n  kind: dikoma\n  bearerToken: !secret ${MARKER}\n`,
            `%YAML 9.9 ${MARKER}\n---\nkioskId: a\n`,
            `clerk: !!pin ${MARKER}`,
          ),
        );
        // Warnings go to stderr, i.e. the kiosk's journal: they must not quote the file either.
        const warnings: string[] = [];
        const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
        process.on('warning', onWarning);
        let n = 0;
        fc.assert(
          fc.property(text, fc.constantFrom('.json', '.yaml', '.yml'), (content, ext) => {
            const file = join(dir, `config-${n++ % 8}${ext}`);
            writeFileSync(file, content);
            expectConfigResult(loadConfig(file));
          }),
          { numRuns },
        );
        await new Promise((r) => setImmediate(r));
        process.off('warning', onWarning);
        expect(warnings.filter((w) => w.includes(MARKER))).toEqual([]);
        countCases('config: files', numRuns);
      },
    );
  });
}
