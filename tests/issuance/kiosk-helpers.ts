// Set-up shared by the end-to-end issuance tests: a temporary data directory, a fixture of
// fictitious people whose first positive test lies a given number of days before "now", and a
// config file that serves that fixture from the in-process simulator over real HTTP.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKiosk, type Kiosk } from '../../core/api/create-kiosk-api';
import { createIdFormat } from '../../core/id/genesenen-id';
import { memorySink } from '../../core/log/logger';
import { addDays, utcDay } from '../../core/issuance/validity-rules';

export interface TestPerson {
  readonly genesenenId: string;
  readonly familyName: string;
  readonly givenName: string;
  readonly dateOfBirth: string;
  readonly firstPositiveTest: string;
}

const idFormat = createIdFormat();

/** A fictitious person `daysAgo` days after their first positive test (relative to `now`). */
export const person = (
  now: Date,
  familyName: string,
  givenName: string,
  dateOfBirth: string,
  daysAgo: number,
): TestPerson => ({
  genesenenId: idFormat.generate(),
  familyName,
  givenName,
  dateOfBirth,
  firstPositiveTest: addDays(utcDay(now), -daysAgo),
});

export const requestFor = (p: TestPerson, lang = 'de') => ({
  genesenenId: p.genesenenId,
  familyName: p.familyName,
  dateOfBirth: p.dateOfBirth,
  lang,
});

/** `dataDir` (what the kiosk writes) and a separate `configDir` (test inputs with names). */
export function makeDirs(): { dataDir: string; configDir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'kiosk-e2e-'));
  const dataDir = join(root, 'data');
  const configDir = join(root, 'config');
  mkdirSync(dataDir);
  mkdirSync(configDir);
  return { dataDir, configDir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Writes records.json and kiosk.json (simulator serving them, plus `extra`) into `dir`. */
export function writeFixtureConfig(
  dir: string,
  people: readonly TestPerson[],
  extra: Record<string, unknown> = {},
): string {
  writeFileSync(join(dir, 'records.json'), JSON.stringify({ records: people }));
  const configPath = join(dir, 'kiosk.json');
  writeFileSync(
    configPath,
    JSON.stringify({ kioskId: 'kiosk-test', recordSource: { kind: 'simulator', fixture: 'records.json' }, ...extra }),
  );
  return configPath;
}

/** Logs go to memory (`logLines`) unless `fileLogs`, then to `<dataDir>/logs` as in production. */
export async function openKiosk(opts: {
  dataDir: string;
  configPath?: string;
  now: () => Date;
  fileLogs?: boolean;
}): Promise<Kiosk & { logLines: string[] }> {
  const sink = memorySink();
  const { fileLogs, ...rest } = opts;
  const kiosk = await createKiosk({ ...rest, ...(fileLogs ? {} : { logSink: sink }) });
  if (!kiosk.ok) throw new Error(`kiosk did not start: ${JSON.stringify(kiosk.error)}`);
  return Object.assign(kiosk.value, { logLines: sink.lines });
}
