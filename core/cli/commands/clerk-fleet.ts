// `cli clerk add|remove|list --config FILE` when the config says `clerk.accountsInRegistry`
// (docs/fleet.md, "Clerk accounts for the fleet"): the accounts live in the fleet registry's
// `clerk_account` table, so one `add` serves every kiosk of the city and one `remove` locks that
// clerk out of all of them at their next unlock. Run it with a role that may write that table (the
// kiosk roles may only read it). The PIN is read and hashed as for the config file (clerk.ts).
import pg from 'pg';
import { loadClerkPepper } from '../../clerk/clerk-pepper';
import { hashPin } from '../../clerk/pin-hash';
import { loadConfig } from '../../config/load-config';
import { addPgClerk, listPgClerks, removePgClerk } from '../../registry/pg/pg-clerks';
import { pgPoolConfig } from '../../registry/pg/pg-connection';
import { migratePg } from '../../registry/pg/pg-migrations';
import type { ClerkCliIo } from './clerk';

export type FleetClerkAction =
  | { readonly action: 'list' }
  | { readonly action: 'remove'; readonly id: string }
  | { readonly action: 'add'; readonly id: string; readonly readPin: () => Promise<string | undefined> };

export async function fleetClerk(configPath: string, what: FleetClerkAction, io: ClerkCliIo): Promise<number> {
  const config = loadConfig(configPath);
  if (!config.ok) {
    io.errOut(`clerk: config invalid: ${Object.keys(config.error.details ?? {}).join(', ')}\n`);
    return 2;
  }
  const rc = config.value.registry;
  const pepperFile = config.value.clerk.pepperFile;
  if (rc?.kind !== 'postgres' || pepperFile === undefined) {
    io.errOut('clerk: accountsInRegistry needs a PostgreSQL registry and clerk.pepperFile\n');
    return 2;
  }
  let pinHash: string | undefined;
  if (what.action === 'add') {
    const pepper = loadClerkPepper(pepperFile);
    if (!pepper.ok) {
      io.errOut(`clerk: the pepper file cannot be used (${String(pepper.error.details?.['reason'])})\n`);
      return 1;
    }
    const pin = await what.readPin();
    if (pin === undefined) return 2;
    pinHash = await hashPin(pin, undefined, pepper.value);
  }
  const pool = new pg.Pool({ ...pgPoolConfig(rc, config.value.kioskId), max: 1 });
  pool.on('error', () => undefined);
  try {
    const c = await pool.connect();
    try {
      const migrated = await migratePg(c);
      if (!migrated.ok) {
        io.errOut(`clerk: ${migrated.error.code} (${String(migrated.error.details?.reason)})\n`);
        return 1;
      }
      if (what.action === 'list') {
        const ids = await listPgClerks(c);
        io.out(ids.length > 0 ? `${ids.join('\n')}\n` : '');
        return 0;
      }
      if (what.action === 'remove') {
        if (!(await removePgClerk(c, what.id))) {
          io.errOut(`clerk: no account ${what.id} in the fleet registry\n`);
          return 1;
        }
        io.out(`removed ${what.id} from the fleet registry\n`);
        return 0;
      }
      if (!(await addPgClerk(c, what.id, pinHash!, new Date()))) {
        io.errOut(`clerk: account ${what.id} exists; remove it first to set a new PIN\n`);
        return 1;
      }
      io.out(`added ${what.id} to the fleet registry\n`);
      return 0;
    } finally {
      c.release();
    }
  } catch (e) {
    io.errOut(`clerk: REGISTRY_UNAVAILABLE (${(e as { code?: string }).code ?? 'error'})\n`);
    return 1;
  } finally {
    await pool.end();
  }
}
