// Issuing side (docs/dcc-notes.md §0–§4): payload → HC1 → decode gives the payload back; the noble signer is
// deterministic (golden COSE bytes); an invalid payload never reaches the signer; CWT times must
// fit the DSC; the DSC's EKU must allow recovery; a DER-returning signer is refused.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { decodeHc1 } from '../../core/dcc/decode';
import { encodeRecoveryCertificate, issueRecoveryCertificate, signDccPayload } from '../../core/dcc/issue-certificate';
import { buildRecoveryPayload } from '../../core/dcc/payload';
import { createNodeSigner } from '../../core/dcc/signer/node-signer';
import type { RecoveryPayload, Signer } from '../../core/dcc/types';
import { verifyHc1 } from '../../core/dcc/verify';
import { DCC_EKU_OIDS } from '../../core/dcc/x509';
import {
  atIssue,
  FIXTURE_KID,
  fixtureDscDer,
  fixtureTimes,
  nobleSigner,
  nodeSigner,
  sampleInput,
  ISSUED_AT,
} from './helpers/fixtures';
import { makeDsc } from './helpers/make-dsc';

const golden = readFileSync(join(import.meta.dirname, 'fixtures/golden-recovery.cose.hex'), 'utf8').trim();

function spySigner(inner: Signer = nodeSigner()): Signer & { sign: ReturnType<typeof vi.fn> } {
  return { ...inner, sign: vi.fn((bytes: Uint8Array) => inner.sign(bytes)) };
}

