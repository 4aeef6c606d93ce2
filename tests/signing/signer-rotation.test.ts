// DSC rotation (docs/configuration.md, "next"): `signer.next` takes over at its `from` time
// without a restart; before that the clerk status lists it, and the 30-day warning is silenced
// only when a working successor takes over before the current DSC ends.
import { afterAll, describe, expect, it } from 'vitest';
import { loadSigner, readySigner, signerStatus } from '../../core/issuance/signer-state';
import { makeDirs } from '../issuance/kiosk-helpers';
import { writeDsc } from '../support/dsc';

const dirs = makeDirs();
afterAll(() => dirs.cleanup());
const DAY = 86_400_000;

async function rotation(currentDays: number, fromDays: number, nextBroken = false) {
  const cur = await writeDsc(dirs.configDir, `cur${currentDays}${fromDays}`, {
    validFromDays: -10,
    validToDays: currentDays,
  });
  const nxt = await writeDsc(dirs.configDir, `nxt${currentDays}${fromDays}`, { validFromDays: -1, validToDays: 400 });
  const now = Date.now();
  const loaded = await loadSigner(
    {
      kind: 'pem',
      keyPath: cur.keyPath,
      certPath: cur.certPath,
      next: {
        kind: 'pem',
        keyPath: nextBroken ? '/nonexistent' : nxt.keyPath,
        certPath: nxt.certPath,
        from: new Date(now + fromDays * DAY).toISOString(),
      },
    },
    dirs.dataDir,
  );
  const kidAt = (d: number) => {
    const r = readySigner(loaded, new Date(now + d * DAY));
    return r.ok ? Buffer.from(r.value.signer.kid).toString('hex') : r.error.code;
  };
  return { loaded, kidAt, now };
}

describe('signer.next', () => {
  it('signs with the current DSC before `from` and with the next one from then on, no restart', async () => {
    const { loaded, kidAt, now } = await rotation(20, 5);
    expect(kidAt(1)).not.toBe(kidAt(6));
    expect(signerStatus(loaded, new Date(now + DAY))).toMatchObject({ state: 'ok', next: { state: 'ok' } });
    expect(signerStatus(loaded, new Date(now + 6 * DAY))).toMatchObject({ state: 'ok', daysLeft: 393 });
  });

  it('warns 30 days before the current DSC ends when no working successor takes over in time', async () => {
    const late = await rotation(20, 25);
    expect(signerStatus(late.loaded, new Date(late.now))).toMatchObject({ state: 'degraded' });
    const broken = await rotation(20, 5, true);
    expect(signerStatus(broken.loaded, new Date(broken.now))).toMatchObject({
      state: 'degraded',
      next: { state: 'down', code: 'SIGNER_UNAVAILABLE' },
    });
    expect(broken.kidAt(6)).toBe('SIGNER_UNAVAILABLE');
  });
});
