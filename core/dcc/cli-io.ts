// Small helpers shared by the certificate CLI commands (core/cli/commands/{encode,verify,qr}.ts):
// reading the HC1 argument (it contains spaces — quote it, or pass `-` to read stdin) and key
// files, without ever echoing file contents in error messages.
import { readFile } from 'node:fs/promises';

/** Reads all of stdin as UTF-8. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The HC1 positional argument; `-` reads stdin (trailing newline removed, inner spaces kept). */
export async function hc1Argument(positional: readonly string[]): Promise<string | undefined> {
  if (positional.length !== 1) return undefined;
  const arg = positional[0]!;
  return arg === '-' ? (await readStdin()).replace(/\r?\n$/, '') : arg;
}

/**
 * Reads a UTF-8 file for a CLI command.
 * @param path - the file
 * @returns its text, or undefined when it cannot be read (the command says so)
 */
export async function readTextFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Reads a file's bytes for a CLI command (a DER or PEM certificate).
 * @param path - the file
 * @returns its bytes, or undefined when it cannot be read
 */
export async function readBinaryFile(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch {
    return undefined;
  }
}
