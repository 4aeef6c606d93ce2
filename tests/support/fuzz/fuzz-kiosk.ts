// The kiosk the fuzz properties talk to (docs/reliability.md): demo signer, the simulator serving a few
// fictitious people over real HTTP, attempt limits high enough that random guesses keep reaching
// the record source instead of stopping at TOO_MANY_ATTEMPTS, and a data directory of its own.
import { createKiosk, type Kiosk } from '../../../core/api/create-kiosk-api';
import { makeDirs, type TestPerson } from '../../issuance/kiosk-helpers';
import { bulkPeople, writeKioskConfigs } from '../people';

export interface FuzzKiosk {
  readonly kiosk: Kiosk;
  readonly people: readonly TestPerson[];
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function openFuzzKiosk(): Promise<FuzzKiosk> {
  const dirs = makeDirs();
  const people = bulkPeople(5, new Date(), 'Zufallsprobe');
  const [configPath] = writeKioskConfigs(dirs.configDir, people, ['kiosk-fuzz'], {
    attemptLimits: { perId: { max: 10_000, windowSeconds: 60 }, perKiosk: { max: 10_000, windowSeconds: 60 } },
  });
  const k = await createKiosk({ dataDir: dirs.dataDir, configPath: configPath!, logSink: () => undefined });
  if (!k.ok) throw new Error(`fuzz kiosk did not start: ${k.error.code}`);
  return {
    kiosk: k.value,
    people,
    dataDir: dirs.dataDir,
    close: async () => {
      await k.value.close();
      dirs.cleanup();
    },
  };
}
