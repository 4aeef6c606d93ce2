// Fixed key material and inputs for the certificate-engine tests (see fixtures/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNobleSigner } from '../../../core/dcc/signer/noble-signer';
import { createNodeSigner } from '../../../core/dcc/signer/node-signer';
import type { CwtTimes, RecoveryInput, Signer } from '../../../core/dcc/types';
import { certificateDer } from '../../../core/dcc/x509';

const dir = join(import.meta.dirname, '../fixtures/demo-trust');
export const fixtureKeyPem = readFileSync(join(dir, 'dsc-key.pem'), 'utf8');
export const fixtureDscPem = readFileSync(join(dir, 'dsc.pem'), 'utf8');
export const fixtureCscaPem = readFileSync(join(dir, 'csca.pem'), 'utf8');
export const fixtureDscDer = certificateDer(fixtureDscPem)!;
/** base64 kid of the fixture DSC. */
export const FIXTURE_KID = 'Sw1ZTmBWaLY=';

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(`fixture signer unavailable: ${JSON.stringify(r.error)}`);
  return r.value;
}
export const nobleSigner = (): Signer =>
  unwrap(createNobleSigner({ privateKeyPem: fixtureKeyPem, dsc: fixtureDscPem }));
export const nodeSigner = (): Signer => unwrap(createNodeSigner({ privateKeyPem: fixtureKeyPem, dsc: fixtureDscPem }));

/** 2026-06-01T12:00:00Z, inside the fixture DSC's validity. */
export const ISSUED_AT = Date.UTC(2026, 5, 1, 12) / 1000;
export const fixtureTimes: CwtTimes = {
  issuedAt: ISSUED_AT,
  expiresAt: ISSUED_AT + 180 * 86_400,
  issuingCountry: 'DE',
};
export const atIssue = new Date(ISSUED_AT * 1000);

export const sampleInput: RecoveryInput = {
  familyName: 'Müller-Lüdenscheidt',
  givenName: 'Jürgen Groß',
  dateOfBirth: '1964-08-12',
  firstPositiveTest: '2026-04-01',
  validFrom: '2026-04-29',
  validUntil: '2026-09-28',
  country: 'DE',
  issuer: 'Robert Koch-Institut',
  uvci: 'URN:UVCI:01:DE:KIOSK/ABC123XYZ#D',
};
