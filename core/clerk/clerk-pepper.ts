// The clerk PIN pepper (docs/configuration.md, "Clerk accounts"): a secret mixed into every account
// PIN hash and kept in a file outside the data directory, so a copy of the config or the data
// directory alone (a backup, a stolen disk image) is not enough to guess PINs offline. Same safety
// rules as the audit key (core/audit/audit-key.ts): not inside the data directory, readable by the
// kiosk user only. The demo may run without a pepper (no `clerk.pepperFile`).
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { secretFileProblem } from '../dcc/signer/secret-file';
import { err, ok, type Result } from '../result';

/** Fewer bytes than this would make the pepper guessable, which defeats its point. */
export const MIN_PEPPER_BYTES = 16;

const inside = (dir: string, file: string): boolean => {
  const rel = relative(resolve(dir), resolve(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The pepper's bytes (the file's content, surrounding white space trimmed); the reason, never the content, on failure. */
export function loadClerkPepper(file: string, dataDir?: string): Result<Buffer> {
  const refuse = (reason: string) => err('CONFIG_INVALID', { field: 'clerk.pepperFile', reason });
  if (dataDir !== undefined && inside(dataDir, file)) return refuse('inside-data-dir');
  const problem = secretFileProblem(file);
  if (problem) return refuse(problem);
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return refuse('unreadable');
  }
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length < MIN_PEPPER_BYTES) return refuse('too-short');
  return ok(bytes);
}
