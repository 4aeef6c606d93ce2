// Reads the QR code the way a phone does — from pixels on the screen — and verifies it with the
// project's own verifier against the kiosk's demo DSC (<dataDir>/demo-keys/dsc.pem).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { verifyHc1, type VerificationReport } from '../../../core/dcc/verify';
import { certificateDer } from '../../../core/dcc/x509';

/** Screenshot of the QR element, decoded to its text (the HC1 string). */
export async function readQrFromScreen(page: Page): Promise<string> {
  const png = PNG.sync.read(await page.locator('[data-testid="certificate-qr"]').screenshot());
  const code = jsQR(
    new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length),
    png.width,
    png.height,
  );
  if (!code) throw new Error('no QR code found in the screenshot');
  return code.data;
}

export async function verifyWithDemoTrust(hc1: string, dataDir: string, now = new Date()): Promise<VerificationReport> {
  const der = certificateDer(readFileSync(path.join(dataDir, 'demo-keys', 'dsc.pem'), 'utf8'));
  if (!der) throw new Error('demo DSC unreadable');
  return verifyHc1(hc1, { dscs: [der] }, { now });
}
