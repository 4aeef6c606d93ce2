// Checks the audit log's hash chain (docs/configuration.md): every line's hash matches its content, links to
// the previous line's hash, and seq counts up by one. Given a directory, the chain is followed
// across the monthly files; given one file, its first line's `prev` is taken as the anchor.
// Limit: truncating the newest lines leaves a valid shorter chain; compare `lines`/`lastHash`
// with a copy kept elsewhere (e.g. a printed or exported head) to detect that: anchors
// (core/audit/anchor.ts) are such copies, and given the key every line must be keyed with it
// (docs/audit.md), so a chain recomputed without the key is rejected.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../result';
import type { AuditKey, AuditLine } from './audit-line';
import { GENESIS_HASH, lineHash } from './audit-line';
import { auditFiles } from './audit-log';

export interface AuditChainError {
  readonly code: 'AUDIT_CHAIN_BROKEN';
  readonly details: {
    readonly file: string;
    /** 1-based line number within the file. */
    readonly line: number;
    readonly reason: 'unparseable' | 'hash-mismatch' | 'prev-mismatch' | 'seq-gap' | 'unkeyed' | 'wrong-key';
  };
}

export interface VerifiedChain {
  readonly lines: number;
  readonly lastHash: string;
  readonly lastSeq: number;
  /** seq → hash for the seqs asked for in `want` (anchor checks). */
  readonly hashes: ReadonlyMap<number, string>;
}

export function verifyAuditChain(
  path: string,
  opts: { key?: AuditKey; want?: readonly number[] } = {},
): Result<VerifiedChain, AuditChainError> {
  const want = new Set(opts.want ?? []);
  const hashes = new Map<number, string>();
  const isDir = statSync(path).isDirectory();
  const files = isDir ? auditFiles(path).map((f) => join(path, f)) : [path];
  let prev: string | undefined = isDir ? GENESIS_HASH : undefined;
  let seq: number | undefined = isDir ? 0 : undefined;
  let count = 0;
  for (const file of files) {
    const rows = readFileSync(file, 'utf8').split('\n');
    if (rows[rows.length - 1] === '') rows.pop();
    for (let i = 0; i < rows.length; i++) {
      const broken = (reason: AuditChainError['details']['reason']) =>
        fail<AuditChainError>({ code: 'AUDIT_CHAIN_BROKEN', details: { file, line: i + 1, reason } });
      let line: AuditLine;
      try {
        line = JSON.parse(rows[i]!) as AuditLine;
      } catch {
        return broken('unparseable');
      }
      if (typeof line !== 'object' || line === null || typeof line.hash !== 'string') return broken('unparseable');
      if (opts.key) {
        if (line.alg !== 'hmac-sha256') return broken('unkeyed');
        if (line.keyId !== opts.key.keyId) return broken('wrong-key');
        if (lineHash(line, opts.key.key) !== line.hash) return broken('hash-mismatch');
      } else if (line.alg === undefined && lineHash(line) !== line.hash) {
        // Keyed lines cannot be checked without the key; their links still are, below.
        return broken('hash-mismatch');
      }
      if (prev !== undefined && line.prev !== prev) return broken('prev-mismatch');
      if (seq !== undefined && line.seq !== seq + 1) return broken('seq-gap');
      prev = line.hash;
      seq = line.seq;
      if (want.has(line.seq)) hashes.set(line.seq, line.hash);
      count++;
    }
  }
  return ok({ lines: count, lastHash: prev ?? GENESIS_HASH, lastSeq: seq ?? 0, hashes });
}
