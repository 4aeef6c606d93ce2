// How the registry stores an issuance since schema v4 (migrations/004-compact-issuance.ts;
// docs/reliability.md, "Registry schema"). The rest of the registry speaks hex ID hashes, whole
// UVCIs and status words; these helpers translate at the database's edge.
import type { RegistryDatabase } from './database';

/** `issuance.state`: the lifecycle of a certificate identity, as small integers. */
export const STATE = { reserved: 0, issued: 1, superseded: 2 } as const;
export type IssuanceStatus = keyof typeof STATE;

/** The first schema version with the compact `issuance` table and `issuance_view`. */
export const COMPACT_SCHEMA_VERSION = 4;

const HEX_ID_HASH = /^[0-9a-f]{64}$/;

/** The 32 bytes stored for a hex ID hash (id-hash.ts); anything else is a programming error. */
export function idHashBytes(idHash: string): Buffer {
  if (!HEX_ID_HASH.test(idHash)) throw new TypeError('ID hash must be 64 lower-case hex characters');
  return Buffer.from(idHash, 'hex');
}

/**
 * A UVCI as (prefix, rest): the prefix runs up to and including the last `/`
 * (`URN:UVCI:01:DE:KIOSK/`, the same for every certificate of a kiosk; stored once in
 * `uvci_prefix`), the rest is the random opaque part with its check character. A UVCI without
 * `/` has the empty prefix. `prefix + rest` is always the UVCI again.
 */
export function splitUvci(uvci: string): { readonly prefix: string; readonly rest: string } {
  const cut = uvci.lastIndexOf('/') + 1;
  return { prefix: uvci.slice(0, cut), rest: uvci.slice(cut) };
}

/**
 * The relation that shows issuance rows with the columns of schema v1–v3 (`id_hash` in hex,
 * whole `uvci`, `status` word, `kiosk_id`, times, `replaces_uvci`): `issuance_view` from v4 on,
 * the table itself before. For readers that open a registry without migrating it (stats,
 * import, tests).
 */
export function readableIssuance(db: RegistryDatabase): 'issuance' | 'issuance_view' {
  const row = db.prepare("SELECT 1 AS x FROM sqlite_master WHERE type = 'view' AND name = 'issuance_view'").get();
  return row ? 'issuance_view' : 'issuance';
}
