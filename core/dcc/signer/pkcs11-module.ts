// One loaded PKCS#11 module per library path and process (docs/configuration.md, "pkcs11").
// Cryptoki may be initialised only once per process, and a module reads its configuration
// (SoftHSM2: SOFTHSM2_CONF) at C_Initialize; so the module is reference-counted: the signer,
// a rotated `signer.next` and `cli keys` share it, and the last release finalizes it (a later
// open then sees tokens created in between). pkcs11js is loaded on first use only, so kiosks
// with another signer kind never load the native binding.
import type * as Pkcs11Js from 'pkcs11js';
import { err, ok, type AppError, type Err, type Result } from '../../result';
import { SignerFailure } from './signer-failure';

/** The loaded PKCS#11 library. */
export type Pkcs11Lib = Pkcs11Js.PKCS11;
/** The PKCS#11 constants (CKA_*, CKM_*, CKR_*). */
export type Pkcs11Consts = typeof Pkcs11Js;

/** A shared, reference-counted PKCS#11 module; `release` finalises it with the last user. */
export interface Pkcs11Module {
  readonly lib: Pkcs11Lib;
  readonly k: Pkcs11Consts;
  release(): void;
}

const loaded = new Map<string, { lib: Pkcs11Lib; k: Pkcs11Consts; refs: number }>();

/**
 * Loads and initialises a PKCS#11 module once per path, shared by every signer that uses it.
 * @param path - the module's shared library
 * @returns the module (call `release` when done)
 * @throws never: a library that cannot be loaded is SIGNER_UNAVAILABLE
 */
export async function acquirePkcs11Module(path: string): Promise<Result<Pkcs11Module>> {
  let entry = loaded.get(path);
  if (!entry) {
    try {
      const mod = (await import('pkcs11js')) as unknown as { default?: Pkcs11Consts } & Pkcs11Consts;
      const k = mod.default ?? mod;
      const lib = new k.PKCS11();
      lib.load(path);
      try {
        lib.C_Initialize();
      } catch (e) {
        if (pkcs11Code(e) !== k.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw e;
      }
      entry = { lib, k, refs: 0 };
      loaded.set(path, entry);
    } catch {
      return err('SIGNER_UNAVAILABLE', { reason: 'pkcs11-module-unloadable' });
    }
  }
  entry.refs++;
  const e = entry;
  let released = false;
  return ok({
    lib: e.lib,
    k: e.k,
    release() {
      if (released) return;
      released = true;
      if (--e.refs > 0) return;
      loaded.delete(path);
      try {
        e.lib.C_Finalize();
        e.lib.close();
      } catch {
        // finalizing a module that lost its device: nothing left to free
      }
    },
  });
}

/** The CKR_* value of a pkcs11js error, or undefined for other errors. */
export function pkcs11Code(e: unknown): number | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** Slot whose token carries `label` (PKCS#11 pads labels with spaces to 32 bytes). */
export function findTokenSlot(m: Pkcs11Module, label: string): Result<Pkcs11Js.Handle> {
  try {
    for (const slot of m.lib.C_GetSlotList(true)) {
      if (m.lib.C_GetTokenInfo(slot).label.trim() === label) return ok(slot);
    }
  } catch {
    return err('SIGNER_TOKEN_MISSING', { reason: 'slot-list-failed' });
  }
  return err('SIGNER_TOKEN_MISSING');
}

/** Opens a session on the token and logs the user in; wrong and locked PINs get their own code. */
export function openUserSession(
  m: Pkcs11Module,
  slot: Pkcs11Js.Handle,
  pin: string,
  rw = false,
): Result<Pkcs11Js.Handle> {
  const { lib, k } = m;
  let session: Pkcs11Js.Handle;
  try {
    session = lib.C_OpenSession(slot, k.CKF_SERIAL_SESSION | (rw ? k.CKF_RW_SESSION : 0));
  } catch (e) {
    const c = pkcs11Code(e);
    if (c === k.CKR_TOKEN_NOT_PRESENT || c === k.CKR_DEVICE_REMOVED) return err('SIGNER_TOKEN_MISSING');
    return err('SIGNER_UNAVAILABLE', { reason: 'session-failed' });
  }
  try {
    lib.C_Login(session, k.CKU_USER, pin);
  } catch (e) {
    const c = pkcs11Code(e);
    if (c !== k.CKR_USER_ALREADY_LOGGED_IN) {
      closeQuietly(m, session);
      if (c === k.CKR_PIN_INCORRECT || c === k.CKR_PIN_LEN_RANGE) return err('SIGNER_PIN_WRONG');
      if (c === k.CKR_PIN_LOCKED) return err('SIGNER_PIN_WRONG', { reason: 'pin-locked' });
      return err('SIGNER_UNAVAILABLE', { reason: 'login-failed' });
    }
  }
  return ok(session);
}

/**
 * Closes a session, ignoring errors (a session whose token was removed is gone already).
 * @param m - the module
 * @param session - the session to close
 */
export function closeQuietly(m: Pkcs11Module, session: Pkcs11Js.Handle): void {
  try {
    m.lib.C_CloseSession(session);
  } catch {
    // already gone with its token
  }
}

/** Objects of `cls` labelled `label` (at most 2: more than one is ambiguous). */
export function findByLabel(m: Pkcs11Module, session: Pkcs11Js.Handle, cls: number, label: string): Pkcs11Js.Handle[] {
  const { lib, k } = m;
  lib.C_FindObjectsInit(session, [
    { type: k.CKA_CLASS, value: cls },
    { type: k.CKA_LABEL, value: label },
  ]);
  try {
    return lib.C_FindObjects(session, 2);
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

/** Session-level errors after which re-opening the session once may succeed. */
export function isSessionLost(m: Pkcs11Module, e: unknown): boolean {
  const c = pkcs11Code(e);
  const { k } = m;
  return (
    c === k.CKR_SESSION_HANDLE_INVALID ||
    c === k.CKR_SESSION_CLOSED ||
    c === k.CKR_USER_NOT_LOGGED_IN ||
    c === k.CKR_DEVICE_REMOVED ||
    c === k.CKR_TOKEN_NOT_PRESENT
  );
}

/**
 * Turns a failed token step into the exception a `Signer` throws.
 * @param r - the failure
 * @returns a SignerFailure with the code and the reason from the details
 */
export const failure = (r: Err<AppError<string>>): SignerFailure =>
  new SignerFailure(
    r.error.code as SignerFailure['code'],
    typeof r.error.details?.reason === 'string' ? r.error.details.reason : undefined,
  );
