// Audit anchors (docs/audit.md): the chain head (seq, hash, line count, time) exported with an
// HMAC under the audit key, to be kept outside the kiosk. A later `audit verify` with the anchor
// finds that line with that hash in the chain: truncating the newest lines, or rewriting the chain
// (even with the key, e.g. after it leaked), no longer goes unnoticed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fail, ok, type Result } from '../result';
import { canonicalJson, type AuditKey } from './audit-line';
import { verifyAuditChain, type AuditChainError } from './verify-chain';

export interface AuditAnchor {
  readonly kind: 'genesenen-kiosk.audit-anchor';
  readonly kioskId: string;
  readonly seq: number;
  readonly hash: string;
  readonly lines: number;
  readonly ts: string;
  readonly keyId: string;
  readonly mac: string;
}

const macOf = (a: Omit<AuditAnchor, 'mac'>, key: Buffer): string =>
  createHmac('sha256', key)
    .update(canonicalJson({ ...a }))
    .digest('hex');

/** An anchor over a chain head already verified by the caller (the fleet table's, core/registry/pg/pg-audit.ts). */
export function signAnchor(head: Omit<AuditAnchor, 'kind' | 'keyId' | 'mac'>, key: AuditKey): AuditAnchor {
  const body = { kind: 'genesenen-kiosk.audit-anchor' as const, ...head, keyId: key.keyId };
  return { ...body, mac: macOf(body, key.key) };
}

/** Reads an anchor file and checks its HMAC under `key`; the problem when unreadable or not ours. */
export function readAnchor(file: string, key: AuditKey): AuditAnchor | 'anchor-unreadable' | 'anchor-mac' {
  let a: AuditAnchor;
  try {
    a = JSON.parse(readFileSync(file, 'utf8')) as AuditAnchor;
  } catch {
    return 'anchor-unreadable';
  }
  const { mac, ...body } = a;
  const expected = Buffer.from(macOf(body, key.key), 'hex');
  const given = Buffer.from(typeof mac === 'string' ? mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? a : 'anchor-mac';
}

export function createAnchor(
  auditDir: string,
  key: AuditKey,
  kioskId: string,
  now = new Date(),
): Result<AuditAnchor, AuditChainError> {
  const chain = verifyAuditChain(auditDir, { key });
  if (!chain.ok) return chain;
  const body = {
    kind: 'genesenen-kiosk.audit-anchor' as const,
    kioskId,
    seq: chain.value.lastSeq,
    hash: chain.value.lastHash,
    lines: chain.value.lines,
    ts: now.toISOString(),
    keyId: key.keyId,
  };
  return ok({ ...body, mac: macOf(body, key.key) });
}

export const writeAnchor = (file: string, a: AuditAnchor): void =>
  writeFileSync(file, `${JSON.stringify(a, null, 2)}\n`, { mode: 0o644 });

export type AnchorProblem = 'anchor-unreadable' | 'anchor-mac' | 'anchor-missing-line' | 'anchor-hash-mismatch';
export interface AnchorError {
  readonly code: 'AUDIT_CHAIN_BROKEN';
  readonly details: { readonly anchor: string; readonly reason: AnchorProblem };
}
const anchorErr = (anchor: string, reason: AnchorProblem) =>
  fail<AnchorError>({ code: 'AUDIT_CHAIN_BROKEN', details: { anchor, reason } });

/** Verifies the chain with the key and every anchor against it; the first problem found. */
export function verifyWithAnchors(
  auditDir: string,
  key: AuditKey,
  anchorFiles: readonly string[],
): Result<{ lines: number; lastHash: string; anchors: number }, AuditChainError | AnchorError> {
  const anchors: { file: string; a: AuditAnchor }[] = [];
  for (const file of anchorFiles) {
    const a = readAnchor(file, key);
    if (typeof a === 'string') return anchorErr(file, a);
    anchors.push({ file, a });
  }
  const chain = verifyAuditChain(auditDir, { key, want: anchors.map((x) => x.a.seq) });
  if (!chain.ok) return chain;
  for (const { file, a } of anchors) {
    const h = chain.value.hashes.get(a.seq);
    if (h === undefined) return anchorErr(file, 'anchor-missing-line');
    if (h !== a.hash) return anchorErr(file, 'anchor-hash-mismatch');
  }
  return ok({ lines: chain.value.lines, lastHash: chain.value.lastHash, anchors: anchors.length });
}
