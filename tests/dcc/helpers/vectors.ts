// Loads the dgc-testdata vectors copied to tests/fixtures/dcc/testdata (format and provenance:
// tests/fixtures/dcc/SOURCES.md) and the upstream known-issues list, so the vector tests can run one
// `it` per vector and EXPECTEDRESULTS step.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const fixturesDcc = resolve(repoRoot, 'tests/fixtures/dcc');
export const testdataDir = join(fixturesDcc, 'testdata');

export interface Vector {
  /** Path relative to testdata/, e.g. "common/2DCode/raw/CO7.json". */
  readonly file: string;
  readonly country: string;
  readonly id: string;
  readonly JSON?: unknown;
  readonly CBOR?: string;
  readonly COSE?: string;
  readonly COMPRESSED?: string;
  readonly BASE45?: string;
  readonly PREFIX?: string;
  readonly '2DCODE'?: string;
  readonly TESTCTX: {
    readonly SCHEMA?: string;
    readonly CERTIFICATE?: string;
    readonly VALIDATIONCLOCK?: string;
    readonly DESCRIPTION?: string | null;
  };
  readonly EXPECTEDRESULTS: Readonly<Record<string, boolean>>;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function loadVectors(): Vector[] {
  return walk(testdataDir)
    .filter((p) => p.split(sep).includes('raw') && p.endsWith('.json'))
    .sort()
    .map((p) => {
      const file = relative(testdataDir, p).split(sep).join('/');
      const raw = JSON.parse(readFileSync(p, 'utf8')) as Omit<Vector, 'file' | 'country' | 'id'>;
      return {
        ...raw,
        file,
        country: file.split('/')[0]!,
        id: file
          .split('/')
          .pop()!
          .replace(/\.json$/, ''),
      };
    });
}

/** Upstream test name (known_issues.csv) → the EXPECTEDRESULTS key it stands for. */
const UPSTREAM_TEST_TO_STEP: Readonly<Record<string, readonly string[]>> = {
  test_cose_schema: ['EXPECTEDSCHEMAVALIDATION'],
  test_cose_json: ['EXPECTEDDECODE', 'EXPECTEDVALIDJSON'],
  test_cbor_json: ['EXPECTEDENCODE'],
  test_verification_check: ['EXPECTEDVERIFY'],
  test_expiration_check: ['EXPECTEDEXPIRATIONCHECK'],
  test_expected_key_usage: ['EXPECTEDKEYUSAGE'],
};

export interface KnownIssue {
  readonly step: string;
  readonly country: string;
  /** '' = every vector of the country. */
  readonly id: string;
  readonly reason: string;
}

export function loadKnownIssues(): KnownIssue[] {
  const lines = readFileSync(join(testdataDir, 'tests/known_issues.csv'), 'utf8').trim().split('\n').slice(1);
  return lines.flatMap((line) => {
    const [test, country, id, reason] = line.split(',');
    return (UPSTREAM_TEST_TO_STEP[test!] ?? []).map((step) => ({
      step,
      country: country!,
      id: id ?? '',
      reason: reason ?? '',
    }));
  });
}

export function knownIssueFor(issues: readonly KnownIssue[], v: Vector, step: string): KnownIssue | undefined {
  return issues.find((i) => i.step === step && i.country === v.country && (i.id === '' || i.id === v.id));
}

export const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

/** VALIDATIONCLOCK formats vary (`Z`, `+0000`, `+02:00`, millis): normalise `+hhmm` to `+hh:mm`. */
export function parseClock(clock: string): Date {
  return new Date(clock.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
}
