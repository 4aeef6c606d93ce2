// DSC parsing, signers and the demo trust chain (docs/dcc-notes.md §4 kid, §7 trust model and EKU).
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { createHash, X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoTrustChain, loadOrCreateDemoTrust } from '../../core/dcc/demo-trust';
import { createNobleSigner } from '../../core/dcc/signer/noble-signer';
import { createNodeSigner } from '../../core/dcc/signer/node-signer';
import { issueRecoveryCertificate } from '../../core/dcc/issue-certificate';
import { verifyHc1 } from '../../core/dcc/verify';
import { DCC_EKU_OIDS, derToPem, keyUsageAllows, parseDsc } from '../../core/dcc/x509';
import {
  fixtureCscaPem,
  fixtureDscDer,
  fixtureDscPem,
  fixtureKeyPem,
  fixtureTimes,
  sampleInput,
} from './helpers/fixtures';
import { makeDsc } from './helpers/make-dsc';
import { loadVectors } from './helpers/vectors';

describe('parseDsc', () => {
  it('kid = first 8 bytes of SHA-256 over the whole DER (matches every vector kid)', () => {
    const vectors = loadVectors().filter((v) => v.TESTCTX.CERTIFICATE);
    expect(vectors.length).toBeGreaterThan(80);
    for (const v of vectors) {
      const der = Buffer.from(v.TESTCTX.CERTIFICATE!, 'base64');
      const info = parseDsc(new Uint8Array(der));
      expect(info.ok && Buffer.from(info.value.kid).toString('hex')).toBe(
        createHash('sha256').update(der).digest('hex').slice(0, 16),
      );
    }
  });
  it('reads PEM and DER alike, and validity and EKU of the fixture DSC', () => {
    const pem = parseDsc(fixtureDscPem);
    const der = parseDsc(fixtureDscDer);
    expect(pem.ok && der.ok).toBe(true);
    if (!pem.ok || !der.ok) return;
    expect(pem.value.kid).toEqual(der.value.kid);
    expect(pem.value.notBefore.toISOString()).toBe('2025-12-31T00:00:00.000Z');
    expect(pem.value.notAfter.toISOString()).toBe('2028-01-01T00:00:00.000Z');
    expect(pem.value.extendedKeyUsages).toEqual([...DCC_EKU_OIDS.r]);
    expect(pem.value.namedCurve).toBe('prime256v1');
    expect(derToPem(der.value.der)).toBe(fixtureDscPem.trim() + '\n');
  });
  it('refuses non-certificates with CONFIG_INVALID', () => {
    expect(parseDsc('not a cert')).toEqual({
      ok: false,
      error: { code: 'CONFIG_INVALID', details: { reason: 'certificate_unreadable' } },
    });
    expect(parseDsc(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])).ok).toBe(false);
  });
});

describe('keyUsageAllows (docs/dcc-notes.md §7)', () => {
  it.each([
    [[], 'r', true],
    [['1.3.6.1.5.5.7.3.1'], 'r', true], // a non-DCC EKU only: DCC types unrestricted
    [[DCC_EKU_OIDS.r[0]], 'r', true],
    [[DCC_EKU_OIDS.r[1]], 'r', true],
    [[DCC_EKU_OIDS.t[0]], 'r', false],
    [[DCC_EKU_OIDS.v[1]], 'r', false],
    [[DCC_EKU_OIDS.r[0]], 'v', false],
    [[...DCC_EKU_OIDS.t, ...DCC_EKU_OIDS.v, ...DCC_EKU_OIDS.r], 't', true],
  ] as const)('%j may sign %s: %s', (ekus, type, allowed) => {
    expect(keyUsageAllows(ekus as readonly string[], type)).toBe(allowed);
  });
});

