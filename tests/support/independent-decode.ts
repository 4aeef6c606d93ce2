// Decodes and verifies an HC1 string with no engine code (the path of
// tests/dcc/independent-verify.test.ts): the `base45` package, node:zlib, cbor-x's default
// decoder, a hand-written Sig_structure, node's X509Certificate and WebCrypto ECDSA. Used for
// certificates from the hardware and remote signers, so "verifies" never means "agrees with us".
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { decode as cborDefaultDecode, Tag } from 'cbor-x';
import base45 from 'base45';

function header(major: number, length: number): number[] {
  if (length < 24) return [(major << 5) | length];
  if (length < 256) return [(major << 5) | 24, length];
  return [(major << 5) | 25, length >> 8, length & 0xff];
}

function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  const context = new TextEncoder().encode('Signature1');
  return new Uint8Array([
    0x84,
    ...header(3, context.length),
    ...context,
    ...header(2, protectedBytes.length),
    ...protectedBytes,
    0x40,
    ...header(2, payload.length),
    ...payload,
  ]);
}

export interface IndependentResult {
  readonly signatureValid: boolean;
  readonly kidMatches: boolean;
  readonly signatureLength: number;
  readonly alg: unknown;
  /** The DCC JSON inside the CWT (claim -260 / 1). */
  readonly dcc: unknown;
}

export async function decodeIndependently(hc1: string, dscPem: string | Buffer): Promise<IndependentResult> {
  const coseBytes = inflateSync(base45.decode(hc1.slice(4)) as Buffer);
  const tagged = cborDefaultDecode(coseBytes) as Tag;
  if (!(tagged instanceof Tag) || tagged.tag !== 18) throw new Error('not a tagged COSE_Sign1');
  const [protectedBytes, , payload, signature] = tagged.value as [Uint8Array, unknown, Uint8Array, Uint8Array];
  const protectedHeader = cborDefaultDecode(protectedBytes) as Record<string, unknown>;
  const claims = cborDefaultDecode(payload) as Record<string, Record<string, unknown>>;
  const cert = new X509Certificate(dscPem);
  const kid = createHash('sha256').update(cert.raw).digest().subarray(0, 8);
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  const key = await webcrypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
  const signatureValid = await webcrypto.subtle.verify(
    { name: 'ECDSA', hash: 'SHA-256' },
    key,
    signature,
    sigStructure(protectedBytes, payload),
  );
  return {
    signatureValid,
    kidMatches: Buffer.from(protectedHeader['4'] as Uint8Array).equals(kid),
    signatureLength: signature.length,
    alg: protectedHeader['1'],
    dcc: claims['-260']?.['1'],
  };
}
