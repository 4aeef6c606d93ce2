// The `pkcs11` signer against a real token (Debian SoftHSM2, tests/support/softhsm.ts): the DSC
// key is generated inside the token and cannot be read out; certificates signed by the token
// through the KioskApi verify on a path sharing no engine code; a wrong PIN, a missing token, a
// wrong key label and an unsafe PIN file each give their own code at start-up (refused before
// any lookup) and on the clerk status.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../core/clerk/pin-hash';
import {
  acquirePkcs11Module,
  findByLabel,
  findTokenSlot,
  openUserSession,
  pkcs11Code,
} from '../../core/dcc/signer/pkcs11-module';
import { openPkcs11Signer } from '../../core/dcc/signer/pkcs11-signer';
import { makeDirs, openKiosk, person, requestFor } from '../issuance/kiosk-helpers';
import { decodeIndependently } from '../support/independent-decode';
import { startRecordsService, type RecordsService } from '../support/records-service';
import { auditLines } from '../support/registry-inspect';
import { createSoftHsmToken, type SoftHsmToken } from '../support/softhsm';

const NOW = new Date();
const PIN = '8642';
let token: SoftHsmToken;
let records: RecordsService;
const people = Array.from({ length: 8 }, (_, i) => person(NOW, `Token${'abcdefgh'[i]}`, 'Hanna', '1980-05-05', 40));
let used = 0;

beforeAll(async () => {
  token = await createSoftHsmToken();
  records = await startRecordsService(people);
});
afterAll(async () => {
  await records?.close();
  token?.cleanup();
});

async function kioskWith(signer: Record<string, unknown>) {
  const dirs = makeDirs();
  const configPath = join(dirs.configDir, 'kiosk.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      kioskId: 'kiosk-hsm',
      recordSource: records.recordSource,
      signer,
      clerk: { pinHash: await hashPin(PIN) },
    }),
  );
  const kiosk = await openKiosk({ dataDir: dirs.dataDir, configPath, now: () => NOW });
  const p = people[used++]!;
  const issued = await kiosk.api.issue(requestFor(p));
  const unlocked = await kiosk.api.clerkUnlock({ clerkId: 'clerk', pin: PIN });
  if (!unlocked.ok) throw new Error(unlocked.error.code);
  const status = await kiosk.api.clerkStatus({ token: unlocked.value.token });
  const lookups = kiosk.logLines.filter((l) => l.includes('record-source.lookup')).length;
  await kiosk.close();
  return {
    issued,
    status: status.ok ? status.value.signer : undefined,
    lookups,
    dataDir: dirs.dataDir,
    cleanup: dirs.cleanup,
  };
}

describe('pkcs11 signer with SoftHSM2', () => {
  it('the DSC key was generated in the token as sensitive and never extractable; its value cannot be read', async () => {
    const m = await acquirePkcs11Module(token.module);
    if (!m.ok) throw new Error(m.error.code);
    const { lib, k } = m.value;
    try {
      const slot = findTokenSlot(m.value, token.tokenLabel);
      if (!slot.ok) throw new Error(slot.error.code);
      const session = openUserSession(m.value, slot.value, token.pin);
      if (!session.ok) throw new Error(session.error.code);
      const [key] = findByLabel(m.value, session.value, k.CKO_PRIVATE_KEY, token.keyLabel);
      const attrs = lib.C_GetAttributeValue(session.value, key!, [
        { type: k.CKA_EXTRACTABLE },
        { type: k.CKA_SENSITIVE },
        { type: k.CKA_NEVER_EXTRACTABLE },
      ]);
      expect(attrs.map((a) => a.value?.[0])).toEqual([0, 1, 1]);
      let code: number | undefined;
      try {
        lib.C_GetAttributeValue(session.value, key!, [{ type: k.CKA_VALUE }]);
      } catch (e) {
        code = pkcs11Code(e);
      }
      expect(code).toBe(k.CKR_ATTRIBUTE_SENSITIVE);
      lib.C_CloseSession(session.value);
    } finally {
      m.value.release();
    }
  });

  it('signs raw r‖s (64 bytes) over SHA-256 that verifies against the DSC', async () => {
    const signer = await openPkcs11Signer({ ...token, pin: token.pin, dsc: readFileSync(token.dscPath, 'utf8') });
    if (!signer.ok) throw new Error(signer.error.code);
    const data = new TextEncoder().encode('Sig_structure stand-in');
    const signature = await signer.value.sign(data);
    signer.value.close();
    expect(signature).toHaveLength(64);
    const { createVerify } = await import('node:crypto');
    expect(
      createVerify('sha256').update(data).verify({ key: token.publicKey, dsaEncoding: 'ieee-p1363' }, signature),
    ).toBe(true);
  });

  it('issues through the KioskApi; the certificate verifies on the independent decode path; audit names both kinds', async () => {
    const r = await kioskWith(token.signerConfig);
    try {
      if (!r.issued.ok) throw new Error(r.issued.error.code);
      const check = await decodeIndependently(r.issued.value.hc1, readFileSync(token.dscPath));
      expect(check).toMatchObject({ signatureValid: true, kidMatches: true, signatureLength: 64, alg: -7 });
      expect(r.status).toMatchObject({ state: 'ok', kind: 'pkcs11', demo: false });
      const issuedLine = auditLines(r.dataDir).find((l) => l.event === 'certificate.issued');
      expect(issuedLine).toMatchObject({ signer: 'pkcs11', recordSource: 'dikoma' });
    } finally {
      r.cleanup();
    }
  });

  it.each([
    ['wrong PIN', 'SIGNER_PIN_WRONG', () => ({ pinFile: secretFile('wrong-pin', '999999') })],
    ['missing token', 'SIGNER_TOKEN_MISSING', () => ({ tokenLabel: 'no-such-token' })],
    ['wrong key label', 'SIGNER_KEY_NOT_FOUND', () => ({ keyLabel: 'no-such-key' })],
    [
      'PIN file readable by others',
      'SIGNER_SECRET_FILE_UNSAFE',
      () => ({ pinFile: secretFile('open-pin', token.pin, 0o644) }),
    ],
    ['PKCS#11 module missing', 'SIGNER_UNAVAILABLE', () => ({ module: join(token.dir, 'no-such-module.so') })],
  ] as const)('%s: starts, refuses with %s before any lookup, clerk status shows it', async (_label, code, change) => {
    const r = await kioskWith({ ...token.signerConfig, ...change() });
    r.cleanup();
    expect(r.issued.ok ? 'issued' : r.issued.error.code).toBe(code);
    expect(r.status).toMatchObject({ state: 'down', code, kind: 'pkcs11' });
    expect(r.lookups).toBe(0);
  });
});

function secretFile(name: string, text: string, mode = 0o600): string {
  const path = join(token.dir, name);
  writeFileSync(path, `${text}\n`, { mode });
  chmodSync(path, mode);
  return path;
}