describe('signers', () => {
  it('node and noble signers carry the DSC kid and produce 64-byte raw signatures', async () => {
    for (const make of [createNodeSigner, createNobleSigner]) {
      const s = make({ privateKeyPem: fixtureKeyPem, dsc: fixtureDscPem });
      expect(s.ok).toBe(true);
      if (!s.ok) continue;
      expect(s.value.algorithm).toBe('ES256');
      expect(Buffer.from(s.value.kid).toString('base64')).toBe('Sw1ZTmBWaLY=');
      expect(await s.value.sign(new Uint8Array([1, 2, 3]))).toHaveLength(64);
    }
  });
  it('refuse a key that does not belong to the DSC', async () => {
    const other = await makeDsc({});
    for (const make of [createNodeSigner, createNobleSigner]) {
      expect(make({ privateKeyPem: other.keyPem, dsc: fixtureDscPem })).toEqual({
        ok: false,
        error: { code: 'SIGNER_UNAVAILABLE', details: { reason: 'key_does_not_match_certificate' } },
      });
    }
  });
  it('refuse unreadable keys and unsupported curves', async () => {
    expect(createNodeSigner({ privateKeyPem: 'garbage', dsc: fixtureDscPem }).ok).toBe(false);
    const p384 = await makeDsc({ key: 'P-384' });
    expect(createNodeSigner({ privateKeyPem: p384.keyPem, dsc: p384.pem })).toEqual({
      ok: false,
      error: { code: 'SIGNER_UNAVAILABLE', details: { reason: 'unsupported_key_type' } },
    });
    const rsa = await makeDsc({ key: 'RSA-2048' });
    expect(createNobleSigner({ privateKeyPem: rsa.keyPem, dsc: rsa.pem }).ok).toBe(false);
  });
  it('error details never contain key material', () => {
    const r = createNodeSigner({ privateKeyPem: fixtureKeyPem.replace('A', 'B'), dsc: fixtureDscPem });
    expect(JSON.stringify(r)).not.toMatch(/BEGIN|PRIVATE/);
  });
});

describe('demo trust chain', () => {
  it('writes CSCA, DSC (AKI = CSCA SKI, EKU recovery, DEMO in subject) and a 0600 key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dcc-demo-'));
    const chain = await generateDemoTrustChain(dir, { now: new Date('2026-03-01T00:00:00Z') });
    expect(statSync(chain.keyPath).mode & 0o777).toBe(0o600);
    const csca = new X509Certificate(chain.cscaPem);
    const dsc = new X509Certificate(chain.dscPem);
    expect(dsc.verify(csca.publicKey)).toBe(true);
    expect(dsc.checkIssued(csca)).toBe(true);
    expect(csca.ca).toBe(true);
    expect(dsc.ca).toBe(false);
    expect(dsc.subject).toContain('DEMO NOT VALID');
    expect(csca.subject).toContain('C=DE');
    expect(csca.subject).toContain('NOT VALID');
    const info = parseDsc(chain.dscPem);
    expect(info.ok && info.value.extendedKeyUsages).toEqual([...DCC_EKU_OIDS.r]);
    expect(info.ok && Buffer.from(info.value.kid).toString('base64')).toBe(chain.kid);
    expect(
      createNodeSigner({
        privateKeyPem: await import('node:fs').then((fs) => fs.readFileSync(chain.keyPath, 'utf8')),
        dsc: chain.dscPem,
      }).ok,
    ).toBe(true);
  });
  it('the fixture chain verifies too (DSC signed by its CSCA)', () => {
    expect(new X509Certificate(fixtureDscPem).verify(new X509Certificate(fixtureCscaPem).publicKey)).toBe(true);
  });
  it('loadOrCreateDemoTrust creates once and reuses afterwards; its certificates verify', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dcc-data-'));
    const first = await loadOrCreateDemoTrust(dataDir);
    const second = await loadOrCreateDemoTrust(dataDir);
    expect(second.kid).toBe(first.kid);
    expect(Buffer.from(second.dscDer).equals(Buffer.from(first.dscDer))).toBe(true);
    expect(statSync(join(dataDir, 'demo-keys', 'dsc-key.pem')).mode & 0o777).toBe(0o600);
    const now = Math.floor(Date.now() / 1000);
    const r = await issueRecoveryCertificate(sampleInput, second.signer, {
      ...fixtureTimes,
      issuedAt: now,
      expiresAt: now + 86_400,
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect((await verifyHc1(r.value.hc1, { dscs: [first.dscDer] }, { now: new Date() })).ok).toBe(true);
  });
  it('kiosks starting together on a fresh data directory all get the same, working demo signer', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dcc-data-'));
    const all = await Promise.all(Array.from({ length: 6 }, () => loadOrCreateDemoTrust(dataDir)));
    expect(new Set(all.map((t) => t.kid)).size).toBe(1);
    expect(readdirSync(dataDir)).toEqual(['demo-keys']);
    const now = Math.floor(Date.now() / 1000);
    for (const t of all) {
      const r = await issueRecoveryCertificate(sampleInput, t.signer, {
        ...fixtureTimes,
        issuedAt: now,
        expiresAt: now + 86_400,
      });
      expect(r.ok && (await verifyHc1(r.value.hc1, { dscs: [all[0]!.dscDer] }, { now: new Date() })).ok).toBe(true);
    }
  });
});
