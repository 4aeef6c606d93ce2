// Document Signer Certificate facts the engine needs (docs/dcc-notes.md §4 kid, §7 trust model): the kid
// (first 8 bytes of SHA-256 over the whole DER — not over the key), validity, DCC extended key
// usage OIDs in both spellings, and the public key for signature checks. PEM or DER input.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { err, ok, type Result } from '../result';
import { x509 } from './x509-lib';

/** The certificate types: vaccination, test, recovery. */
export type DccType = 'v' | 't' | 'r';

/** DCC EKU OIDs per type: corrected spelling (since 2021-05-07) and legacy `.0.` spelling. */
export const DCC_EKU_OIDS: Readonly<Record<DccType, readonly string[]>> = {
  t: ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1'],
  v: ['1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2'],
  r: ['1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3'],
};
const ALL_DCC_OIDS = new Set(Object.values(DCC_EKU_OIDS).flat());

/** What the kiosk needs of a DSC: DER, kid, validity, extended key usages, public key and subject. */
export interface DscInfo {
  readonly der: Uint8Array;
  /** 8 bytes. */
  readonly kid: Uint8Array;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** All extended key usage OIDs of the certificate ([] when it has no EKU extension). */
  readonly extendedKeyUsages: readonly string[];
  readonly publicKey: KeyObject;
  readonly keyType: 'ec' | 'rsa' | 'other';
  /** EC named curve as node reports it (e.g. 'prime256v1'), when EC. */
  readonly namedCurve?: string;
  readonly subject: string;
}

/**
 * The kid of a DSC: the first 8 bytes of the SHA-256 of its DER (docs/dcc-notes.md §4).
 * @param der - the DSC
 * @returns 8 bytes
 */
export function kidOf(der: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(der).digest().subarray(0, 8));
}

/** PEM (one CERTIFICATE block) or DER bytes → DER. */
export function certificateDer(input: string | Uint8Array): Uint8Array | undefined {
  if (typeof input !== 'string') return new Uint8Array(input);
  const m = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(input);
  if (!m) return undefined;
  return new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}

/**
 * DER → PEM, 64 characters a line.
 * @param der - a certificate
 * @returns one CERTIFICATE block
 */
export function derToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

/**
 * Parsed DSCs by DER content (base64). Parsing with @peculiar/x509 costs ~1.5 ms, and every
 * issuance parsed the same DSC twice (signing checks + self-verification) — 15× the signature
 * itself (bench: issue_core, verify_hc1). The entries are immutable facts about the bytes, so a
 * hit is the same answer; the map is bounded (oldest out) because verifiers feed foreign DSCs.
 */
const parsedDscs = new Map<string, DscInfo>();
/** How many parsed DSCs `parseDsc` keeps. */
export const DSC_CACHE_SIZE = 64;

/** Parses a DSC. Error: CONFIG_INVALID (not a certificate) — no certificate content in details. */
export function parseDsc(input: string | Uint8Array): Result<DscInfo> {
  const der = certificateDer(input);
  if (!der || der.length === 0) return err('CONFIG_INVALID', { reason: 'certificate_unreadable' });
  const key = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
  const cached = parsedDscs.get(key);
  if (cached) return ok(cached);
  const parsed = parseDscDer(der);
  if (parsed.ok) {
    parsedDscs.set(key, parsed.value);
    if (parsedDscs.size > DSC_CACHE_SIZE) parsedDscs.delete(parsedDscs.keys().next().value!);
  }
  return parsed;
}

function parseDscDer(der: Uint8Array): Result<DscInfo> {
  try {
    const cert = new x509.X509Certificate(der);
    const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
    const publicKey = createPublicKey({ key: Buffer.from(cert.publicKey.rawData), format: 'der', type: 'spki' });
    const keyType =
      publicKey.asymmetricKeyType === 'ec'
        ? 'ec'
        : publicKey.asymmetricKeyType === 'rsa' || publicKey.asymmetricKeyType === 'rsa-pss'
          ? 'rsa'
          : 'other';
    // Frozen: cached entries are shared by every caller.
    return ok(
      Object.freeze({
        der,
        kid: kidOf(der),
        notBefore: cert.notBefore,
        notAfter: cert.notAfter,
        extendedKeyUsages: Object.freeze(eku ? Array.from(eku.usages, String) : []),
        publicKey,
        keyType,
        namedCurve: publicKey.asymmetricKeyDetails?.namedCurve,
        subject: cert.subject,
      }),
    );
  } catch {
    return err('CONFIG_INVALID', { reason: 'certificate_unreadable' });
  }
}

/**
 * docs/dcc-notes.md §7: a DSC without any DCC EKU OID may sign every type (CO15); otherwise it may sign
 * only the types whose OID (either spelling) it lists (CO7, CO9 fail).
 */
export function keyUsageAllows(extendedKeyUsages: readonly string[], type: DccType): boolean {
  const dccOids = extendedKeyUsages.filter((o) => ALL_DCC_OIDS.has(o));
  if (dccOids.length === 0) return true;
  return DCC_EKU_OIDS[type].some((o) => dccOids.includes(o));
}

/** notBefore ≤ at ≤ notAfter. */
export const isDscValidAt = (dsc: Pick<DscInfo, 'notBefore' | 'notAfter'>, at: Date): boolean =>
  at.getTime() >= dsc.notBefore.getTime() && at.getTime() <= dsc.notAfter.getTime();
