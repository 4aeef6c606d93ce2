// The three EU DCC revocation hashes of a certificate (docs/revocation.md), computed at issuance and
// kept in the issuance's audit line, never the certificate itself:
//   UCI            SHA-256(UVCI)
//   COUNTRYCODEUCI SHA-256(issuer country (CWT iss) + UVCI)
//   SIGNATURE      SHA-256(COSE signature); for ECDSA (ES256) over r only, the first half of r||s
// each cut to its first 128 bits (16 bytes) and written base64, as the gateway's batches carry them.
import { createHash } from 'node:crypto';
import { ALG_ES256 } from '../dcc/cose';
import { decodeHc1 } from '../dcc/decode';

export interface RevocationHashes {
  /** The DSC's kid, base64 (the batch is per kid). */
  readonly kid: string;
  readonly country: string;
  /** Certificate expiry (CWT exp), ISO 8601: the batch may be dropped after it. */
  readonly exp: string;
  readonly uci: string;
  readonly countryCodeUci: string;
  readonly signature: string;
}

export const truncatedSha256 = (bytes: Uint8Array | string): string =>
  createHash('sha256').update(bytes).digest().subarray(0, 16).toString('base64');

export function revocationHashes(hc1: string): RevocationHashes | undefined {
  const decoded = decodeHc1(hc1);
  if (!decoded.ok) return undefined;
  const { cose, claims, payload } = decoded.value;
  const uvci = (payload as { r?: { ci?: unknown }[] }).r?.[0]?.ci;
  if (typeof uvci !== 'string' || !cose.kid || !claims.iss || claims.exp === undefined) return undefined;
  const sig = cose.alg === ALG_ES256 ? cose.signature.subarray(0, cose.signature.length / 2) : cose.signature;
  return {
    kid: Buffer.from(cose.kid).toString('base64'),
    country: claims.iss,
    exp: new Date(claims.exp * 1000).toISOString(),
    uci: truncatedSha256(uvci),
    countryCodeUci: truncatedSha256(claims.iss + uvci),
    signature: truncatedSha256(sig),
  };
}
