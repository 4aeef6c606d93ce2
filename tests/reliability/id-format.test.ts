// A city's own Genesenen-ID format with a fixed prefix (docs/reliability.md, found by the configuration fuzz
// in tests/support/fuzz/config.ts): docs/configuration.md offers `idFormat.pattern` "e.g. a city
// prefix", yet with a prefix of 4 characters the kiosk could not start — building the on-screen
// example drew random IDs until one matched, gave up, and createKiosk answered INTERNAL.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKiosk } from '../../core/api/create-kiosk-api';
import { CROCKFORD_BASE32, createIdFormat } from '../../core/id/genesenen-id';
import { makeDirs } from '../issuance/kiosk-helpers';

/** A valid default-format ID that starts with `prefix` (check character found by trying all). */
function idWithPrefix(prefix: string): string {
  const body = prefix + createIdFormat().generate().replaceAll('-', '').slice(prefix.length, 11);
  const id = [...CROCKFORD_BASE32].map((c) => body + c).find((candidate) => createIdFormat().normalize(candidate).ok);
  return id!;
}

describe('ID format with a city prefix', () => {
  it(
    'a 4-character prefix pattern: the kiosk starts, shows an example of the shape, accepts a matching ID',
    { timeout: 30_000 },
    async () => {
      const dirs = makeDirs();
      try {
        const configPath = join(dirs.configDir, 'kiosk.json');
        writeFileSync(configPath, JSON.stringify({ kioskId: 'kiosk-koeln', idFormat: { pattern: 'K0E5.*' } }));
        const kiosk = await createKiosk({ dataDir: dirs.dataDir, configPath, logSink: () => undefined });
        if (!kiosk.ok) throw new Error(`kiosk did not start: ${kiosk.error.code}`);
        const info = await kiosk.value.api.getInfo({});
        expect(info.ok && info.value.idExample).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
        expect(await kiosk.value.api.validateId({ genesenenId: idWithPrefix('K0E5') })).toMatchObject({ ok: true });
        expect(await kiosk.value.api.validateId({ genesenenId: idWithPrefix('K0E6') })).toMatchObject({
          ok: false,
          error: { code: 'ID_FORMAT' },
        });
        await kiosk.value.close();
      } finally {
        dirs.cleanup();
      }
    },
  );
});
