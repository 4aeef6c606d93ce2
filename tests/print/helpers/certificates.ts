// Test certificates for the print tests: a fresh demo trust chain (core/dcc/demo-trust) signs
// recovery certificates for names that need umlauts/ß, Turkish and Polish letters, so every test
// can check that what the printer received still decodes to a QR that a verifier accepts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoTrustChain } from '../../../core/dcc/demo-trust';
import { issueRecoveryCertificate } from '../../../core/dcc/issue-certificate';
import { createNodeSigner } from '../../../core/dcc/signer/node-signer';
import type { RecoveryInput, RecoveryPayload } from '../../../core/dcc/types';
import { verifyHc1, type VerificationReport } from '../../../core/dcc/verify';
import { certificateDer } from '../../../core/dcc/x509';

export interface TestCertificate {
  readonly hc1: string;
  readonly payload: RecoveryPayload;
  readonly demo: boolean;
}

export const PEOPLE = {
  juergen: { familyName: 'Müller-Lüdenscheidt', givenName: 'Jürgen Groß' },
  ayse: { familyName: 'Yılmaz', givenName: 'Ayşe' },
  zofia: { familyName: 'Wójcik-Łęcka', givenName: 'Zofia' },
} as const;

const base: Omit<RecoveryInput, 'familyName' | 'givenName'> = {
  dateOfBirth: '1964-08-12',
  firstPositiveTest: '2026-04-01',
  validFrom: '2026-04-12',
  validUntil: '2026-09-28',
  country: 'DE',
  issuer: 'Robert Koch-Institut',
  uvci: 'URN:UVCI:01:DE:KIOSK/ABC123XYZ#D',
};

export interface CertificateFactory {
  issue(person: keyof typeof PEOPLE, opts?: { demo?: boolean; dateOfBirth?: string }): Promise<TestCertificate>;
  verify(hc1: string): Promise<VerificationReport>;
}

export async function certificateFactory(): Promise<CertificateFactory> {
  const chain = await generateDemoTrustChain(mkdtempSync(join(tmpdir(), 'print-trust-')));
  const signer = createNodeSigner({ privateKeyPem: readFileSync(chain.keyPath, 'utf8'), dsc: chain.dscPem });
  if (!signer.ok) throw new Error('demo signer unusable');
  const dscDer = certificateDer(chain.dscPem)!;
  const now = Math.floor(Date.now() / 1000);
  return {
    async issue(person, opts = {}) {
      const input = { ...base, ...PEOPLE[person], ...(opts.dateOfBirth ? { dateOfBirth: opts.dateOfBirth } : {}) };
      const cert = await issueRecoveryCertificate(input, signer.value, {
        issuedAt: now - 60,
        expiresAt: now + 86_400,
        issuingCountry: 'DE',
      });
      if (!cert.ok) throw new Error(`issue failed: ${cert.error.code}`);
      return { hc1: cert.value.hc1, payload: cert.value.payload, demo: opts.demo ?? true };
    },
    verify: (hc1) => verifyHc1(hc1, { dscs: [dscDer] }, { now: new Date() }),
  };
}
