// The verifier's report (docs/dcc-notes.md §4, §7): each failing check shows up under its own name with a
// typed error; kid rules (protected wins, unprotected accepted, 8 bytes), all tag forms, every DSC
// with the kid is tried. Certificates here are built with the low-level pieces so that they can
// break rules the issuing path refuses to break.
import { Tag } from 'cbor-x';
import { describe, expect, it } from 'vitest';
import { encodeCbor } from '../../core/dcc/cbor';
import { sigStructure, signCoseSign1 } from '../../core/dcc/cose';
import { encodeCwtClaims } from '../../core/dcc/cwt';
import { buildRecoveryPayload } from '../../core/dcc/payload';
import { createNodeSigner } from '../../core/dcc/signer/node-signer';
import { toHc1 } from '../../core/dcc/transport';
import type { Signer } from '../../core/dcc/types';
import { findSigningDsc, verifyHc1 } from '../../core/dcc/verify';
import { DCC_EKU_OIDS, parseDsc } from '../../core/dcc/x509';
import { decodeHc1 } from '../../core/dcc/decode';
import { atIssue, fixtureDscDer, ISSUED_AT, nodeSigner, sampleInput } from './helpers/fixtures';
import { makeDsc } from './helpers/make-dsc';

const payload = (() => {
  const p = buildRecoveryPayload(sampleInput);
  if (!p.ok) throw new Error('fixture');
  return p.value;
})();
const DAY = 86_400;

async function rawHc1(opts: { signer?: Signer; body?: unknown; iat?: number; exp?: number } = {}): Promise<string> {
  const claims = encodeCwtClaims(opts.body ?? payload, {
    iss: 'DE',
    iat: opts.iat ?? ISSUED_AT,
    exp: opts.exp ?? ISSUED_AT + 30 * DAY,
  });
  if (!claims.ok) throw new Error('claims');
  return toHc1(await signCoseSign1(claims.value, opts.signer ?? nodeSigner()));
}

/** Re-signs with custom headers/tags (what other issuers do). */
async function customCose(opts: {
  protectedMap: Map<number, unknown>;
  unprotected?: Map<number, unknown>;
  wrap: (arr: unknown[]) => unknown;
}) {
  const claims = encodeCwtClaims(payload, { iss: 'DE', iat: ISSUED_AT, exp: ISSUED_AT + DAY });
  if (!claims.ok) throw new Error('claims');
  const protectedBytes = encodeCbor(opts.protectedMap);
  const signature = await nodeSigner().sign(sigStructure(protectedBytes, claims.value));
  return toHc1(encodeCbor(opts.wrap([protectedBytes, opts.unprotected ?? new Map(), claims.value, signature])));
}

const trust = { dscs: [fixtureDscDer] };
const kid = nodeSigner().kid;

describe('report of a valid certificate', () => {
  it('lists every check as passed plus kid, iss, iat, exp and the payload', async () => {
    const report = await verifyHc1(await rawHc1(), trust, { now: atIssue });
    expect(report).toEqual({
      ok: true,
      value: {
        checks: {
          prefix: true,
          base45: true,
          compression: true,
          cbor: true,
          signature: true,
          expiration: true,
          dscValidity: true,
          keyUsage: true,
          schema: true,
        },
        payload,
        kid: Buffer.from(kid).toString('base64'),
        iss: 'DE',
        iat: ISSUED_AT,
        exp: ISSUED_AT + 30 * DAY,
      },
    });
  });
});

