// ES256 signer whose private key stays in a PKCS#11 token — HSM, smart card, TPM, SoftHSM2 in
// tests (docs/configuration.md, "pkcs11"). The token computes CKM_ECDSA over the SHA-256 digest
// of the Sig_structure and returns raw r‖s (64 bytes for P-256), the COSE format. At start-up the
// signer proves the pairing with the DSC by signing a random digest and verifying it with the
// DSC's public key (works for tokens that hold no public-key object), and refuses a key the
// token marks extractable or not sensitive: such a key could have been copied. Token calls are
// serialised (one PKCS#11 session, one operation at a time); a lost session (token re-plugged,
// HSM fail-over) is re-opened once per signature, which cannot release anything twice because
// nothing leaves the kiosk before the issuance use case has verified and committed.
import { createHash, randomBytes, verify } from 'node:crypto';
import type * as Pkcs11Js from 'pkcs11js';
import { err, ok, type Result } from '../../result';
import { ES256_SIGNATURE_BYTES } from '../cose';
import type { Signer } from '../types';
import { parseDsc, type DscInfo } from '../x509';
import {
  acquirePkcs11Module,
  closeQuietly,
  failure,
  findByLabel,
  findTokenSlot,
  isSessionLost,
  openUserSession,
  type Pkcs11Module,
} from './pkcs11-module';
import { SignerFailure } from './signer-failure';

/** Which token key signs, with its PIN and its DSC. */
export interface Pkcs11SignerOptions {
  readonly module: string;
  readonly tokenLabel: string;
  readonly keyLabel: string;
  readonly pin: string;
  /** The DSC of the token's key, PEM or DER. */
  readonly dsc: string | Uint8Array;
}

/** A signer that holds a token session until closed. */
export interface ClosableSigner extends Signer {
  close(): void;
}

interface Bound {
  readonly session: Pkcs11Js.Handle;
  readonly key: Pkcs11Js.Handle;
}

/** A CK_ULONG attribute (4 or 8 bytes, host byte order — little-endian on the kiosk's x86/ARM). */
const ulong = (b: Buffer): number => (b.length === 8 ? Number(b.readBigUInt64LE(0)) : b.readUInt32LE(0));

/** Token → login → key, with the codes of docs/configuration.md ("pkcs11" errors). */
function bind(m: Pkcs11Module, o: Pkcs11SignerOptions): Result<Bound> {
  const slot = findTokenSlot(m, o.tokenLabel);
  if (!slot.ok) return slot;
  const session = openUserSession(m, slot.value, o.pin);
  if (!session.ok) return session;
  const { lib, k } = m;
  try {
    const keys = findByLabel(m, session.value, k.CKO_PRIVATE_KEY, o.keyLabel);
    if (keys.length !== 1) {
      closeQuietly(m, session.value);
      return err('SIGNER_KEY_NOT_FOUND', keys.length > 1 ? { reason: 'label-ambiguous' } : undefined);
    }
    const key = keys[0]!;
    const [type, extractable, sensitive] = lib.C_GetAttributeValue(session.value, key, [
      { type: k.CKA_KEY_TYPE },
      { type: k.CKA_EXTRACTABLE },
      { type: k.CKA_SENSITIVE },
    ]);
    if (!type?.value || ulong(type.value) !== k.CKK_EC) {
      closeQuietly(m, session.value);
      return err('SIGNER_UNAVAILABLE', { reason: 'unsupported-key-type' });
    }
    if (extractable?.value?.[0] !== 0 || sensitive?.value?.[0] !== 1) {
      closeQuietly(m, session.value);
      return err('SIGNER_UNAVAILABLE', { reason: 'key-extractable' });
    }
    return ok({ session: session.value, key });
  } catch {
    closeQuietly(m, session.value);
    return err('SIGNER_UNAVAILABLE', { reason: 'key-lookup-failed' });
  }
}

async function signDigest(m: Pkcs11Module, b: Bound, digest: Buffer): Promise<Buffer> {
  m.lib.C_SignInit(b.session, { mechanism: m.k.CKM_ECDSA }, b.key);
  return m.lib.C_SignAsync(b.session, digest, Buffer.alloc(132));
}

/**
 * Opens a session on the token, finds the key by label and checks it against the DSC with a test
 * signature.
 * @param o - module, token and key label, PIN, DSC
 * @returns the signer and the parsed DSC
 * @throws never: a missing token, wrong PIN, missing or extractable key, or a key that does not
 *   match the DSC fails with its SIGNER_* code
 */
export async function openPkcs11Signer(o: Pkcs11SignerOptions): Promise<Result<ClosableSigner & { dsc: DscInfo }>> {
  const dsc = parseDsc(o.dsc);
  if (!dsc.ok) return err('SIGNER_UNAVAILABLE', { reason: 'certificate-unreadable' });
  if (dsc.value.keyType !== 'ec' || dsc.value.namedCurve !== 'prime256v1') {
    return err('SIGNER_UNAVAILABLE', { reason: 'unsupported-key-type' });
  }
  const mod = await acquirePkcs11Module(o.module);
  if (!mod.ok) return mod;
  const m = mod.value;
  let bound = bind(m, o);
  if (!bound.ok) return (m.release(), bound);
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  /** One signature; re-binds once when the token lost the session. */
  const signOnce = async (digest: Buffer): Promise<Buffer> => {
    if (closed) throw new SignerFailure('SIGNER_UNAVAILABLE', 'closed');
    if (!bound.ok) {
      bound = bind(m, o);
      if (!bound.ok) throw failure(bound);
    }
    try {
      return await signDigest(m, bound.value, digest);
    } catch (e) {
      if (!isSessionLost(m, e)) throw new SignerFailure('SIGNER_UNAVAILABLE', 'token-sign-failed');
      closeQuietly(m, bound.value.session);
      bound = bind(m, o);
      if (!bound.ok) throw failure(bound);
      return signDigest(m, bound.value, digest);
    }
  };
  const serialised = (digest: Buffer): Promise<Buffer> => {
    const run = queue.then(() => signOnce(digest));
    queue = run.catch(() => undefined);
    return run;
  };

  // Pairing proof: the token's key must be the DSC's key, else every certificate would fail.
  const probe = randomBytes(32);
  try {
    const sig = await serialised(createHash('sha256').update(probe).digest());
    const matches =
      sig.length === ES256_SIGNATURE_BYTES &&
      verify('sha256', probe, { key: dsc.value.publicKey, dsaEncoding: 'ieee-p1363' }, sig);
    if (!matches) {
      closeQuietly(m, bound.value.session);
      m.release();
      return err('SIGNER_UNAVAILABLE', { reason: 'key-does-not-match-certificate' });
    }
  } catch (e) {
    if (bound.ok) closeQuietly(m, bound.value.session);
    m.release();
    return err(e instanceof SignerFailure ? e.code : 'SIGNER_UNAVAILABLE', { reason: 'probe-signature-failed' });
  }

  return ok({
    algorithm: 'ES256',
    kid: dsc.value.kid,
    dscDer: dsc.value.der,
    dsc: dsc.value,
    async sign(sigStructure: Uint8Array): Promise<Uint8Array> {
      const signature = await serialised(createHash('sha256').update(sigStructure).digest());
      if (signature.length !== ES256_SIGNATURE_BYTES) throw new SignerFailure('SIGNER_UNAVAILABLE', 'signature-format');
      return new Uint8Array(signature);
    },
    close() {
      if (closed) return;
      closed = true;
      if (bound.ok) closeQuietly(m, bound.value.session);
      m.release();
    },
  });
}
