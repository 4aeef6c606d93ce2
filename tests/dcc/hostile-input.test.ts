// Untrusted QR content (docs/dcc-notes.md §5 and §9: a verifier must not crash): malformed, truncated,
// oversized, zip bombs, deep CBOR nesting, wrong CBOR types, DER signatures, bad kids. Every case
// must end in a typed error or an invalid report — never an exception, never `valid: true`.
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Tag } from 'cbor-x';
import { base45Encode } from '../../core/dcc/base45';
import { encodeCbor } from '../../core/dcc/cbor';
import { decodeCose, decodeHc1 } from '../../core/dcc/decode';
import { issueRecoveryCertificate } from '../../core/dcc/issue-certificate';
import { verifyHc1 } from '../../core/dcc/verify';
import { atIssue, fixtureDscDer, fixtureTimes, nodeSigner, sampleInput } from './helpers/fixtures';

const hc1Of = (cose: Uint8Array): string => `HC1:${base45Encode(new Uint8Array(deflateSync(cose, { level: 9 })))}`;
const trust = { dscs: [fixtureDscDer] };
const validHc1 = async (): Promise<string> => {
  const r = await issueRecoveryCertificate(sampleInput, nodeSigner(), fixtureTimes);
  if (!r.ok) throw new Error(r.error.code);
  return r.value.hc1;
};
const code = (hc1: string): string => {
  const r = decodeHc1(hc1);
  return r.ok ? 'decoded' : r.error.code;
};

describe('transport-level garbage', () => {
  it.each([
    ['empty', '', 'HC1_PREFIX'],
    ['prefix only', 'HC1:', 'HC1_COMPRESSION'],
    ['lower-case prefix', 'hc1:NCF', 'HC1_PREFIX'],
    ['bad base45 character', 'HC1:NCF#', 'HC1_BASE45'],
    ['base45 length ≡ 1 mod 3', 'HC1:NCFO', 'HC1_BASE45'],
    ['base45 overflow', 'HC1:GGW', 'HC1_BASE45'],
    ['not zlib', `HC1:${base45Encode(new Uint8Array([1, 2, 3, 4]))}`, 'HC1_COMPRESSION'],
    ['over 10 KB', `HC1:${'A'.repeat(11 * 1024)}`, 'HC1_TOO_LARGE'],
  ])('%s → %s', (_label, input, expected) => {
    expect(code(input)).toBe(expected);
  });
  it('a zip bomb that fits in 10 KB stops at the inflate cap', () => {
    const bomb = hc1Of(new Uint8Array(4 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(10 * 1024);
    expect(code(bomb)).toBe('HC1_TOO_LARGE');
  });
  it('every truncation of a valid HC1 is rejected, none throws', async () => {
    const hc1 = await validHc1();
    for (let n = 0; n < hc1.length; n++) {
      const report = await verifyHc1(hc1.slice(0, n), trust, { now: atIssue });
      expect(report).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/) } });
    }
  });
  it('random strings never throw and never verify (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ maxLength: 400 }).map((s) => `HC1:${s.toUpperCase()}`),
        ),
        async (s) => {
          expect((await verifyHc1(s, trust, { now: atIssue })).ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
  // A few characters near the end encode only the final deflate byte's unused padding bits: a
  // change there inflates to the very same COSE (a few in ~23 000 mutations; this property used
  // to fail on them now and then). What must hold is that no change alters what was signed.
  it('any single changed character of a valid HC1 makes it invalid or leaves the signed COSE as it was (property)', async () => {
    const hc1 = await validHc1();
    const original = decodeHc1(hc1);
    if (!original.ok) throw new Error(original.error.code);
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 4, max: hc1.length - 1 }),
        fc.integer({ min: 1, max: 44 }),
        async (pos, shift) => {
          const ch = alphabet[(alphabet.indexOf(hc1[pos]!) + shift) % 45]!;
          const mutated = hc1.slice(0, pos) + ch + hc1.slice(pos + 1);
          if (!(await verifyHc1(mutated, trust, { now: atIssue })).ok) return;
          const decoded = decodeHc1(mutated);
          expect(decoded.ok && Buffer.from(decoded.value.coseBytes).equals(Buffer.from(original.value.coseBytes))).toBe(
            true,
          );
        },
      ),
      { numRuns: 300 },
    );
    // Exhaustively where the deflate trailer and padding are: the same invariant, every change.
    for (let pos = hc1.length - 12; pos < hc1.length; pos++) {
      for (let shift = 1; shift < 45; shift++) {
        const ch = alphabet[(alphabet.indexOf(hc1[pos]!) + shift) % 45]!;
        const mutated = hc1.slice(0, pos) + ch + hc1.slice(pos + 1);
        if (!(await verifyHc1(mutated, trust, { now: atIssue })).ok) continue;
        const decoded = decodeHc1(mutated);
        expect(decoded.ok && Buffer.from(decoded.value.coseBytes).equals(Buffer.from(original.value.coseBytes))).toBe(
          true,
        );
      }
    }
  });
});