describe('each failing check is named', () => {
  it('clock before iat → NOT_YET_VALID; after exp → EXPIRED (CO16, CO17)', async () => {
    const hc1 = await rawHc1();
    const early = await verifyHc1(hc1, trust, { now: new Date((ISSUED_AT - 1) * 1000) });
    expect(early).toMatchObject({
      ok: false,
      error: { code: 'NOT_YET_VALID', checks: { expiration: false, signature: true } },
    });
    const late = await verifyHc1(hc1, trust, { now: new Date((ISSUED_AT + 30 * DAY + 1) * 1000) });
    expect(late).toMatchObject({ ok: false, error: { code: 'EXPIRED', checks: { expiration: false } } });
  });
  it('unknown DSC → KID_UNKNOWN', async () => {
    const other = await makeDsc({});
    const report = await verifyHc1(await rawHc1(), { dscs: [other.der] }, { now: atIssue });
    expect(report).toMatchObject({
      ok: false,
      error: { code: 'KID_UNKNOWN', checks: { signature: false, keyUsage: false, dscValidity: false } },
    });
  });
  it('tampered payload → SIGNATURE_INVALID', async () => {
    const d = decodeHc1(await rawHc1());
    if (!d.ok) throw new Error('fixture');
    const { cose } = d.value;
    const tampered = new Uint8Array(cose.payload);
    tampered[tampered.length - 2]! ^= 0x01;
    const hc1 = toHc1(encodeCbor(new Tag([cose.protectedBytes, new Map(), tampered, cose.signature], 18)));
    expect(await verifyHc1(hc1, trust, { now: atIssue })).toMatchObject({
      ok: false,
      error: { code: 'SIGNATURE_INVALID' },
    });
  });
  it('DSC expired at "now" although the CWT is not → DSC_NOT_VALID', async () => {
    const dsc = await makeDsc({
      notBefore: new Date('2026-01-01T00:00:00Z'),
      notAfter: new Date('2026-06-02T00:00:00Z'),
    });
    const signer = createNodeSigner({ privateKeyPem: dsc.keyPem, dsc: dsc.pem });
    if (!signer.ok) throw new Error(signer.error.code);
    const hc1 = await rawHc1({ signer: signer.value });
    const report = await verifyHc1(hc1, { dscs: [dsc.der] }, { now: new Date('2026-06-10T00:00:00Z') });
    expect(report).toMatchObject({
      ok: false,
      error: { code: 'DSC_NOT_VALID', checks: { signature: true, expiration: true, dscValidity: false } },
    });
  });
  it('DSC whose EKU only allows tests signing a recovery → KEY_USAGE (CO7)', async () => {
    const dsc = await makeDsc({ eku: [DCC_EKU_OIDS.t[1]!] });
    const signer = createNodeSigner({ privateKeyPem: dsc.keyPem, dsc: dsc.pem });
    if (!signer.ok) throw new Error(signer.error.code);
    const report = await verifyHc1(await rawHc1({ signer: signer.value }), { dscs: [dsc.der] }, { now: atIssue });
    expect(report).toMatchObject({
      ok: false,
      error: { code: 'KEY_USAGE', checks: { signature: true, keyUsage: false } },
    });
  });
  it('signed but schema-invalid payload → SCHEMA_INVALID', async () => {
    const report = await verifyHc1(await rawHc1({ body: { ...payload, dob: '1964-13-01' } }), trust, { now: atIssue });
    expect(report).toMatchObject({
      ok: false,
      error: { code: 'SCHEMA_INVALID', checks: { signature: true, schema: false } },
    });
  });
  it('transport failures mark the failed step and everything after it', async () => {
    const hc1 = await rawHc1();
    expect(await verifyHc1(hc1.replace('HC1:', 'HC2:'), trust, { now: atIssue })).toMatchObject({
      ok: false,
      error: { code: 'HC1_PREFIX', checks: { prefix: false, base45: false, compression: false, cbor: false } },
    });
    expect(await verifyHc1(`${hc1}a`, trust, { now: atIssue })).toMatchObject({
      ok: false,
      error: { code: 'HC1_BASE45', checks: { prefix: true, base45: false } },
    });
  });
});

describe('kid and tag rules', () => {
  it('kid only in the unprotected header is accepted (DE vectors, CO19)', async () => {
    const hc1 = await customCose({
      protectedMap: new Map([[1, -7]]),
      unprotected: new Map([[4, kid]]),
      wrap: (a) => new Tag(a, 18),
    });
    expect((await verifyHc1(hc1, trust, { now: atIssue })).ok).toBe(true);
  });
  it('protected kid wins over a wrong unprotected kid (CO21) and a wrong protected kid fails (CO22)', async () => {
    const wrong = new Uint8Array(8).fill(7);
    const good = await customCose({
      protectedMap: new Map<number, unknown>([
        [1, -7],
        [4, kid],
      ]),
      unprotected: new Map([[4, wrong]]),
      wrap: (a) => new Tag(a, 18),
    });
    expect((await verifyHc1(good, trust, { now: atIssue })).ok).toBe(true);
    const bad = await customCose({
      protectedMap: new Map<number, unknown>([
        [1, -7],
        [4, wrong],
      ]),
      unprotected: new Map([[4, kid]]),
      wrap: (a) => new Tag(a, 18),
    });
    expect(await verifyHc1(bad, trust, { now: atIssue })).toMatchObject({ ok: false, error: { code: 'KID_UNKNOWN' } });
  });
  it('no kid anywhere → KID_MISSING', async () => {
    const hc1 = await customCose({ protectedMap: new Map([[1, -7]]), wrap: (a) => new Tag(a, 18) });
    expect(await verifyHc1(hc1, trust, { now: atIssue })).toMatchObject({ ok: false, error: { code: 'KID_MISSING' } });
  });
  it('untagged and 61(18(…)) COSE_Sign1 verify (ES/1502, CO28)', async () => {
    const prot = new Map<number, unknown>([
      [1, -7],
      [4, kid],
    ]);
    for (const wrap of [(a: unknown[]) => a, (a: unknown[]) => new Tag(new Tag(a, 18), 61)]) {
      expect((await verifyHc1(await customCose({ protectedMap: prot, wrap }), trust, { now: atIssue })).ok).toBe(true);
    }
  });
  it('tries every DSC that carries the kid (collisions happen)', async () => {
    const d = decodeHc1(await rawHc1());
    const real = parseDsc(fixtureDscDer);
    const impostorDsc = parseDsc((await makeDsc({})).der);
    if (!d.ok || !real.ok || !impostorDsc.ok) throw new Error('fixture');
    const impostor = { ...impostorDsc.value, kid: real.value.kid };
    expect(findSigningDsc(d.value.cose, [impostor, real.value])).toMatchObject({
      ok: true,
      value: { der: real.value.der },
    });
    expect(findSigningDsc(d.value.cose, [impostor])).toEqual({ ok: false, error: 'SIGNATURE_INVALID' });
  });
});
