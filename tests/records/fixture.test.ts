// The fixture format (kept stable for `npm run sim -- --records`) and the demo people: every
// demo ID passes the check character, dates move with "now", and each rule the demo must show
// is represented.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultIdFormat } from '../../core/id/genesenen-id';
import { DEMO_PEOPLE, demoFixture } from '../../core/records/demo-records';
import { findInFixture, indexFixture, loadFixture, parseFixture } from '../../core/records/fixture';

const dir = mkdtempSync(join(tmpdir(), 'kiosk-fixture-'));
const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const record = {
  genesenenId: 'rzjq-mtfb-84wv',
  familyName: 'Mustermann',
  givenName: 'Erika',
  dateOfBirth: '1964-08-12',
  firstPositiveTest: '2021-03-01',
};

describe('loadFixture', () => {
  it('loads a valid file and stores IDs canonical (hyphens and case removed)', () => {
    const r = loadFixture(write('ok.json', JSON.stringify({ records: [record] })), defaultIdFormat);
    expect(r.ok && r.value.records[0]!.genesenenId).toBe('RZJQMTFB84WV');
  });

  it.each([
    ['missing file', null, 'fixture-unreadable'],
    ['not JSON', '{records:', 'fixture-not-json'],
    ['bad date of birth', JSON.stringify({ records: [{ ...record, dateOfBirth: '12.08.1964' }] }), 'fixture-schema'],
    [
      'impossible date',
      JSON.stringify({ records: [{ ...record, firstPositiveTest: '2021-02-30' }] }),
      'fixture-schema',
    ],
    ['unknown field', JSON.stringify({ records: [{ ...record, note: 'x' }] }), 'fixture-schema'],
    [
      'duplicate ID',
      JSON.stringify({ records: [record, { ...record, genesenenId: 'RZJQMTFB84WV' }] }),
      'fixture-schema',
    ],
    [
      'wrong check character',
      JSON.stringify({ records: [{ ...record, genesenenId: 'RZJQ-MTFB-84WW' }] }),
      'fixture-id',
    ],
  ])('rejects %s with CONFIG_INVALID and no personal detail', (_label, content, reason) => {
    const path = content === null ? join(dir, 'absent.json') : write(`${reason}.json`, content);
    const r = loadFixture(path, defaultIdFormat);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CONFIG_INVALID');
    expect(r.error.details?.reason).toBe(reason);
    const detail = JSON.stringify(r.error);
    for (const v of ['Mustermann', 'Erika', '1964', 'RZJQ']) expect(detail).not.toContain(v);
  });

  it('accepts partial dates of birth and an empty given name', () => {
    const r = parseFixture({
      records: [
        { ...record, dateOfBirth: '1964' },
        { ...record, genesenenId: 'TN4NW47JXHSX', dateOfBirth: '1964-08', givenName: '' },
      ],
    });
    expect(r.ok).toBe(true);
  });
});

describe('findInFixture', () => {
  const parsed = parseFixture({ records: [record] });
  if (!parsed.ok) throw new Error('fixture under test must be valid');
  const index = indexFixture(parsed.value);
  it('needs ID, family name (policy) and exact date of birth', () => {
    expect(
      findInFixture(index, { genesenenId: 'RZJQMTFB84WV', familyName: 'MUSTERMANN', dateOfBirth: '1964-08-12' })
        ?.givenName,
    ).toBe('Erika');
    expect(
      findInFixture(index, { genesenenId: 'RZJQMTFB84WV', familyName: 'Musterfrau', dateOfBirth: '1964-08-12' }),
    ).toBeUndefined();
    expect(
      findInFixture(index, { genesenenId: 'RZJQMTFB84WV', familyName: 'Mustermann', dateOfBirth: '1964' }),
    ).toBeUndefined();
    expect(
      findInFixture(index, { genesenenId: 'TN4NW47JXHSX', familyName: 'Mustermann', dateOfBirth: '1964-08-12' }),
    ).toBeUndefined();
  });
});

describe('demo people', () => {
  const now = new Date('2021-06-15T10:00:00Z');
  const fixture = demoFixture(now);

  it('is a valid fixture whose every ID passes the default format', () => {
    expect(parseFixture(fixture, defaultIdFormat).ok).toBe(true);
    for (const p of DEMO_PEOPLE) expect(defaultIdFormat.normalize(p.genesenenId).ok).toBe(true);
  });

  it('dates the first positive test relative to now', () => {
    const byName = new Map(fixture.records.map((r) => [r.familyName, r.firstPositiveTest]));
    expect(byName.get('Mustermann')).toBe('2021-05-06'); // 40 days before
    expect(byName.get('Frühzeitig')).toBe('2021-06-05'); // 10 days: too early
    expect(byName.get('Längstvergangen')).toBe('2020-11-27'); // 200 days: too late
    expect(demoFixture(new Date('2030-01-01T00:00:00Z')).records[0]!.firstPositiveTest).toBe('2029-11-22');
  });

  it('covers every case the demo must show', () => {
    const days = DEMO_PEOPLE.map((p) => p.daysSincePositiveTest);
    expect(days.some((d) => d < 28)).toBe(true);
    expect(days.some((d) => d > 180)).toBe(true);
    expect(DEMO_PEOPLE.some((p) => /^\d{4}$/.test(p.dateOfBirth))).toBe(true);
    expect(DEMO_PEOPLE.some((p) => /^\d{4}-\d{2}$/.test(p.dateOfBirth))).toBe(true);
    expect(DEMO_PEOPLE.some((p) => p.givenName === '')).toBe(true);
    expect(DEMO_PEOPLE.some((p) => /\p{Script=Cyrillic}/u.test(p.familyName))).toBe(true);
    expect(DEMO_PEOPLE.some((p) => p.familyName === 'Mustermann')).toBe(true);
  });
});

describe('docs/record-sources.md demo table', () => {
  it('lists exactly the demo people', () => {
    const md = readFileSync(resolve(__dirname, '../../docs/record-sources.md'), 'utf8');
    const table = md.slice(md.indexOf('<!-- demo-people:start -->'), md.indexOf('<!-- demo-people:end -->'));
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    const documented = rows.map((r) =>
      r
        .split('|')
        .map((c) => c.trim())
        .slice(1, 6),
    );
    const expected = DEMO_PEOPLE.map((p) => [
      `\`${p.genesenenId}\``,
      p.familyName,
      p.givenName || '—',
      p.dateOfBirth,
      String(p.daysSincePositiveTest),
    ]);
    expect(documented).toEqual(expected);
  });
});
