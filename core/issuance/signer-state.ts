// The signing key and its Document Signer Certificate as the kiosk sees them (signer
// health). Loaded once at start-up; a missing or mismatched key, a DSC outside its validity or
// a DSC whose extended key usage excludes recovery certificates does not stop the kiosk — it
// starts, refuses to issue with the SIGNER_* code, and the clerk status shows why, from the
// first minute rather than at the first citizen's attempt. Validity is re-checked per issuance
// because a DSC can expire while the kiosk runs.
import { readFile } from 'node:fs/promises';
import type { ServiceStatus } from '../api/kiosk-api';
import type { SignerConfig } from '../config/config-schema';
import { loadOrCreateDemoTrust } from '../dcc/demo-trust';
import { createNodeSigner } from '../dcc/signer/node-signer';
import type { Signer } from '../dcc/types';
import { keyUsageAllows, parseDsc, type DscInfo } from '../dcc/x509';
import type { ErrorCode } from '../errors';
import type { Result } from '../result';
import { err, ok } from '../result';

export type SignerCode = Extract<
  ErrorCode,
  'SIGNER_UNAVAILABLE' | 'SIGNER_CERT_EXPIRED' | 'SIGNER_CERT_NOT_YET_VALID' | 'SIGNER_CERT_WRONG_USAGE'
>;

export type LoadedSigner =
  | { readonly ok: true; readonly signer: Signer; readonly dsc: DscInfo; readonly demo: boolean }
  | { readonly ok: false; readonly code: SignerCode; readonly reason: string; readonly demo: boolean };

export const DSC_RENEWAL_WARNING_DAYS = 30;

export interface ReadySigner {
  readonly signer: Signer;
  readonly dsc: DscInfo;
}

/** Reads the configured key and DSC; never throws. */
export async function loadSigner(config: SignerConfig, dataDir: string): Promise<LoadedSigner> {
  const demo = config.kind === 'demo';
  const fail = (reason: string): LoadedSigner => ({ ok: false, code: 'SIGNER_UNAVAILABLE', reason, demo });
  let keyPem: string;
  let certBytes: Uint8Array;
  try {
    if (config.kind === 'demo') {
      const trust = await loadOrCreateDemoTrust(dataDir);
      const dsc = parseDsc(trust.dscDer);
      return dsc.ok ? { ok: true, signer: trust.signer, dsc: dsc.value, demo } : fail('demo-certificate-unreadable');
    }
    keyPem = await readFile(config.keyPath, 'utf8');
  } catch {
    return fail(demo ? 'demo-keys-unavailable' : 'key-unreadable');
  }
  try {
    certBytes = new Uint8Array(await readFile(config.certPath));
  } catch {
    return fail('certificate-unreadable');
  }
  // PEM text or DER bytes: parseDsc and the signer accept either.
  const certInput = isPem(certBytes) ? Buffer.from(certBytes).toString('utf8') : certBytes;
  const dsc = parseDsc(certInput);
  if (!dsc.ok) return fail('certificate-unreadable');
  const signer = createNodeSigner({ privateKeyPem: keyPem, dsc: certInput });
  if (!signer.ok) return fail('key-does-not-match-certificate');
  return { ok: true, signer: signer.value, dsc: dsc.value, demo };
}

const isPem = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 64)).toString('latin1').includes('-----BEGIN');

/** The signer, if it may sign a recovery certificate at `now`; else the SIGNER_* code. */
export function readySigner(loaded: LoadedSigner, now: Date): Result<ReadySigner> {
  if (!loaded.ok) return err(loaded.code, { reason: loaded.reason });
  const { dsc } = loaded;
  if (now.getTime() < dsc.notBefore.getTime()) return err('SIGNER_CERT_NOT_YET_VALID', { notBefore: dsc.notBefore.toISOString() });
  if (now.getTime() > dsc.notAfter.getTime()) return err('SIGNER_CERT_EXPIRED', { notAfter: dsc.notAfter.toISOString() });
  if (!keyUsageAllows(dsc.extendedKeyUsages, 'r')) return err('SIGNER_CERT_WRONG_USAGE');
  return ok({ signer: loaded.signer, dsc });
}

/** What the clerk status screen shows about the signer. */
export function signerStatus(loaded: LoadedSigner, now: Date): ServiceStatus['signer'] {
  const ready = readySigner(loaded, now);
  const facts = loaded.ok
    ? {
        kid: Buffer.from(loaded.dsc.kid).toString('base64'),
        subject: loaded.dsc.subject,
        notAfter: loaded.dsc.notAfter.toISOString(),
      }
    : {};
  // Certificates signed now get exp ≤ DSC notAfter: warn a month ahead so it can be renewed.
  const soon = loaded.ok && loaded.dsc.notAfter.getTime() - now.getTime() < DSC_RENEWAL_WARNING_DAYS * 86_400_000;
  return ready.ok
    ? { state: soon ? 'degraded' : 'ok', demo: loaded.demo, ...facts }
    : { state: 'down', demo: loaded.demo, code: ready.error.code, ...facts };
}
