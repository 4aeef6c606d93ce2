// A health-office service for tests whose kiosk has a real signer: such a kiosk refuses the
// simulator and fixture record sources (docs/configuration.md, "real signer ⇒ real records"),
// so these tests configure a `dikoma` source pointing at the DiKoMa-contract simulator running
// on 127.0.0.1 in the test process — the production client code path, with fictitious people.
import { parseFixture } from '../../core/records/fixture';
import { startSimulator } from '../../core/records/simulator';
import type { TestPerson } from '../issuance/kiosk-helpers';

export interface RecordsService {
  /** `recordSource` section for the kiosk configuration. */
  readonly recordSource: { kind: 'dikoma'; baseUrl: string; timeoutMs: number; retries: number };
  close(): Promise<void>;
}

export async function startRecordsService(people: readonly TestPerson[]): Promise<RecordsService> {
  const fixture = parseFixture({ records: people });
  if (!fixture.ok) throw new Error(`test fixture invalid: ${JSON.stringify(fixture.error)}`);
  const sim = await startSimulator({ fixture: fixture.value });
  return {
    recordSource: { kind: 'dikoma', baseUrl: sim.url, timeoutMs: 8000, retries: 1 },
    close: () => sim.close(),
  };
}
