// Append-only audit log (docs/configuration.md): JSON lines in `<dataDir>/audit/audit-YYYY-MM.jsonl`, one file
// per UTC month, the hash chain running on across files. Several kiosk processes may share a
// data directory, so every append reads the chain's head from disk while holding a
// cross-process lock (the registry's write lock, injected as `lock`), and is fsynced before the
// lock is released: an issuance's audit line is written inside the registry's commit
// transaction (core/issuance), so the log never lacks an issued certificate.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, AuditLine } from './audit-line';
import { GENESIS_HASH, nextAuditLine } from './audit-line';

export const AUDIT_FILE_PATTERN = /^audit-\d{4}-\d{2}\.jsonl$/;
export const auditFileName = (ts: Date): string => `audit-${ts.toISOString().slice(0, 7)}.jsonl`;

export interface AuditLog {
  /** Appends and fsyncs one line; throws on I/O failure (the caller's transaction then aborts). */
  append(entry: AuditEntry): AuditLine;
  readonly dir: string;
}

export interface AuditLogOptions {
  readonly dir: string;
  readonly kioskId: string;
  readonly now?: () => Date;
  /** Cross-process mutual exclusion; re-entrant when already held (SQLite savepoints are). */
  readonly lock: <T>(fn: () => T) => T;
}

export function createAuditLog(opts: AuditLogOptions): AuditLog {
  const now = opts.now ?? (() => new Date());
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  return {
    dir: opts.dir,
    append: (entry) =>
      opts.lock(() => {
        const ts = now();
        const head = readHead(opts.dir);
        const line = nextAuditLine(entry, head, ts, opts.kioskId);
        const file = join(opts.dir, auditFileName(ts));
        appendWhole(file, `${head.needsNewline && head.file === file ? '\n' : ''}${JSON.stringify(line)}\n`);
        return line;
      }),
  };
}

/**
 * Writes all of `text` and fsyncs it, or throws and cuts the file back to its old length. A
 * write(2) that runs out of space mid-line returns a short count instead of failing; without the
 * cut, the torn line would break the hash chain for good (tests/reliability/audit-full-disk).
 */
function appendWhole(file: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const fd = openSync(file, 'a', 0o600);
  const start = fstatSync(fd).size;
  try {
    for (let done = 0; done < bytes.length; ) {
      const n = writeSync(fd, bytes, done, bytes.length - done);
      if (n <= 0) throw Object.assign(new Error('audit line not written'), { code: 'ENOSPC' });
      done += n;
    }
    fsyncSync(fd);
  } catch (e) {
    try {
      ftruncateSync(fd, start);
    } catch {
      // Nothing more can be done; readHead skips a torn last line.
    }
    throw e;
  } finally {
    closeSync(fd);
  }
}

export const auditFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir).filter((f) => AUDIT_FILE_PATTERN.test(f)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
};

interface Head {
  readonly seq: number;
  readonly hash: string;
  readonly file?: string;
  /** The last file ends in a torn line (crash mid-write): start the next line on a fresh line. */
  readonly needsNewline: boolean;
}

/** The last complete line of the newest audit file, read from its tail. */
function readHead(dir: string): Head {
  const files = auditFiles(dir);
  for (let i = files.length - 1; i >= 0; i--) {
    const file = join(dir, files[i]!);
    const tail = readTail(file, 64 * 1024);
    if (tail === '') continue;
    const lines = tail.split('\n');
    const needsNewline = !tail.endsWith('\n');
    for (let j = lines.length - 1; j >= 0; j--) {
      const parsed = parseLine(lines[j]!);
      if (parsed) return { seq: parsed.seq, hash: parsed.hash, file, needsNewline };
    }
  }
  return { seq: 0, hash: GENESIS_HASH, needsNewline: false };
}

function parseLine(text: string): AuditLine | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(text) as Partial<AuditLine>;
    return typeof v.seq === 'number' && typeof v.hash === 'string' ? (v as AuditLine) : undefined;
  } catch {
    return undefined;
  }
}

function readTail(path: string, maxBytes: number): string {
  const size = statSync(path).size;
  const length = Math.min(size, maxBytes);
  const buf = Buffer.alloc(length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return buf.toString('utf8');
}
