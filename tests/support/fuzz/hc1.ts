// Fuzzing the verifier (docs/reliability.md): `HC1:` strings as a QR scanner or a clerk would paste them —
// random text, random base45, zlib of random bytes and of random CBOR, and every kind of mutation
// of a valid certificate (characters replaced, dropped, inserted, swapped; bytes of the COSE
// structure flipped). decodeHc1/verifyHc1 must never throw or hang, must give a typed error, and
// no mutation may ever verify. tests/dcc/hostile-input.test.ts holds the hand-made cases.
import { deflateSync, inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { base45Decode, base45Encode } from '../../../core/dcc/base45';
import { encodeCbor } from '../../../core/dcc/cbor';
import { decodeHc1 } from '../../../core/dcc/decode';
import { issueRecoveryCertificate } from '../../../core/dcc/issue-certificate';
import { verifyHc1 } from '../../../core/dcc/verify';
import { atIssue, fixtureDscDer, fixtureTimes, nodeSigner, sampleInput } from '../../dcc/helpers/fixtures';
import { countCases, runs } from '../fuzz-budget';

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const trust = { dscs: [fixtureDscDer] };
const hc1Of = (bytes: Uint8Array) => `HC1:${base45Encode(new Uint8Array(deflateSync(bytes)))}`;

async function expectRejected(hc1: string): Promise<void> {
  const decoded = decodeHc1(hc1);
  if (!decoded.ok) expect(decoded.error.code).toMatch(/^HC1_[A-Z0-9_]+$/);
  const report = await verifyHc1(hc1, trust, { now: atIssue });
  expect(report.ok ? 'valid' : report.error.code, hc1.slice(0, 80)).toMatch(/^[A-Z][A-Z0-9_]+$/);
}

export function fuzzHc1(): void {
  let valid: string;
  let cose: Buffer;
  beforeAll(async () => {
    const r = await issueRecoveryCertificate(sampleInput, nodeSigner(), fixtureTimes);
    if (!r.ok) throw new Error(r.error.code);
    valid = r.value.hc1;
    const b45 = base45Decode(valid.slice(4));
    if (!b45.ok) throw new Error('fixture HC1 does not decode');
    cose = inflateSync(b45.value);
    expect((await verifyHc1(valid, trust, { now: atIssue })).ok).toBe(true);
  });

  describe('verifier (decodeHc1 / verifyHc1)', () => {
    it('random text, base45, zlib and CBOR: typed rejection, never a throw', { timeout: 600_000 }, async () => {
      const numRuns = runs(400, 11_000);
      const garbage = fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.string({ unit: fc.constantFrom(...BASE45), maxLength: 600 }).map((s) => `HC1:${s}`),
        fc.uint8Array({ maxLength: 400 }).map((b) => `HC1:${base45Encode(b)}`),
        fc.uint8Array({ maxLength: 400 }).map(hc1Of),
        fc.jsonValue({ maxDepth: 4 }).map((v) => hc1Of(encodeCbor(v))),
        fc
          .tuple(fc.jsonValue({ maxDepth: 2 }), fc.uint8Array({ maxLength: 80 }))
          .map(([v, sig]) => hc1Of(encodeCbor([encodeCbor({ 1: -7 }), {}, encodeCbor(v), sig]))),
      );
      await fc.assert(fc.asyncProperty(garbage, expectRejected), { numRuns });
      countCases('hc1: garbage', numRuns);
    });

    it('every mutation of a valid HC1 string is rejected', { timeout: 600_000 }, async () => {
      const numRuns = runs(250, 6_000);
      const mutation = fc.tuple(
        fc.nat(),
        fc.constantFrom(...BASE45),
        fc.constantFrom('replace', 'delete', 'insert', 'swap', 'truncate'),
      );
      await fc.assert(
        fc.asyncProperty(mutation, async ([at, ch, kind]) => {
          const i = 4 + (at % (valid.length - 4));
          let s = valid;
          if (kind === 'replace') s = valid.slice(0, i) + ch + valid.slice(i + 1);
          if (kind === 'delete') s = valid.slice(0, i) + valid.slice(i + 1);
          if (kind === 'insert') s = valid.slice(0, i) + ch + valid.slice(i);
          if (kind === 'swap') s = valid.slice(0, i - 1) + valid[i] + valid[i - 1] + valid.slice(i + 1);
          if (kind === 'truncate') s = valid.slice(0, i);
          fc.pre(s !== valid);
          await expectRejected(s);
        }),
        { numRuns },
      );
      countCases('hc1: string mutations', numRuns);
    });

    it(
      'every flipped bit of the COSE structure is rejected (nothing outside the signature counts)',
      { timeout: 600_000 },
      async () => {
        const numRuns = runs(150, 5_000);
        await fc.assert(
          fc.asyncProperty(fc.nat(), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
            const bytes = Buffer.from(cose);
            bytes[at % bytes.length]! ^= 1 << bit;
            await expectRejected(hc1Of(bytes));
          }),
          { numRuns },
        );
        countCases('hc1: COSE bit flips', numRuns);
      },
    );
  });
}
