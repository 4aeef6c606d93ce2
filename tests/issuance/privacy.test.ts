// Privacy: after a run of issuances, refusals, a reissue and failed inputs, no name and no date
// of birth — neither typed nor recorded nor transliterated — is found in the registry file (and
// its WAL), the audit log or the log files. Bytes are searched, so nothing hides in SQLite pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEMO_CLERK_PIN } from '../../core/clerk/pin-hash';
import { makeDirs, openKiosk, person, requestFor, writeFixtureConfig } from './kiosk-helpers';

const NOW = new Date();
const people = [
  person(NOW, 'Geheimhaltung', 'Gustav', '1961-04-17', 40),
  person(NOW, 'Müller-Vertraulich', 'Jürgen', '1979-11-30', 50),
  person(NOW, 'Şahinoğlu', 'Çağla', '2000-02-29', 60),
  person(NOW, 'Jahrgangsgeheim', 'Quirin', '1953', 70),
  person(NOW, 'Monatsgeheim', 'Xaver', '1987-09', 80),
  person(NOW, 'Zufrüh', 'Zora', '1992-12-24', 10),
];
const typedOnly = ['Falschname', 'Tippfehler', 'Name1'];
let dirs: ReturnType<typeof makeDirs>;
const transliterated: string[] = [];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** Files the kiosk wrote, except its signing keys and the registry's random secret. */
function writtenFiles(dataDir: string): string[] {
  return filesUnder(dataDir).filter(
    (p) => !relative(dataDir, p).startsWith('demo-keys') && !p.endsWith('registry.secret'),
  );
}

function findPersonalData(dataDir: string): string[] {
  const words = [...people.flatMap((p) => [p.familyName, p.givenName]), ...typedOnly, ...transliterated];
  const dobs = people.map((p) => p.dateOfBirth);
  const hits: string[] = [];
  for (const file of writtenFiles(dataDir)) {
    const bytes = readFileSync(file);
    const texts = [bytes.toString('utf8').toLowerCase(), bytes.toString('latin1').toLowerCase()];
    for (const w of words)
      if (texts.some((t) => t.includes(w.toLowerCase()))) hits.push(`${relative(dataDir, file)}: ${w}`);
    for (const d of dobs) {
      // A bare year like 1953 could appear inside a hex hash or a number; count it only standing alone.
      const re = new RegExp(`(?<![0-9A-Za-z])${d}(?![0-9A-Za-z])`);
      if (texts.some((t) => re.test(t))) hits.push(`${relative(dataDir, file)}: ${d}`);
    }
  }
  return hits;
}

let kiosk: Awaited<ReturnType<typeof openKiosk>>;

beforeAll(async () => {
  dirs = makeDirs();
  const configPath = writeFixtureConfig(dirs.configDir, people);
  kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW, fileLogs: true });
  const api = kiosk.api;
  for (const p of people) {
    const r = await api.issue(requestFor(p));
    if (r.ok) transliterated.push(r.value.familyNameTransliterated, r.value.givenNameTransliterated);
  }
  for (const p of people.slice(0, 2)) await api.issue(requestFor(p)); // ALREADY_ISSUED
  await api.issue({ ...requestFor(people[0]!), familyName: 'Falschname' }); // NOT_FOUND
  await api.issue({ ...requestFor(people[1]!), familyName: 'Tippfehler', dateOfBirth: '1979-11-29' });
  await api.issue({ ...requestFor(people[1]!), familyName: 'Name1' }); // NAME_INVALID
  const u = await api.clerkUnlock({ clerkId: 'clerk', pin: DEMO_CLERK_PIN });
  if (!u.ok) throw new Error(u.error.code);
  await api.clerkReissue({ ...requestFor(people[0]!), token: u.value.token, reason: 'Ausdruck beschädigt' });
  await api.clerkStatus({ token: u.value.token });
  await api.endSession({});
});
afterAll(() => dirs.cleanup());

describe('no personal data at rest', () => {
  it('the run issued, refused and reissued (so there was something to leak)', () => {
    expect(transliterated.length).toBeGreaterThanOrEqual(10);
    const files = writtenFiles(dirs.dataDir)
      .map((f) => relative(dirs.dataDir, f))
      .sort();
    expect(files).toEqual(expect.arrayContaining(['registry.sqlite', 'registry.sqlite-wal', 'logs/kiosk.log']));
    expect(files.some((f) => f.startsWith('audit/'))).toBe(true);
  });

  it('registry, WAL, audit log and logs contain no name or date of birth while running', () => {
    expect(existsSync(join(dirs.dataDir, 'registry.sqlite-wal'))).toBe(true);
    expect(findPersonalData(dirs.dataDir)).toEqual([]);
  });

  it('nor after closing (WAL checkpointed into the main file)', async () => {
    await kiosk.close();
    expect(findPersonalData(dirs.dataDir)).toEqual([]);
  });

  it('the search itself works: it finds a name planted in a log file', async () => {
    const { appendFileSync } = await import('node:fs');
    appendFileSync(join(dirs.dataDir, 'logs', 'kiosk.log'), `${people[2]!.familyName} ${people[3]!.dateOfBirth}\n`);
    expect(findPersonalData(dirs.dataDir)).toEqual([
      `logs/kiosk.log: ${people[2]!.familyName}`,
      `logs/kiosk.log: ${people[3]!.dateOfBirth}`,
    ]);
  });
});
