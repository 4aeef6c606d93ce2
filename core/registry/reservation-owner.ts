// Who holds a reservation, and whether that holder can still commit it (docs/reliability.md, stale
// reservations). The owner string names host, process id and a per-registry random nonce. A
// reservation whose process is gone can never be committed, and since nothing is handed to the
// citizen before the commit, releasing it is safe. Processes on other hosts cannot be probed;
// their reservations go stale only by the lease.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export const newReservationOwner = (): string =>
  `${hostname().replace(/[^A-Za-z0-9.-]/g, '_')}/${process.pid}/${randomBytes(4).toString('hex')}`;

/** false only when the owner ran on this host and its process no longer exists. */
export function ownerProcessAlive(owner: string): boolean {
  const [host, pidText] = owner.split('/');
  const ourHost = hostname().replace(/[^A-Za-z0-9.-]/g, '_');
  const pid = Number(pidText);
  if (host !== ourHost || !Number.isInteger(pid) || pid <= 0) return true;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
