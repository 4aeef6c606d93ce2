// qrPng draws every module as an exact `scale`×`scale` square at its place inside the quiet zone
// (docs/dcc-notes.md §5) — checked pixel by pixel against qrMatrix for several scales and margins, because
// the renderer copies rows and uses PNG row filters for speed (bench: qr_png), and a printer or
// phone must get exactly the symbol the matrix describes, nothing blurred or shifted.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { issueRecoveryCertificate } from '../../core/dcc/issue-certificate';
import { qrMatrix, qrPng } from '../../core/dcc/qr';
import { fixtureTimes, nodeSigner, sampleInput } from './helpers/fixtures';

describe('qrPng pixels', () => {
  it('equal the matrix modules, scaled, inside a white quiet zone of at least 4 modules', async () => {
    const issued = await issueRecoveryCertificate(sampleInput, nodeSigner(), fixtureTimes);
    if (!issued.ok) throw new Error(issued.error.code);
    const { hc1 } = issued.value;
    const m = qrMatrix(hc1);
    for (const [scale, margin] of [
      [1, 4],
      [3, 1],
      [8, undefined],
      [5, 6],
    ] as const) {
      const img = PNG.sync.read(Buffer.from(await qrPng(hc1, { scale, ...(margin !== undefined ? { margin } : {}) })));
      const quiet = Math.max(4, margin ?? 4);
      expect(img.width).toBe((m.size + 2 * quiet) * scale);
      expect(img.height).toBe(img.width);
      let mismatches = 0;
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          const r = Math.floor(y / scale) - quiet;
          const c = Math.floor(x / scale) - quiet;
          const dark = r >= 0 && c >= 0 && r < m.size && c < m.size && m.modules[r]![c]!;
          if (img.data[(y * img.width + x) * 4] !== (dark ? 0 : 255)) mismatches++;
        }
      }
      expect(mismatches, `scale ${scale}`).toBe(0);
    }
  });
});
