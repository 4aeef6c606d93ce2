// Our certificates checked by a path that shares no engine code (docs/dcc-notes.md §0, §4): the `base45`
// npm package, node:zlib, the cbor-x *default* decoder, a hand-built Sig_structure, node's own
// X509Certificate and WebCrypto ECDSA. Guards against being merely self-consistent.
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decode as cborDefaultDecode, Tag } from 'cbor-x';
import base45 from 'base45';
import { issueRecoveryCertificate } from '../../core/dcc/issue-certificate';
import { fixtureDscPem, fixtureTimes, nobleSigner, nodeSigner, sampleInput } from './helpers/fixtures';

/** CBOR byte-string / text-string header, written by hand (RFC 8949 §3). */
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

describe.each([
  ['node signer', nodeSigner],
  ['noble signer', nobleSigner],
])('%s: independent decoder and WebCrypto', (_label, makeSigner) => {
  it('decodes and verifies without engine code', async () => {
    const issued = await issueRecoveryCertificate(sampleInput, makeSigner(), fixtureTimes);
    if (!issued.ok) throw new Error(issued.error.code);
    const { hc1 } = issued.value;

    expect(hc1.startsWith('HC1:')).toBe(true);
    const compressed: Buffer = base45.decode(hc1.slice(4));
    expect(compressed[0]).toBe(0x78);
    const coseBytes = inflateSync(compressed);

    const tagged = cborDefaultDecode(coseBytes) as Tag;
    expect(tagged).toBeInstanceOf(Tag);
    expect(tagged.tag).toBe(18);
    const [protectedBytes, unprotected, payload, signature] = tagged.value as [
      Uint8Array,
      unknown,
      Uint8Array,
      Uint8Array,
    ];
    const protectedHeader = cborDefaultDecode(protectedBytes) as Record<string, unknown>;
    expect(protectedHeader['1']).toBe(-7);
    expect(Object.keys((unprotected as object) ?? {})).toHaveLength(0);

    const claims = cborDefaultDecode(payload) as Record<string, unknown>;
    expect(claims['1']).toBe('DE');
    expect(claims['6']).toBe(fixtureTimes.issuedAt);
    expect(claims['4']).toBe(fixtureTimes.expiresAt);
    const hcert = claims['-260'] as Record<string, unknown>;
    expect(hcert['1']).toEqual(JSON.parse(JSON.stringify(issued.value.payload)));

    const cert = new X509Certificate(fixtureDscPem);
    const kid = createHash('sha256').update(cert.raw).digest().subarray(0, 8);
    expect(Buffer.from(protectedHeader['4'] as Uint8Array).equals(kid)).toBe(true);

    const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
    const key = await webcrypto.subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'verify',
    ]);
    expect(signature).toHaveLength(64);
    const ok = await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      signature,
      sigStructure(protectedBytes, payload),
    );
    expect(ok).toBe(true);

    const tampered = new Uint8Array(payload);
    tampered[tampered.length - 1]! ^= 1;
    const bad = await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      signature,
      sigStructure(protectedBytes, tampered),
    );
    expect(bad).toBe(false);
  });
});
