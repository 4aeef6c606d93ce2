// maySign is the one decision "may this DSC sign now?": validity window (iat and exp), extended key
// usage for the certificate type, key type for the algorithm. The kiosk's readiness (readySigner) and
// the signing pipeline (issueRecoveryCertificate) both answer through it, so they cannot disagree.
import { describe, expect, it } from 'vitest';
import { issueRecoveryCertificate } from '../../core/dcc/issue-certificate';
import { maySign, type SigningRequest } from '../../core/dcc/signer/may-sign';
import { DCC_EKU_OIDS, parseDsc, type DscInfo } from '../../core/dcc/x509';
import { readySigner, type LoadedSigner } from '../../core/issuance/signer-state';
import { fixtureDscPem, fixtureTimes, nobleSigner, sampleInput } from './helpers/fixtures';

const parsed = parseDsc(fixtureDscPem);
if (!parsed.ok) throw new Error('fixture DSC unreadable');
const dsc: DscInfo = parsed.value;
const inside = new Date((dsc.notBefore.getTime() + dsc.notAfter.getTime()) / 2);
const request: SigningRequest = { issuedAt: inside, type: 'r', algorithm: 'ES256' };
const code = (r: ReturnType<typeof maySign>) => (r.ok ? 'ok' : r.error.code);

describe('maySign', () => {
  it('allows a recovery certificate inside the validity with a fitting key', () => {
    expect(maySign(dsc, request)).toEqual({ ok: true, value: undefined });
  });

  it('refuses before notBefore and after notAfter, with the date that decided', () => {
    const early = maySign(dsc, { ...request, issuedAt: new Date(dsc.notBefore.getTime() - 1) });
    expect(early).toEqual({
      ok: false,
      error: { code: 'SIGNER_CERT_NOT_YET_VALID', details: { notBefore: dsc.notBefore.toISOString() } },
    });
    const late = maySign(dsc, { ...request, issuedAt: new Date(dsc.notAfter.getTime() + 1) });
    expect(late).toEqual({
      ok: false,
      error: { code: 'SIGNER_CERT_EXPIRED', details: { notAfter: dsc.notAfter.toISOString() } },
    });
  });

  it('refuses an expiry that outlives the DSC, and allows one that ends with it', () => {
    expect(code(maySign(dsc, { ...request, expiresAt: new Date(dsc.notAfter.getTime() + 1000) }))).toBe(
      'SIGNER_CERT_EXPIRED',
    );
    expect(code(maySign(dsc, { ...request, expiresAt: dsc.notAfter }))).toBe('ok');
  });

  it('follows the extended key usage: recovery-only, vaccination-only, none', () => {
    const withEku = (eku: readonly string[]): DscInfo => ({ ...dsc, extendedKeyUsages: eku });
    expect(code(maySign(withEku(DCC_EKU_OIDS.r), request))).toBe('ok');
    expect(code(maySign(withEku(DCC_EKU_OIDS.v), request))).toBe('SIGNER_CERT_WRONG_USAGE');
    expect(code(maySign(withEku(DCC_EKU_OIDS.v), { ...request, type: 'v' }))).toBe('ok');
    expect(code(maySign(withEku([]), request))).toBe('ok');
  });

  it('refuses a DSC whose key does not fit the algorithm', () => {
    expect(code(maySign(dsc, { ...request, algorithm: 'PS256' }))).toBe('SIGNER_UNAVAILABLE');
    const rsa: DscInfo = { ...dsc, keyType: 'rsa', namedCurve: undefined };
    expect(code(maySign(rsa, request))).toBe('SIGNER_UNAVAILABLE');
    expect(code(maySign(rsa, { ...request, algorithm: 'PS256' }))).toBe('ok');
  });

  it('checks in order: validity first, then usage', () => {
    const both: DscInfo = { ...dsc, extendedKeyUsages: DCC_EKU_OIDS.v };
    expect(code(maySign(both, { ...request, issuedAt: new Date(dsc.notAfter.getTime() + 1) }))).toBe(
      'SIGNER_CERT_EXPIRED',
    );
  });
});

describe('the kiosk and the signing pipeline answer through maySign', () => {
  const loaded = (d: DscInfo): LoadedSigner => ({
    ok: true,
    value: { signer: nobleSigner(), dsc: d },
    demo: false,
    kind: 'pem',
    close: () => undefined,
  });

  it('readySigner gives maySign’s answer at `now`', () => {
    for (const at of [inside, new Date(dsc.notBefore.getTime() - 1), new Date(dsc.notAfter.getTime() + 1)]) {
      const ready = readySigner(loaded(dsc), at);
      expect(ready.ok ? 'ok' : ready.error.code).toBe(code(maySign(dsc, { ...request, issuedAt: at })));
    }
  });

  it('issueRecoveryCertificate refuses an exp beyond the DSC before signing', async () => {
    const beyond = { ...fixtureTimes, expiresAt: Math.floor(dsc.notAfter.getTime() / 1000) + 1 };
    const issued = await issueRecoveryCertificate(sampleInput, nobleSigner(), beyond);
    expect(issued.ok ? 'ok' : issued.error.code).toBe('SIGNER_CERT_EXPIRED');
  });
});
