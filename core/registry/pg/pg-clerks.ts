// Clerk accounts kept in the fleet registry (docs/fleet.md, "Clerk accounts for the fleet"): the
// clerk id and the peppered scrypt hash that `cli clerk add` makes (core/clerk/pin-hash.ts), one
// row per clerk for every kiosk of the city. The pepper never reaches the database, so a copy of the
// table alone does not allow an offline guess of a PIN. Kiosks only read; the CLI writes.
import type { Result } from '../../result';
import { ok } from '../../result';
import type { PgClient, PgConnection } from './pg-connection';

/** The account's peppered PIN hash, or undefined when the fleet has no clerk of that id. */
export type FindClerkPinHash = (clerkId: string) => Promise<Result<string | undefined>>;

export const pgClerkPinHash =
  (conn: PgConnection): FindClerkPinHash =>
  (clerkId) =>
    conn.read(async (c) => {
      const r = await c.query<{ pin_hash: string }>('SELECT pin_hash FROM clerk_account WHERE clerk_id = $1', [
        clerkId,
      ]);
      return ok(r.rows[0]?.pin_hash);
    });

/** false when the id exists already (a new PIN needs `remove` first, as with the config file). */
export async function addPgClerk(c: PgClient, clerkId: string, pinHash: string, at: Date): Promise<boolean> {
  const r = await c.query(
    'INSERT INTO clerk_account (clerk_id, pin_hash, added_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    [clerkId, pinHash, at.getTime()],
  );
  return r.rowCount === 1;
}

export async function removePgClerk(c: PgClient, clerkId: string): Promise<boolean> {
  return (await c.query('DELETE FROM clerk_account WHERE clerk_id = $1', [clerkId])).rowCount === 1;
}

export async function listPgClerks(c: PgClient): Promise<string[]> {
  return (await c.query<{ clerk_id: string }>('SELECT clerk_id FROM clerk_account ORDER BY clerk_id')).rows.map(
    (r) => r.clerk_id,
  );
}