describe('hostile CBOR', () => {
  it('deeply nested arrays (60 000 levels, under the inflate cap) → HC1_CBOR', () => {
    const deep = new Uint8Array(60_001).fill(0x81);
    deep[60_000] = 0x00;
    expect(code(hc1Of(deep))).toBe('HC1_CBOR');
  });
  it('the decoder still works after hostile input (no corrupted decoder state)', async () => {
    const deep = new Uint8Array(60_001).fill(0x81);
    for (let i = 0; i < 3; i++) code(hc1Of(deep));
    code(hc1Of(new Uint8Array([0x5b, 0x00, 0x20, 0, 0, 0, 0, 0, 0, 1])));
    expect((await verifyHc1(await validHc1(), trust, { now: atIssue })).ok).toBe(true);
  });
  it('deep nesting inside a well-formed COSE payload → typed error', () => {
    const deep = new Uint8Array(50_001).fill(0xa1);
    deep[50_000] = 0x00;
    const cose = encodeCbor(new Tag([encodeCbor(new Map([[1, -7]])), new Map(), deep, new Uint8Array(64)], 18));
    expect(code(hc1Of(cose))).toMatch(/^HC1_(CBOR|CWT)$/);
  });
  it('a byte string claiming 2^53 bytes → HC1_CBOR', () => {
    expect(code(hc1Of(new Uint8Array([0x5b, 0x00, 0x20, 0, 0, 0, 0, 0, 0, 1])))).toBe('HC1_CBOR');
  });
  it('random bytes as COSE never throw (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = decodeCose(bytes);
        if (!r.ok) expect(r.error.code).toMatch(/^HC1_(CBOR|COSE|CWT)$/);
      }),
      { numRuns: 2000 },
    );
  });

  const prot = encodeCbor(
    new Map<number, unknown>([
      [1, -7],
      [4, new Uint8Array(8)],
    ]),
  );
  const claims = encodeCbor(
    new Map<number, unknown>([
      [1, 'DE'],
      [6, 1],
      [4, 2],
      [-260, new Map([[1, new Map([['ver', '1.3.0']])]])],
    ]),
  );
  it.each<[string, unknown, string]>([
    ['a map instead of the COSE array', new Tag(new Map([[1, 2]]), 18), 'HC1_COSE'],
    ['a 3-element array', new Tag([prot, new Map(), claims], 18), 'HC1_COSE'],
    ['tag 17 (COSE_Mac0)', new Tag([prot, new Map(), claims, new Uint8Array(64)], 17), 'HC1_COSE'],
    ['tag 61 alone', new Tag([prot, new Map(), claims, new Uint8Array(64)], 61), 'HC1_COSE'],
    ['protected header as a text string', new Tag(['abc', new Map(), claims, new Uint8Array(64)], 18), 'HC1_COSE'],
    [
      'protected header bytes that are an array',
      new Tag([encodeCbor([1, 2]), new Map(), claims, new Uint8Array(64)], 18),
      'HC1_COSE',
    ],
    ['unprotected header as an array', new Tag([prot, [], claims, new Uint8Array(64)], 18), 'HC1_COSE'],
    ['payload as text', new Tag([prot, new Map(), 'payload', new Uint8Array(64)], 18), 'HC1_COSE'],
    ['detached (null) payload', new Tag([prot, new Map(), null, new Uint8Array(64)], 18), 'HC1_COSE'],
    ['claims as an array', new Tag([prot, new Map(), encodeCbor([1, 2]), new Uint8Array(64)], 18), 'HC1_CWT'],
    [
      'hcert as an array',
      new Tag([prot, new Map(), encodeCbor(new Map([[-260, [1]]])), new Uint8Array(64)], 18),
      'HC1_CWT',
    ],
    [
      'hcert key "1" as a string',
      new Tag([prot, new Map(), encodeCbor(new Map([[-260, new Map([['1', new Map()]])]])), new Uint8Array(64)], 18),
      'HC1_CWT',
    ],
  ])('%s → %s', (_label, structure, expected) => {
    expect(code(hc1Of(encodeCbor(structure)))).toBe(expected);
  });

  it('wrong claim types decode but never verify (iat as text, kid as text, alg as text)', async () => {
    const hc1 = await validHc1();
    const decoded = decodeHc1(hc1);
    if (!decoded.ok) throw new Error('fixture');
    const { cose } = decoded.value;
    const variants = [
      // iat as a text string: claims parse, expiration fails
      new Tag(
        [
          cose.protectedBytes,
          new Map(),
          encodeCbor(
            new Map<number, unknown>([
              [1, 'DE'],
              [6, 'now'],
              [4, 9e9],
              [-260, new Map([[1, new Map()]])],
            ]),
          ),
          cose.signature,
        ],
        18,
      ),
      // kid as text in the protected header
      new Tag(
        [
          encodeCbor(
            new Map<number, unknown>([
              [1, -7],
              [4, 'abcdefgh'],
            ]),
          ),
          new Map(),
          cose.payload,
          cose.signature,
        ],
        18,
      ),
      // alg as text
      new Tag(
        [
          encodeCbor(
            new Map<number, unknown>([
              [1, 'ES256'],
              [4, cose.kid],
            ]),
          ),
          new Map(),
          cose.payload,
          cose.signature,
        ],
        18,
      ),
      // kid of 7 and 9 bytes
      new Tag(
        [
          encodeCbor(
            new Map<number, unknown>([
              [1, -7],
              [4, cose.kid!.slice(0, 7)],
            ]),
          ),
          new Map(),
          cose.payload,
          cose.signature,
        ],
        18,
      ),
      new Tag(
        [
          encodeCbor(
            new Map<number, unknown>([
              [1, -7],
              [4, new Uint8Array([...cose.kid!, 0])],
            ]),
          ),
          new Map(),
          cose.payload,
          cose.signature,
        ],
        18,
      ),
      // unsupported alg (EdDSA) with the right kid
      new Tag(
        [
          encodeCbor(
            new Map<number, unknown>([
              [1, -8],
              [4, cose.kid],
            ]),
          ),
          new Map(),
          cose.payload,
          cose.signature,
        ],
        18,
      ),
      // oversized signature (DER-like, 72 bytes) must not crash
      new Tag([cose.protectedBytes, new Map(), cose.payload, new Uint8Array(72).fill(0x30)], 18),
      // empty signature
      new Tag([cose.protectedBytes, new Map(), cose.payload, new Uint8Array(0)], 18),
    ];
    for (const v of variants) {
      const report = await verifyHc1(hc1Of(encodeCbor(v)), trust, { now: atIssue });
      expect(report).toMatchObject({ ok: false, error: { checks: { signature: false } } });
    }
  });
});
