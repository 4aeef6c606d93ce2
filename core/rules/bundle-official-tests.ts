// Builds core/rules/data/official-test-cases.json from the official CertLogic test cases copied
// under tests/fixtures/business-rules/tests/<Identifier>/test*.json (unmodified upstream files;
// SOURCES.md there). The kiosk needs the cases at run time — start-up and `cli rules check` refuse a
// rule file that fails one — so they ship in one file, with the value sets (identical in every
// upstream case) stored once. tests/rules/official-test-cases.test.ts proves the shipped bundle is
// exactly what this produces. Run after updating the fixtures:
//   npx tsx core/rules/bundle-official-tests.ts tests/fixtures/business-rules/tests \
//     core/rules/data/official-test-cases.json
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';

/**
 * The rule versions the upstream cases were written for. The German cases of RR-DE-0002 test the
 * 180-day boundary of version 1.0.1; version 1.0.3 (90 days, 2022) fails two of them by design, so
 * cases are bound to versions, not to identifiers alone.
 */
export const OFFICIAL_TEST_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  'GR-EU-0000': ['1.0.0'],
  'GR-EU-0001': ['1.0.0'],
  'RR-EU-0000': ['1.0.0'],
  'RR-EU-0001': ['1.0.0'],
  'RR-EU-0002': ['1.0.0'],
  'RR-DE-0001': ['1.0.0'],
  'RR-DE-0002': ['1.0.1'],
};

export interface OfficialTestCase {
  readonly rule: string;
  readonly versions: readonly string[];
  /** `<Identifier>/testNNN.json`, as upstream names it. */
  readonly file: string;
  readonly name?: string;
  readonly payload: unknown;
  /** The case's external parameters without `valueSets` (those are the bundle's `valueSets`). */
  readonly external: Record<string, unknown>;
  readonly expected: unknown;
}

export interface OfficialTestBundle {
  readonly valueSets: Record<string, readonly string[]>;
  readonly cases: readonly OfficialTestCase[];
}

export function bundleOfficialTests(dir: string): OfficialTestBundle {
  let valueSets: Record<string, readonly string[]> | undefined;
  const cases: OfficialTestCase[] = [];
  for (const rule of readdirSync(dir).sort()) {
    const versions = OFFICIAL_TEST_VERSIONS[rule];
    if (!versions) throw new Error(`no rule versions known for the test cases of ${rule}`);
    for (const file of readdirSync(join(dir, rule))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const raw = JSON.parse(readFileSync(join(dir, rule, file), 'utf8')) as {
        name?: string;
        payload: unknown;
        external?: Record<string, unknown>;
        expected: unknown;
      };
      const { valueSets: vs, ...external } = raw.external ?? {};
      if (vs !== undefined) {
        if (valueSets !== undefined && !isDeepStrictEqual(vs, valueSets))
          throw new Error(`${rule}/${file}: other value sets`);
        valueSets = vs as Record<string, readonly string[]>;
      }
      cases.push({
        rule,
        versions,
        file: `${rule}/${file}`,
        ...(raw.name !== undefined ? { name: raw.name } : {}),
        payload: raw.payload,
        external,
        expected: raw.expected,
      });
    }
  }
  return { valueSets: valueSets ?? {}, cases };
}

if (process.argv[1]?.endsWith('bundle-official-tests.ts')) {
  const [dir, out] = process.argv.slice(2);
  if (!dir || !out) {
    process.stderr.write('usage: tsx core/rules/bundle-official-tests.ts FIXTURE_DIR OUT.json\n');
    process.exit(2);
  }
  writeFileSync(out, `${JSON.stringify(bundleOfficialTests(dir), null, 1)}\n`);
}
