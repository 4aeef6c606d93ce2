// The signing key and its Document Signer Certificate as the kiosk sees them (signer health,
// docs/configuration.md "signer"). Loaded once at start-up; a missing or mismatched key, a wrong
// PIN, a missing token, an unsafe key file, a DSC outside its validity or a DSC whose extended
// key usage excludes recovery certificates does not stop the kiosk — it starts, refuses to issue
// with the SIGNER_* code, and the clerk status shows why, from the first minute rather than at
// the first citizen's attempt. Validity is re-checked per issuance because a DSC can expire
// while the kiosk runs, and a configured `signer.next` takes over at its `from` time (DSC
// rotation without a restart).
import type { ServiceStatus } from '../api/kiosk-api';
import type { SignerConfig } from '../config/config-schema';
import { loadOrCreateDemoTrust } from '../dcc/demo-trust';
import type { Signer } from '../dcc/types';
import { maySign } from '../dcc/signer/may-sign';
import { parseDsc, type DscInfo } from '../dcc/x509';
import type { ErrorCode } from '../errors';
import { err, fail, ok, type Result } from '../result';
import { openKeySigner, type SignerContext } from './signer-loaders';

export type SignerCode = Extract<ErrorCode, `SIGNER_${string}`>;
export type SignerKind = SignerConfig['kind'];

/** Why a configured signer cannot sign; `reason` is the operator's hint on the clerk status. */
export interface SignerLoadFailure {
  readonly code: SignerCode;
  readonly reason: string;
}

export type LoadedSigner = Result<ReadySigner, SignerLoadFailure> & {
  readonly demo: boolean;
  readonly kind: SignerKind;
  /** The rotation target and the moment it takes over. */
  readonly next?: { readonly from: Date; readonly loaded: LoadedSigner };
  /** Releases a token session (PKCS#11); no-op for the other kinds. */
  readonly close: () => void;
};

export const DSC_RENEWAL_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface ReadySigner {
  readonly signer: Signer;
  readonly dsc: DscInfo;
}

/** Reads the configured key(s) and DSC(s); never throws. */
export async function loadSigner(
  config: SignerConfig,
  dataDir: string,
  ctx: SignerContext = { kioskId: 'kiosk' },
): Promise<LoadedSigner> {
  const noop = () => undefined;
  if (config.kind === 'demo') {
    const unavailable = (reason: string): LoadedSigner => ({
      ...fail({ code: 'SIGNER_UNAVAILABLE', reason }),
      demo: true,
      kind: 'demo',
      close: noop,
    });
    try {
      const trust = await loadOrCreateDemoTrust(dataDir);
      const dsc = parseDsc(trust.dscDer);
      return dsc.ok
        ? { ...ok({ signer: trust.signer, dsc: dsc.value }), demo: true, kind: 'demo', close: noop }
        : unavailable('demo-certificate-unreadable');
    } catch {
      return unavailable('demo-keys-unavailable');
    }
  }
  const [current, next] = await Promise.all([
    openKeySigner(config, ctx),
    config.next ? openKeySigner(config.next, ctx) : Promise.resolve(undefined),
  ]);
  const toLoaded = (r: NonNullable<typeof next>, kind: SignerKind): LoadedSigner =>
    r.ok
      ? { ...ok({ signer: r.value.signer, dsc: r.value.dsc }), demo: false, kind, close: r.value.close }
      : {
          ...fail({ code: r.error.code as SignerCode, reason: String(r.error.details?.reason ?? '') }),
          demo: false,
          kind,
          close: noop,
        };
  const loaded = toLoaded(current, config.kind);
  if (!config.next || !next) return loaded;
  const nextLoaded = toLoaded(next, config.next.kind);
  return {
    ...loaded,
    next: { from: new Date(config.next.from), loaded: nextLoaded },
    close: () => (loaded.close(), nextLoaded.close()),
  };
}

/** The signer in charge at `now`: `next` from its `from` time on. */
export function activeSigner(loaded: LoadedSigner, now: Date): LoadedSigner {
  return loaded.next && now.getTime() >= loaded.next.from.getTime() ? loaded.next.loaded : loaded;
}

/** The signer, if it may sign a recovery certificate at `now`; else the SIGNER_* code. */
export function readySigner(loaded: LoadedSigner, now: Date): Result<ReadySigner> {
  const active = activeSigner(loaded, now);
  if (!active.ok) return err(active.error.code, { reason: active.error.reason });
  const { signer, dsc } = active.value;
  const allowed = maySign(dsc, { issuedAt: now, type: 'r', algorithm: signer.algorithm });
  return allowed.ok ? ok({ signer, dsc }) : allowed;
}

/** What the clerk status screen shows about the signer. */
export function signerStatus(loaded: LoadedSigner, now: Date): ServiceStatus['signer'] {
  const active = activeSigner(loaded, now);
  const ready = readySigner(loaded, now);
  const pending = loaded.next && loaded.next.loaded !== active ? loaded.next : undefined;
  const facts = active.ok
    ? {
        kid: Buffer.from(active.value.dsc.kid).toString('base64'),
        subject: active.value.dsc.subject,
        notAfter: active.value.dsc.notAfter.toISOString(),
        daysLeft: Math.floor((active.value.dsc.notAfter.getTime() - now.getTime()) / DAY_MS),
      }
    : { reason: active.error.reason };
  // Certificates signed now get exp ≤ DSC notAfter: warn a month ahead so it can be renewed —
  // unless a working successor takes over before the current DSC ends.
  const successorCovers =
    pending !== undefined &&
    pending.loaded.ok &&
    active.ok &&
    pending.from.getTime() <= active.value.dsc.notAfter.getTime();
  const soon =
    active.ok &&
    !successorCovers &&
    active.value.dsc.notAfter.getTime() - now.getTime() < DSC_RENEWAL_WARNING_DAYS * DAY_MS;
  const next = pending
    ? {
        next: {
          from: pending.from.toISOString(),
          state: pending.loaded.ok ? ('ok' as const) : ('down' as const),
          ...(pending.loaded.ok ? {} : { code: pending.loaded.error.code }),
        },
      }
    : {};
  const base = { demo: loaded.demo, kind: active.kind, ...facts, ...next };
  return ready.ok
    ? { state: soon || (pending && !pending.loaded.ok) ? 'degraded' : 'ok', ...base }
    : { state: 'down', code: ready.error.code, ...base };
}
