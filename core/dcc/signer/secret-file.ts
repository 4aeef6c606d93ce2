// Files that hold secrets — a PEM signing key, a PKCS#11 PIN, a key passphrase, a bearer token —
// are only read when nobody but the kiosk user can read them (docs/configuration.md, "Secrets"):
// a key that group or others can read has to be treated as copied. Owner must be the user the
// kiosk runs as (a file owned by someone else can be swapped by them); mode must grant nothing
// to group or others. systemd `LoadCredential=` files satisfy both (0400, owned by the service).
// On Windows, where POSIX modes do not exist, only the existence check applies.
import { readFileSync, statSync } from 'node:fs';
import { fail, ok, type Result } from '../../result';

/** Why a file may not hold a secret (or holds none). */
export type SecretFileProblem = 'missing' | 'not-a-file' | 'group-or-world-readable' | 'foreign-owner' | 'empty';

const POSIX = process.platform !== 'win32';

/**
 * Checks that only the kiosk user can read a file, without reading it.
 * @param path - the secret file
 * @returns why the file is not safe to hold a secret, or undefined when it is
 */
export function secretFileProblem(path: string): SecretFileProblem | undefined {
  let st;
  try {
    st = statSync(path);
  } catch {
    return 'missing';
  }
  if (!st.isFile()) return 'not-a-file';
  if (!POSIX) return undefined;
  if ((st.mode & 0o077) !== 0) return 'group-or-world-readable';
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) return 'foreign-owner';
  return undefined;
}

/**
 * Reads a secret file after the safety checks.
 * @param path - the secret file
 * @returns its bytes; never the bytes of a file that fails a check (`secretFileProblem`) or is empty
 */
export function readSecretFile(path: string): Result<Buffer, SecretFileProblem> {
  const problem = secretFileProblem(path);
  if (problem) return fail(problem);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return fail('missing');
  }
  return bytes.length === 0 ? fail('empty') : ok(bytes);
}

/**
 * Reads a PIN, passphrase or token from a secret file.
 * @param path - the secret file
 * @returns its text without the trailing newline editors add; `empty` when nothing else is left
 */
export function readSecretText(path: string): Result<string, SecretFileProblem> {
  const r = readSecretFile(path);
  if (!r.ok) return r;
  const text = r.value.toString('utf8').replace(/\r?\n$/, '');
  return text.length === 0 ? fail('empty') : ok(text);
}

/**
 * The operator-facing explanation of a problem (clerk status, `cli keys check`), no file content.
 * @param problem - from `secretFileProblem`, `readSecretFile` or `readSecretText`
 * @returns one English sentence fragment that says what to do
 */
export function describeSecretProblem(problem: SecretFileProblem): string {
  switch (problem) {
    case 'missing':
      return 'file not found or not readable';
    case 'not-a-file':
      return 'not a regular file';
    case 'group-or-world-readable':
      return 'group or others may read it: chmod 600 (or use systemd LoadCredential=)';
    case 'foreign-owner':
      return 'owned by another user: chown it to the kiosk user';
    case 'empty':
      return 'file is empty';
  }
}
