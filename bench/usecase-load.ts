// The competing process of bench issue_usecase_latency_loaded: a second kiosk (its own data
// directory, registry and simulator) issuing certificates back to back as fast as it can, on the
// same two cores and the same disk as the kiosk being measured. Prints "ready" once its kiosk is
// up, then "issued N" after each issuance; runs until its fixture is used up or it is killed.
// usage: tsx bench/usecase-load.ts CONFIG.json DATA_DIR PEOPLE.json
import { readFileSync } from 'node:fs';
import { createKiosk } from '../core/api/create-kiosk-api';

interface FixtureFile {
  readonly records: readonly { genesenenId: string; familyName: string; dateOfBirth: string }[];
}

async function main(argv: readonly string[]): Promise<number> {
  const [configPath, dataDir, peoplePath] = argv;
  if (!configPath || !dataDir || !peoplePath) return 2;
  const people = JSON.parse(readFileSync(peoplePath, 'utf8')) as FixtureFile;
  const kiosk = await createKiosk({ dataDir, configPath });
  if (!kiosk.ok) return 1;
  process.stdout.write('ready\n');
  let issued = 0;
  for (const p of people.records) {
    const r = await kiosk.value.api.issue({
      genesenenId: p.genesenenId,
      familyName: p.familyName,
      dateOfBirth: p.dateOfBirth,
      lang: 'de',
    });
    if (r.ok) issued++;
    await kiosk.value.api.endSession({});
    process.stdout.write(`issued ${issued}\n`);
  }
  await kiosk.value.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
