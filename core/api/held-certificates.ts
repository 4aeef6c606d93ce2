// Certificates shown on the result screen, held in main-process memory under a random handle
// until endSession, so the citizen can print (and retry printing) without the HC1
// travelling back from the renderer. Bounded in count and age: if the UI never ends a session
// (crash, unplugged screen), the previous person's certificate still goes away on its own.
import { randomBytes } from 'node:crypto';
import type { RecoveryPayload } from '../dcc/types';
import type { CertificateAcceptance } from './kiosk-api';

export interface HeldCertificate {
  readonly hc1: string;
  readonly payload: RecoveryPayload;
  readonly demo: boolean;
  /** Until when it is accepted in the acceptance country; printed when it differs from du. */
  readonly acceptance?: CertificateAcceptance;
}

export interface HeldCertificates {
  hold(cert: HeldCertificate): string;
  get(certificateId: string): HeldCertificate | undefined;
  count(): number;
  clear(): void;
}

export function createHeldCertificates(opts: {
  now: () => Date;
  maxAgeMs?: number;
  maxCount?: number;
}): HeldCertificates {
  const maxAgeMs = opts.maxAgeMs ?? 15 * 60_000;
  const maxCount = opts.maxCount ?? 4;
  const held = new Map<string, { cert: HeldCertificate; at: number }>();
  const purge = () => {
    const cutoff = opts.now().getTime() - maxAgeMs;
    for (const [id, entry] of held) if (entry.at < cutoff) held.delete(id);
  };
  return {
    hold(cert) {
      purge();
      const id = randomBytes(18).toString('base64url');
      held.set(id, { cert, at: opts.now().getTime() });
      // Map iteration order is insertion order: drop the oldest first.
      while (held.size > maxCount) held.delete(held.keys().next().value as string);
      return id;
    },
    get(id) {
      purge();
      return held.get(id)?.cert;
    },
    count() {
      purge();
      return held.size;
    },
    clear: () => held.clear(),
  };
}
