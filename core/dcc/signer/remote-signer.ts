// ES256 signatures from the issuer's hash-signing service (docs/remote-signing.md). The kiosk
// builds the payload and the protected header {1: -7, 4: kid of the service's DSC} itself,
// sends only the base64 SHA-256 of the Sig_structure — no name or date of birth leaves the
// kiosk — and gets back a COSE_Sign1 skeleton. The skeleton is used only if its protected header
// is byte-identical to the one hashed, its signature is raw r‖s (64 bytes) and that signature
// verifies over our Sig_structure with the DSC's key; the COSE pipeline then puts our payload
// beside it (core/dcc/cose.ts). Retries reuse the same hash and X-Transaction-Id, so a retry can
// at most yield a second signature over the very same certificate, never a different one; they
// happen only after failures that say nothing about the service's honesty (no connection,
// connection lost, 5xx), and all attempts share one deadline.
import { createHash, randomUUID, verify } from 'node:crypto';
import { Tag } from 'cbor-x';
import { decodeCborMaps, encodeCbor } from '../cbor';
import { ALG_ES256, COSE_SIGN1_TAG, ES256_SIGNATURE_BYTES, HEADER_ALG, HEADER_KID } from '../cose';
import type { Signer } from '../types';
import type { DscInfo } from '../x509';
import { postHash, statusFailure, type RemoteTls } from './remote-http';
import { SignerFailure, type SignerFailureCode } from './signer-failure';

/** The hash-signing endpoint of the issuer's service (docs/remote-signing.md). */
export const HASH_SIGNING_PATH = '/api/certify/v2/issue/hash';

/** The service to call, the TLS material and token, deadlines and retries, and the DSC it signs with. */
export interface RemoteSignerOptions {
  readonly baseUrl: string;
  readonly dsc: DscInfo;
  readonly tls: RemoteTls;
  readonly bearerToken?: string;
  /** Hashed into X-Location-Id. */
  readonly locationId: string;
  readonly timeoutMs: number;
  readonly retries: number;
  /** Pause before a retry (ms). */
  readonly backoffMs?: number;
}

const RETRYABLE: readonly SignerFailureCode[] = [
  'SIGNER_REMOTE_UNREACHABLE',
  'SIGNER_REMOTE_CONNECTION_LOST',
  'SIGNER_REMOTE_SERVER_ERROR',
];
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest();

/** The protected header the kiosk hashes and the service must return unchanged. */
export const protectedHeaderFor = (kid: Uint8Array): Uint8Array =>
  encodeCbor(
    new Map<number, unknown>([
      [HEADER_ALG, ALG_ES256],
      [HEADER_KID, kid],
    ]),
  );

/** COSE_Sign1 with empty or nil payload; tag 18 or untagged. Undefined when it is not one. */
export function parseSkeleton(bytes: Uint8Array): { protectedBytes: Uint8Array; signature: Uint8Array } | undefined {
  let node: unknown;
  try {
    node = decodeCborMaps(bytes);
  } catch {
    return undefined;
  }
  if (node instanceof Tag) node = node.tag === COSE_SIGN1_TAG ? node.value : undefined;
  if (!Array.isArray(node) || node.length !== 4) return undefined;
  const [p, u, payload, signature] = node as unknown[];
  const emptyPayload =
    payload === null || payload === undefined || (payload instanceof Uint8Array && payload.length === 0);
  if (!(p instanceof Uint8Array) || !(u instanceof Map) || !emptyPayload || !(signature instanceof Uint8Array))
    return undefined;
  return { protectedBytes: p, signature };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/**
 * A signer that sends only the SHA-256 of the Sig_structure to the issuer's service and checks
 * the COSE skeleton it returns (protected header, kid, signature over our hash).
 * @param o - service, TLS, token, deadlines, DSC
 * @returns the signer; its `sign` throws a SignerFailure with a SIGNER_REMOTE_* code
 */
export function createRemoteSigner(o: RemoteSignerOptions): Signer {
  const url = new URL(o.baseUrl.replace(/\/+$/, '') + HASH_SIGNING_PATH);
  const expectedProtected = protectedHeaderFor(o.dsc.kid);
  const locationHash = sha256(o.locationId).toString('hex');

  async function sign(sigStructure: Uint8Array): Promise<Uint8Array> {
    const parts = decodeCborMaps(sigStructure) as unknown[];
    // The pipeline must have hashed exactly the header the service will sign (ES256 + its kid).
    if (!Array.isArray(parts) || !(parts[1] instanceof Uint8Array) || !sameBytes(parts[1], expectedProtected)) {
      throw new SignerFailure('SIGNER_UNAVAILABLE', 'protected-header-unexpected');
    }
    const headers: Record<string, string> = {
      'Content-Type': 'text/plain',
      Accept: 'application/cbor',
      'X-UBIRCH-DCCType': 'R',
      'X-Location-Id': locationHash,
      'X-Transaction-Id': sha256(randomUUID()).toString('hex'),
      ...(o.bearerToken ? { Authorization: `Bearer ${o.bearerToken}` } : {}),
    };
    const body = sha256(sigStructure).toString('base64');
    const signal = AbortSignal.timeout(o.timeoutMs);
    let last: SignerFailure = new SignerFailure('SIGNER_REMOTE_UNREACHABLE');
    for (let attempt = 0; attempt <= o.retries; attempt++) {
      if (attempt > 0) {
        await new Promise((r) => setTimeout(r, (o.backoffMs ?? 200) * attempt));
        if (signal.aborted) throw new SignerFailure('SIGNER_REMOTE_TIMEOUT', `after-${attempt}-attempts`);
      }
      const answer = await postHash(url, o.tls, headers, body, signal);
      if (answer.ok && answer.value.status === 200) return checkSkeleton(answer.value.body, sigStructure);
      const failure = answer.ok ? statusFailure(answer.value.status) : answer.error;
      last = new SignerFailure(failure.code, failure.reason);
      if (!RETRYABLE.includes(last.code)) throw last;
    }
    throw last;
  }

  function checkSkeleton(body: Buffer, sigStructure: Uint8Array): Uint8Array {
    const skeleton = parseSkeleton(body);
    if (!skeleton) throw new SignerFailure('SIGNER_REMOTE_BAD_RESPONSE', 'not-a-cose-skeleton');
    if (!sameBytes(skeleton.protectedBytes, expectedProtected)) {
      throw new SignerFailure('SIGNER_REMOTE_HEADER_MISMATCH', 'protected-header-differs');
    }
    if (skeleton.signature.length !== ES256_SIGNATURE_BYTES)
      throw new SignerFailure('SIGNER_REMOTE_SIGNATURE_FORMAT', `length-${skeleton.signature.length}`);
    const valid = verify(
      'sha256',
      sigStructure,
      { key: o.dsc.publicKey, dsaEncoding: 'ieee-p1363' },
      skeleton.signature,
    );
    if (!valid) throw new SignerFailure('SIGNER_REMOTE_SIGNATURE_INVALID');
    return new Uint8Array(skeleton.signature);
  }

  return { algorithm: 'ES256', kid: o.dsc.kid, dscDer: o.dsc.der, sign };
}
