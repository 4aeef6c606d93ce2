// Append-only audit log (docs/configuration.md): JSON lines in `<dataDir>/audit/audit-YYYY-MM.jsonl`, one file
// per UTC month, the hash chain running on across files. Several kiosk processes may share a
// data directory, so every append reads the chain's head from disk while holding a
// cross-process lock (the registry's write lock, injected as `lock`), and is fsynced before the
// lock is released: an issuance's audit line is written inside the registry's commit
// transaction (core/issuance), so the log never lacks an issued certificate.
// Keyed lines (HMAC, docs/audit.md) when a key is given. A burst of identical refusals becomes one
// line with a `count`; the directory is capped (`maxBytes`): past 80 % the clerk status shows
// AUDIT_SPACE_LOW, at the cap refusals are only counted (AUDIT_CAP_REACHED) so that a burst of
// wrong guesses can never fill the disk and stop issuance; issuance lines are always written.
import {
  closeSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, AuditKey, AuditLine } from './audit-line';
import { GENESIS_HASH, nextAuditLine } from './audit-line';

export interface AuditHealth {
  readonly state: 'ok' | 'degraded';
  readonly code?: 'AUDIT_SPACE_LOW' | 'AUDIT_CAP_REACHED';
  readonly bytes: number;
}

export const AUDIT_FILE_PATTERN = /^audit-\d{4}-\d{2}\.jsonl$/;
export const auditFileName = (ts: Date): string => `audit-${ts.toISOString().slice(0, 7)}.jsonl`;

export interface AuditLog {
  /**
   * Appends and fsyncs one line; throws on I/O failure (the caller's transaction then aborts).
   * Returns undefined when the entry was aggregated into a pending count or suppressed at the cap.
   */
  append(entry: AuditEntry): AuditLine | undefined;
  /** Writes a pending aggregated refusal line now (on close, and by a timer). */
  flush(): void;
  /** For the clerk status: ok, or the alarm code and the bytes used. */
  health(): AuditHealth;
  readonly dir: string;
}

export interface AuditLogOptions {
  readonly dir: string;
  readonly kioskId: string;
  readonly now?: () => Date;
  /** Cross-process mutual exclusion; re-entrant when already held (SQLite savepoints are). */
  readonly lock: <T>(fn: () => T) => T;
  readonly key?: AuditKey;
  /** Cap on the audit directory's size; default 1 GiB. */
  readonly maxBytes?: number;
  /** Identical refusals within this many ms are aggregated into one line; default 60 s. */
  readonly aggregateMs?: number;
}

const DEFAULT_MAX_BYTES = 1024 ** 3;
const WARN_RATIO = 0.8;
const aggregateKey = (e: AuditEntry): string | undefined =>
  e.outcome === 'refused' && e.event === 'issuance.refused'
    ? JSON.stringify([e.event, e.code, e.idHash ?? '', e.clerk ?? '', e.reason ?? ''])
    : undefined;

const dirBytes = (dir: string): number => auditFiles(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);

export function createAuditLog(opts: AuditLogOptions): AuditLog {
  const now = opts.now ?? (() => new Date());
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const aggregateMs = opts.aggregateMs ?? 60_000;
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  let bytes = dirBytes(opts.dir);
  let suppressed = 0;
  let pending: { key: string; entry: AuditEntry; count: number; since: number; timer: NodeJS.Timeout } | undefined;

  const write = (entry: AuditEntry): AuditLine =>
    opts.lock(() => {
      const ts = now();
      const head = readHead(opts.dir);
      const line = nextAuditLine(entry, head, ts, opts.kioskId, opts.key);
      const file = join(opts.dir, auditFileName(ts));
      const text = `${head.needsNewline && head.file === file ? '\n' : ''}${JSON.stringify(line)}\n`;
      appendWhole(file, text);
      bytes += Buffer.byteLength(text);
      return line;
    });

  const flush = (): void => {
    const p = pending;
    if (!p) return;
    pending = undefined;
    clearTimeout(p.timer);
    if (p.count > 0) write({ ...p.entry, count: p.count });
  };

  const append = (entry: AuditEntry): AuditLine | undefined => {
    const key = aggregateKey(entry);
    if (key !== undefined && bytes >= maxBytes) {
      suppressed++;
      return undefined;
    }
    if (key !== undefined && pending?.key === key && now().getTime() - pending.since < aggregateMs) {
      pending.count++;
      return undefined;
    }
    flush();
    if (suppressed > 0 && bytes < maxBytes) {
      const n = suppressed;
      suppressed = 0;
      write({ event: 'audit.refusals-suppressed', outcome: 'refused', count: n, code: 'AUDIT_CAP_REACHED' });
    }
    const line = write(entry);
    if (key !== undefined) {
      // The first refusal is written at once; identical ones that follow are counted.
      const timer = setTimeout(() => {
        try {
          flush();
        } catch {
          // Written at the next append or on close instead.
        }
      }, aggregateMs);
      timer.unref();
      pending = { key, entry, count: 0, since: now().getTime(), timer };
    }
    return line;
  };

  return {
    dir: opts.dir,
    append,
    flush,
    health: () =>
      bytes >= maxBytes
        ? { state: 'degraded', code: 'AUDIT_CAP_REACHED', bytes }
        : bytes >= maxBytes * WARN_RATIO
          ? { state: 'degraded', code: 'AUDIT_SPACE_LOW', bytes }
          : { state: 'ok', bytes },
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
    for (let done = 0; done < bytes.length;) {
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
    return readdirSync(dir)
      .filter((f) => AUDIT_FILE_PATTERN.test(f))
      .sort();
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