describe('round trip', () => {
  it('payload → HC1 → decode gives exactly the payload, CWT claims and kid', async () => {
    const issued = await issueRecoveryCertificate(sampleInput, nodeSigner(), fixtureTimes);
    expect(issued.ok).toBe(true);
    if (!issued.ok) return;
    expect(issued.value.kid).toBe(FIXTURE_KID);
    const decoded = decodeHc1(issued.value.hc1);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.value.payload).toEqual(issued.value.payload);
    expect(decoded.value.claims).toMatchObject({ iss: 'DE', iat: fixtureTimes.issuedAt, exp: fixtureTimes.expiresAt });
    expect(decoded.value.cose.tags).toEqual([18]);
    expect(decoded.value.cose.kidLocation).toBe('protected');
    expect(decoded.value.cose.alg).toBe(-7);
    expect(decoded.value.cose.signature).toHaveLength(64);
    expect(decoded.value.cose.unprotectedHeader.size).toBe(0);
    expect(Buffer.from(decoded.value.coseBytes.subarray(0, 2)).toString('hex')).toBe('d284');
  });

  it('the issued payload is exactly docs/dcc-notes.md §1 (field set, values, order)', () => {
    const p = buildRecoveryPayload(sampleInput);
    expect(p.ok && JSON.stringify(p.value)).toBe(
      JSON.stringify({
        ver: '1.3.0',
        nam: { fn: 'Müller-Lüdenscheidt', fnt: 'MUELLER<LUEDENSCHEIDT', gn: 'Jürgen Groß', gnt: 'JUERGEN<GROSS' },
        dob: '1964-08-12',
        r: [
          {
            tg: '840539006',
            fr: '2026-04-01',
            co: 'DE',
            is: 'Robert Koch-Institut',
            df: '2026-04-29',
            du: '2026-09-28',
            ci: 'URN:UVCI:01:DE:KIOSK/ABC123XYZ#D',
          },
        ],
      }),
    );
  });

  it('verifies with our verifier at issue time', async () => {
    const issued = await issueRecoveryCertificate(sampleInput, nodeSigner(), fixtureTimes);
    if (!issued.ok) throw new Error(issued.error.code);
    const report = await verifyHc1(issued.value.hc1, { dscs: [fixtureDscDer] }, { now: atIssue });
    if (!report.ok) throw new Error(report.error.code);
    expect(report.value).toMatchObject({ kid: FIXTURE_KID, iat: ISSUED_AT });
    expect(Object.values(report.value.checks).every(Boolean)).toBe(true);
  });

  it('any names, dates of birth and validity dates survive the round trip (property)', async () => {
    // At least one real letter: À-ÿ also holds × and ÷, and a name of only those is NAME_INVALID.
    const name = fc.stringMatching(/^[A-Za-zÄÖÜäöüßÀ-ÿŁłŠšŽžĐđ' -]{1,40}$/).filter((s) => /\p{L}/u.test(s));
    const date = fc
      .date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const dob = fc.oneof(
      date,
      date.map((d) => d.slice(0, 7)),
      date.map((d) => d.slice(0, 4)),
      fc.constant(''),
    );
    const signer = nodeSigner();
    await fc.assert(
      fc.asyncProperty(
        name,
        fc.oneof(name, fc.constant('')),
        dob,
        date,
        async (familyName, givenName, dateOfBirth, fr) => {
          const input = {
            ...sampleInput,
            familyName,
            givenName,
            dateOfBirth,
            firstPositiveTest: fr,
            validFrom: fr,
            validUntil: fr,
          };
          const issued = await issueRecoveryCertificate(input, signer, fixtureTimes);
          if (!issued.ok) throw new Error(issued.error.code);
          const decoded = decodeHc1(issued.value.hc1);
          expect(decoded.ok && decoded.value.payload).toEqual(issued.value.payload);
          const nam = issued.value.payload.nam;
          expect(nam.fn).toBe(familyName.normalize('NFC').trim());
          if (givenName.trim() === '') expect(nam).not.toHaveProperty('gn');
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('deterministic noble signer (golden)', () => {
  it('same input and key give the golden COSE bytes, byte for byte', async () => {
    const a = await issueRecoveryCertificate(sampleInput, nobleSigner(), fixtureTimes);
    const b = await issueRecoveryCertificate(sampleInput, nobleSigner(), fixtureTimes);
    expect(a.ok && Buffer.from(a.value.cose).toString('hex')).toBe(golden);
    expect(a.ok && b.ok && a.value.hc1 === b.value.hc1).toBe(true);
  });
  it('the golden certificate verifies (noble signature accepted by node:crypto)', async () => {
    const a = await issueRecoveryCertificate(sampleInput, nobleSigner(), fixtureTimes);
    if (!a.ok) throw new Error(a.error.code);
    expect((await verifyHc1(a.value.hc1, { dscs: [fixtureDscDer] }, { now: atIssue })).ok).toBe(true);
  });
  it('a different input gives a different signature', async () => {
    const a = await issueRecoveryCertificate(sampleInput, nobleSigner(), fixtureTimes);
    const b = await issueRecoveryCertificate({ ...sampleInput, givenName: 'Jürgen' }, nobleSigner(), fixtureTimes);
    expect(a.ok && b.ok && Buffer.from(a.value.cose.slice(-64)).equals(Buffer.from(b.value.cose.slice(-64)))).toBe(
      false,
    );
  });
});

describe('never signs what it must not', () => {
  const valid = () => {
    const p = buildRecoveryPayload(sampleInput);
    if (!p.ok) throw new Error('fixture');
    return p.value;
  };
  it.each([
    ['unknown country', (p: RecoveryPayload) => ({ ...p, r: [{ ...p.r[0], co: 'XY' }] })],
    ['fnt with a digit', (p: RecoveryPayload) => ({ ...p, nam: { ...p.nam, fnt: 'MUELLER2' } })],
    ['dob with a 13th month', (p: RecoveryPayload) => ({ ...p, dob: '1964-13-01' })],
    ['dob 30 February', (p: RecoveryPayload) => ({ ...p, dob: '1964-02-30' })],
    ['du not a date', (p: RecoveryPayload) => ({ ...p, r: [{ ...p.r[0], du: '2026-09-31' }] })],
    ['two recovery entries', (p: RecoveryPayload) => ({ ...p, r: [p.r[0], p.r[0]] })],
    ['recovery plus vaccination', (p: RecoveryPayload) => ({ ...p, v: [] })],
    [
      'UVCI longer than 80',
      (p: RecoveryPayload) => ({ ...p, r: [{ ...p.r[0], ci: `URN:UVCI:01:DE:${'A'.repeat(80)}` }] }),
    ],
    ['wrong disease', (p: RecoveryPayload) => ({ ...p, r: [{ ...p.r[0], tg: '12345' }] })],
  ])('%s → SCHEMA_INVALID, signer never called', async (_label, mutate) => {
    const signer = spySigner();
    const r = await encodeRecoveryCertificate(mutate(valid()) as unknown as RecoveryPayload, signer, fixtureTimes);
    expect(r.ok ? 'signed' : r.error.code).toBe('SCHEMA_INVALID');
    expect(signer.sign).not.toHaveBeenCalled();
  });
  it('the schema error names the path, never the value', async () => {
    const p = valid();
    const r = await encodeRecoveryCertificate({ ...p, r: [{ ...p.r[0], co: 'XY' }] }, spySigner(), fixtureTimes);
    expect(r).toEqual({
      ok: false,
      error: { code: 'SCHEMA_INVALID', details: { path: '/r/0/co', keyword: 'valueset-uri' } },
    });
  });
  it('bad names and dates from the input are typed errors before signing', async () => {
    const signer = spySigner();
    const cases: [Partial<typeof sampleInput>, string][] = [
      [{ familyName: '  ' }, 'NAME_INVALID'],
      [{ familyName: 'محمد' }, 'NAME_NOT_TRANSLITERABLE'],
      [{ familyName: 'X'.repeat(81) }, 'NAME_INVALID'],
      [{ dateOfBirth: '1964-02-30' }, 'DOB_INVALID'],
      [{ dateOfBirth: '1899-01-01' }, 'DOB_INVALID'],
      [{ dateOfBirth: '1964-08-12T00:00:00Z' }, 'DOB_INVALID'],
      [{ firstPositiveTest: '2026-02-29' }, 'INVALID_INPUT'],
      [{ country: 'XY' }, 'SCHEMA_INVALID'],
      [{ issuer: 'I'.repeat(81) }, 'SCHEMA_INVALID'],
    ];
    for (const [change, code] of cases) {
      const r = await issueRecoveryCertificate({ ...sampleInput, ...change }, signer, fixtureTimes);
      expect(r.ok ? 'signed' : r.error.code).toBe(code);
      expect(JSON.stringify(r)).not.toContain('Müller');
    }
    expect(signer.sign).not.toHaveBeenCalled();
  });
  it('signDccPayload (encode CLI) also validates first', async () => {
    const signer = spySigner();
    const r = await signDccPayload({ ver: '1.3.0', nam: { fnt: 'X' }, dob: '' }, signer, fixtureTimes);
    expect(r.ok ? 'signed' : r.error.code).toBe('SCHEMA_INVALID');
    expect(signer.sign).not.toHaveBeenCalled();
  });
});

describe('CWT times and DSC', () => {
  it('refuses iat before the DSC notBefore and exp after its notAfter', async () => {
    const early = await issueRecoveryCertificate(sampleInput, nodeSigner(), {
      ...fixtureTimes,
      issuedAt: Date.UTC(2025, 0, 1) / 1000,
    });
    expect(early.ok ? 'signed' : early.error.code).toBe('SIGNER_CERT_NOT_YET_VALID');
    const late = await issueRecoveryCertificate(sampleInput, nodeSigner(), {
      ...fixtureTimes,
      expiresAt: Date.UTC(2030, 0, 1) / 1000,
    });
    expect(late.ok ? 'signed' : late.error.code).toBe('SIGNER_CERT_EXPIRED');
  });
  it('refuses non-integer or inverted times and an unknown issuing country', async () => {
    const float = await issueRecoveryCertificate(sampleInput, nodeSigner(), {
      ...fixtureTimes,
      issuedAt: ISSUED_AT + 0.5,
    });
    expect(float.ok ? 'signed' : float.error.code).toBe('INVALID_INPUT');
    const inverted = await issueRecoveryCertificate(sampleInput, nodeSigner(), {
      ...fixtureTimes,
      expiresAt: ISSUED_AT - 1,
    });
    expect(inverted.ok ? 'signed' : inverted.error.code).toBe('INVALID_INPUT');
    const iss = await issueRecoveryCertificate(sampleInput, nodeSigner(), { ...fixtureTimes, issuingCountry: 'XX' });
    expect(iss.ok ? 'signed' : iss.error.code).toBe('CONFIG_INVALID');
  });
  it('refuses a DSC whose EKU allows only test/vaccination (docs/dcc-notes.md §7, CO7/CO9)', async () => {
    const dsc = await makeDsc({ eku: [DCC_EKU_OIDS.t[0]!, DCC_EKU_OIDS.v[1]!] });
    const signer = createNodeSigner({ privateKeyPem: dsc.keyPem, dsc: dsc.pem });
    if (!signer.ok) throw new Error(signer.error.code);
    const r = await issueRecoveryCertificate(sampleInput, signer.value, fixtureTimes);
    expect(r.ok ? 'signed' : r.error.code).toBe('SIGNER_CERT_WRONG_USAGE');
  });
  it('signs PS256 with an RSA DSC, and the verifier accepts it', async () => {
    const dsc = await makeDsc({ key: 'RSA-2048' });
    const signer = createNodeSigner({ privateKeyPem: dsc.keyPem, dsc: dsc.pem });
    if (!signer.ok) throw new Error(signer.error.code);
    expect(signer.value.algorithm).toBe('PS256');
    const r = await issueRecoveryCertificate(sampleInput, signer.value, fixtureTimes);
    if (!r.ok) throw new Error(r.error.code);
    const decoded = decodeHc1(r.value.hc1);
    expect(decoded.ok && decoded.value.cose.alg).toBe(-37);
    expect(decoded.ok && decoded.value.cose.signature.length).toBe(256);
    expect((await verifyHc1(r.value.hc1, { dscs: [dsc.der] }, { now: atIssue })).ok).toBe(true);
  });
  it('refuses a signer that returns DER instead of raw r‖s', async () => {
    const inner = nodeSigner();
    const derSigner: Signer = {
      ...inner,
      async sign(bytes) {
        const raw = await inner.sign(bytes);
        const int = (b: Uint8Array) => (b[0]! & 0x80 ? [0x02, b.length + 1, 0, ...b] : [0x02, b.length, ...b]);
        const body = [...int(raw.slice(0, 32)), ...int(raw.slice(32))];
        return new Uint8Array([0x30, body.length, ...body]);
      },
    };
    const r = await issueRecoveryCertificate(sampleInput, derSigner, fixtureTimes);
    expect(r).toEqual({ ok: false, error: { code: 'SIGNER_UNAVAILABLE', details: { reason: 'signature_format' } } });
  });
  it('a throwing (e.g. HSM) signer becomes SIGNER_UNAVAILABLE', async () => {
    const r = await issueRecoveryCertificate(
      sampleInput,
      { ...nodeSigner(), sign: () => Promise.reject(new Error('token removed')) },
      fixtureTimes,
    );
    expect(r).toEqual({ ok: false, error: { code: 'SIGNER_UNAVAILABLE', details: { reason: 'sign_failed' } } });
  });
});
