// Kiosk ids of the fleet registry's `kiosk` lookup table (pg-migrations.ts, v2): each issuance row
// holds the small integer, the table the name. A kiosk id seen for the first time is inserted
// (ON CONFLICT DO NOTHING: a concurrent first insert waits and finds the other's row). An id this
// function inserted is not remembered, so a rolled-back transaction cannot leave a number behind
// that does not exist. Use one instance per transaction where it may be asked twice (the import);
// the registry asks once per transaction.
import type { PgClient } from './pg-connection';

export type KioskRef = ((c: PgClient, kioskId: string) => Promise<number>) & {
  /** The number without asking the server, once a committed row was seen; else undefined. */
  readonly known: (kioskId: string) => number | undefined;
};

export function createKioskRefs(): KioskRef {
  const known = new Map<string, number>();
  const ref = async (c: PgClient, kioskId: string) => {
    const hit = known.get(kioskId);
    if (hit !== undefined) return hit;
    const inserted = await c.query<{ id: number }>(
      'INSERT INTO kiosk (kiosk_id) VALUES ($1) ON CONFLICT (kiosk_id) DO NOTHING RETURNING id',
      [kioskId],
    );
    if (inserted.rows[0]) return inserted.rows[0].id; // ours, not yet committed: not remembered
    const row = await c.query<{ id: number }>('SELECT id FROM kiosk WHERE kiosk_id = $1', [kioskId]);
    const id = row.rows[0]!.id;
    known.set(kioskId, id);
    return id;
  };
  return Object.assign(ref, { known: (kioskId: string) => known.get(kioskId) });
}
