// Revocation batches for the EU gateway (docs/revocation.md), built from the audit log alone: the
// issuance lines carry each certificate's hashes; a reissue line (`supersedes`) or a revocation line
// (`cli revoke`) marks a certificate for revocation. One batch per kid and hash type, in the
// gateway's batch JSON: { country, expires, kid, hashType, entries: [{ hash }] }. Nothing personal:
// only truncated hashes, the kid and the country.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLine } from '../audit/audit-line';
import { auditFiles } from '../audit/audit-log';
import type { RevocationHashes } from './revocation-hashes';

export type HashType = 'UCI' | 'COUNTRYCODEUCI' | 'SIGNATURE';
export interface RevocationBatch {
  readonly country: string;
  readonly expires: string;
  readonly kid: string;
  readonly hashType: HashType;
  readonly entries: readonly { readonly hash: string }[];
}

export interface Revoked {
  readonly uvci: string;
  readonly at: string;
  readonly why: 'superseded' | 'revoked';
  readonly hashes?: RevocationHashes;
}

export function readAuditLines(auditDir: string): AuditLine[] {
  return auditFiles(auditDir).flatMap((f) =>
    readFileSync(join(auditDir, f), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as AuditLine];
        } catch {
          return [];
        }
      }),
  );
}

/** Certificates marked for revocation at or after `since`, with their hashes when issued here. */
export function revokedSince(lines: readonly AuditLine[], since: Date): Revoked[] {
  const hashes = new Map<string, RevocationHashes>();
  for (const l of lines) if (l.uvci && l.revocation && l.outcome === 'ok') hashes.set(l.uvci, l.revocation);
  const out = new Map<string, Revoked>();
  for (const l of lines) {
    if (new Date(l.ts) < since) continue;
    const mark =
      l.event === 'certificate.reissued' && l.outcome === 'ok' && l.supersedes
        ? { uvci: l.supersedes, why: 'superseded' as const }
        : l.event === 'certificate.revoked' && l.uvci
          ? { uvci: l.uvci, why: 'revoked' as const }
          : undefined;
    if (mark && !out.has(mark.uvci)) {
      const h = hashes.get(mark.uvci);
      out.set(mark.uvci, { ...mark, at: l.ts, ...(h ? { hashes: h } : {}) });
    }
  }
  return [...out.values()];
}

/** Batches per kid (and hash type); `expires` is the latest expiry of the batch's certificates. */
export function revocationBatches(
  revoked: readonly Revoked[],
  hashTypes: readonly HashType[] = ['UCI', 'COUNTRYCODEUCI', 'SIGNATURE'],
): RevocationBatch[] {
  const byKid = new Map<string, RevocationHashes[]>();
  for (const r of revoked) if (r.hashes) byKid.set(r.hashes.kid, [...(byKid.get(r.hashes.kid) ?? []), r.hashes]);
  const field = { UCI: 'uci', COUNTRYCODEUCI: 'countryCodeUci', SIGNATURE: 'signature' } as const;
  return [...byKid.entries()].flatMap(([kid, hs]) =>
    hashTypes.map((hashType) => ({
      country: hs[0]!.country,
      expires: hs
        .map((h) => h.exp)
        .sort()
        .at(-1)!,
      kid,
      hashType,
      entries: hs.map((h) => ({ hash: h[field[hashType]] })),
    })),
  );
}
